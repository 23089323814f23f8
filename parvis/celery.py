"""Celery app: background work runs inline unless a broker is configured.

With CELERY_BROKER_URL unset, tasks run eagerly in the calling process (the
embedded default); set it (e.g. redis://127.0.0.1:6379/0) to scale out.

Loaded only where tasks are: the worker is started with
`celery -A parvis.celery worker`, and a module that defines tasks imports `app`
from here (rather than `shared_task`, which would fall back to an unconfigured
default app when this module has not been imported). `import parvis` does not
load Celery.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")

app = Celery("parvis")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
