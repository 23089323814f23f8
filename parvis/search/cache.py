"""Cache backends for search responses: values are JSON, never pickles.

- SQLiteLRUCache, the default: one SQLite file in the data dir, shared by the
  server's processes and kept across restarts, bounded in entries and bytes,
  least recently used entries evicted first.
- JSONSerializer, for Django's RedisCache (settings.CACHES["search"] when
  REDIS_URL is set): JSON instead of pickle, so that whoever can write to the
  Redis cannot make the servers run code. Bound Redis itself with `maxmemory`
  and `maxmemory-policy allkeys-lru`; entries also expire (TIMEOUT).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

SCHEMA = """
CREATE TABLE IF NOT EXISTS entry (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    size INTEGER NOT NULL,
    expires REAL,
    used REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS entry_used ON entry (used, size);
"""


def _dumps(value) -> str:
    """JSON text; refuses what JSON cannot hold (TypeError, ValueError)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class SQLiteLRUCache(BaseCache):
    """A bounded least-recently-used cache in one SQLite file (WAL), shared by
    processes.

    OPTIONS: MAX_ENTRIES (default 20,000), MAX_BYTES (default 256 MB of JSON),
    TOUCH_INTERVAL (seconds, default 1): a read refreshes an entry's last use
    at most that often, so that popular entries cost a write now and then, not
    on every hit. Over a bound, the least recently used entries are deleted
    down to 90 % of it, in the same transaction as the write that crossed it.
    """

    def __init__(self, location: str, params: dict):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.path = Path(location)
        self.max_bytes = int(options.get("MAX_BYTES", 256_000_000))
        self.touch_interval = float(options.get("TOUCH_INTERVAL", 1.0))
        self._local = threading.local()

    # -- connection: one per thread and process --------------------------------
    def _connection(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():  # a forked process opens its own
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
            local.db, local.pid = db, os.getpid()
        return local.db

    def _write(self, key: str, value, timeout, only_new: bool) -> bool:
        data = _dumps(value)
        size = len(data.encode())
        db = self._connection()
        now = time.time()
        db.execute("BEGIN IMMEDIATE")
        try:
            if only_new:
                row = db.execute("SELECT expires FROM entry WHERE key = ?", (key,)).fetchone()
                if row is not None and (row[0] is None or row[0] > now):
                    db.execute("COMMIT")
                    return False
            db.execute(
                "INSERT OR REPLACE INTO entry (key, value, size, expires, used)"
                " VALUES (?, ?, ?, ?, ?)",
                (key, data, size, self.get_backend_timeout(timeout), now),
            )
            self._evict(db, now)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return True

    def _evict(self, db: sqlite3.Connection, now: float) -> None:
        count, total = db.execute("SELECT count(*), total(size) FROM entry").fetchone()
        if count <= self._max_entries and total <= self.max_bytes:
            return
        keep_entries, keep_bytes = int(self._max_entries * 0.9), int(self.max_bytes * 0.9)
        db.execute(
            """DELETE FROM entry WHERE key IN (
                 SELECT key FROM (
                   SELECT key, expires,
                          row_number() OVER recent AS n, sum(size) OVER recent AS bytes
                   FROM entry WINDOW recent AS (ORDER BY used DESC, rowid DESC))
                 WHERE n > ? OR bytes > ? OR expires <= ?)""",
            (keep_entries, keep_bytes, now),
        )

    # -- Django's cache API ------------------------------------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._write(key, value, timeout, only_new=True)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._write(key, value, timeout, only_new=False)

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = self._connection()
        row = db.execute("SELECT value, expires, used FROM entry WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        data, expires, used = row
        now = time.time()
        if expires is not None and expires <= now:
            db.execute("DELETE FROM entry WHERE key = ? AND expires <= ?", (key, now))
            return default
        try:
            value = json.loads(data)
        except ValueError:  # not written by us: dropped, never interpreted
            db.execute("DELETE FROM entry WHERE key = ?", (key,))
            return default
        if now - used >= self.touch_interval:
            db.execute("UPDATE entry SET used = ? WHERE key = ?", (now, key))
        return value

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        cursor = self._connection().execute(
            "UPDATE entry SET expires = ?, used = ? WHERE key = ?",
            (self.get_backend_timeout(timeout), time.time(), key),
        )
        return cursor.rowcount > 0

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        cursor = self._connection().execute("DELETE FROM entry WHERE key = ?", (key,))
        return cursor.rowcount > 0

    def has_key(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        row = (
            self._connection().execute("SELECT expires FROM entry WHERE key = ?", (key,)).fetchone()
        )
        return row is not None and (row[0] is None or row[0] > time.time())

    def clear(self) -> None:
        self._connection().execute("DELETE FROM entry")

    def close(self, **kwargs) -> None:
        """Connections stay open for the thread's life (Django calls this after
        each request; reopening the file every request would cost more)."""

    def __len__(self) -> int:
        return self._connection().execute("SELECT count(*) FROM entry").fetchone()[0]


class JSONSerializer:
    """For django.core.cache.backends.redis.RedisCache (OPTIONS "serializer"):
    values as JSON text; integers stay Redis integers (incr/decr)."""

    def __init__(self, protocol=None):
        pass

    def dumps(self, obj):
        if type(obj) is int:
            return obj
        return _dumps(obj).encode()

    def loads(self, data):
        try:
            return int(data)
        except ValueError:
            return json.loads(data)
