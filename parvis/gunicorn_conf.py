"""gunicorn settings for `make serve`: one process per core, a few threads
each (requests spend part of their time in tantivy and numpy, outside the GIL),
and the search engine opened before a worker takes its first request."""

import os

# One BLAS thread per worker: several workers share two cores, and spinning BLAS
# threads in every process would fight over them.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

bind = os.environ.get("PARVIS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("PARVIS_WORKERS", os.cpu_count() or 2))
threads = int(os.environ.get("PARVIS_THREADS", 4))
worker_class = "gthread"
accesslog = os.environ.get("PARVIS_ACCESS_LOG", "-")
timeout = 60


def post_worker_init(worker):
    """Open the indexes and load the encoder now, not on a user's first search."""
    from parvis.search.service import warm_up

    warm_up()
