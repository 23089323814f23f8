"""`python -m parvis <command>`: the management commands (ingest, build_index,
search, eval, train_ranker, and Django's own). `make run` serves the site."""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["python -m parvis", *argv])


if __name__ == "__main__":
    main()
