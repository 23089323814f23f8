"""Celery is loaded only where tasks are: by the worker, not by `import parvis`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def run_python(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_site_does_not_load_celery():
    loaded = run_python(
        "import sys, parvis.wsgi\n"
        "from django.urls import resolve\n"
        "resolve('/recherche')\n"
        "print(sorted(m for m in ('celery', 'kombu') if m in sys.modules))"
    )
    assert loaded == "[]"


def test_the_worker_app_runs_tasks_inline_without_a_broker():
    out = run_python(
        "from parvis.celery import app\n"
        "print(app.main, app.conf.task_always_eager, app.conf.broker_url)"
    )
    assert out == "parvis True memory://"
