"""Static files: compressed (gzip and brotli) with hashed names once collected.

`collectstatic` (run by `make data`) writes each file under a name holding its
hash, with .gz and .br copies; WhiteNoise serves those with a one-year immutable
cache and picks the compressed copy the browser accepts. Before any collection
(tests, development) a file keeps its plain name, served from the apps' folders.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:  # not collected: the plain name, found by the finders
            return name
