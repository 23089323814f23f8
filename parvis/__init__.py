"""Parvis: open-source platform for French digital public services.

The Celery app (`parvis.celery`) is not imported here: no task exists yet, so
neither the site nor the commands load Celery. A worker names it
(`celery -A parvis.celery worker`); a module that defines tasks imports it.
"""

__version__ = "0.1.0"
