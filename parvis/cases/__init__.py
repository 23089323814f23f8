"""Démarches en ligne: procedures built as data, dossiers and their instruction.

The domain core only: models, field types, the dossier workflow, routing and the
audit log. Pages (www/) and the API (api/) are built on it and hold no rule.
"""
