"""`python -m parvis <command>`: the Django management commands, plus `run`.

`python -m parvis run` prepares everything (database, corpus, indexes) and
serves the site with gunicorn on 127.0.0.1:8000.
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["python -m parvis", *argv])


if __name__ == "__main__":
    main()
