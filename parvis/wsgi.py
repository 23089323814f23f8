"""WSGI entry point. With PARVIS_WARM_ENGINE=1 (as `make serve` sets it) each
server process opens the search indexes and loads the encoder when it starts,
not on a user's first search."""

import os

# One BLAS thread per process: the server's processes share the cores, and
# spinning BLAS threads in each of them would fight over them.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")
application = get_wsgi_application()

if os.environ.get("PARVIS_WARM_ENGINE") == "1":
    from parvis.search.service import warm_up

    warm_up()
