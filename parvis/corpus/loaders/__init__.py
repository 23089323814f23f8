"""One loader per official source, in the order they must load (codes first:
the others resolve their citations against them)."""

from parvis.corpus.loaders.contributions import ContributionsLoader
from parvis.corpus.loaders.kali import KaliLoader
from parvis.corpus.loaders.legi import LegiLoader
from parvis.corpus.loaders.travail import TravailLoader
from parvis.corpus.loaders.vdd import VddLoader

LOADERS = [LegiLoader(), KaliLoader(), VddLoader(), TravailLoader(), ContributionsLoader()]
LOADERS_BY_SOURCE = {loader.source: loader for loader in LOADERS}
