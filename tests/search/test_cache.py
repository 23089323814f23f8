"""The response cache: JSON values (never pickles), bounded least-recently-used
eviction in one SQLite file shared by processes, and Redis with JSON values."""

import multiprocessing
import pickle
import shutil
import socket
import sqlite3
import subprocess
import time

import pytest
from django.core.cache import caches
from django.test import override_settings

from parvis.search.cache import SQLiteLRUCache
from parvis.settings import sqlite_search_cache


def lru(path, **options):
    params = sqlite_search_cache(path)
    params["OPTIONS"].update(options)
    return SQLiteLRUCache(params["LOCATION"], params)


class RunsCode:
    """A pickle that runs code when loaded (what a writer to the cache could plant)."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_flood_of_distinct_queries_stays_bounded_and_keeps_the_latest(tmp_path):
    cache = lru(tmp_path / "c.sqlite3", MAX_ENTRIES=50)
    for i in range(500):
        cache.set(f"q{i}", {"query": f"q{i}", "results": []})
        assert len(cache) <= 50
    assert cache.get("q499") == {"query": "q499", "results": []}
    kept = [i for i in range(500) if cache.get(f"q{i}") is not None]
    assert kept == list(range(500 - len(kept), 500)) and len(kept) >= 45


def test_entries_read_recently_are_kept(tmp_path):
    cache = lru(tmp_path / "c.sqlite3", MAX_ENTRIES=20, TOUCH_INTERVAL=0)
    cache.set("popular", [1])
    for i in range(100):
        cache.set(f"q{i}", [i])
        assert cache.get("popular") == [1]
    assert len(cache) <= 20


def test_size_in_bytes_is_bounded(tmp_path):
    cache = lru(tmp_path / "c.sqlite3", MAX_BYTES=10_000)
    for i in range(100):
        cache.set(f"q{i}", "x" * 1000)
    total = sqlite3.connect(tmp_path / "c.sqlite3").execute("SELECT sum(size) FROM entry")
    assert total.fetchone()[0] <= 10_000
    assert cache.get("q99") == "x" * 1000 and cache.get("q0") is None


def test_values_are_json_and_a_planted_pickle_is_never_loaded(tmp_path):
    cache = lru(tmp_path / "c.sqlite3")
    with pytest.raises(TypeError):
        cache.set("k", {1, 2})  # not JSON
    cache.set("k", {"a": [1, 2.5, None, "é"]})
    db = sqlite3.connect(tmp_path / "c.sqlite3")
    assert db.execute("SELECT value FROM entry").fetchone()[0] == '{"a":[1,2.5,null,"é"]}'
    marker = tmp_path / "pwned"
    key = cache.make_key("k")
    db.execute("UPDATE entry SET value = ? WHERE key = ?", (pickle.dumps(RunsCode(marker)), key))
    db.commit()
    assert cache.get("k") is None and not marker.exists()
    assert not cache.has_key("k")  # dropped


def test_expiry_add_touch_delete(tmp_path):
    cache = lru(tmp_path / "c.sqlite3")
    cache.set("short", 1, timeout=0.05)
    assert cache.add("fresh", 1) and not cache.add("fresh", 2)
    time.sleep(0.1)
    assert cache.get("short") is None and cache.add("short", 3) and cache.get("short") == 3
    assert cache.touch("fresh", timeout=None) and not cache.touch("missing")
    assert cache.delete("fresh") and cache.get("fresh", "default") == "default"


def _write_from_another_process(path):
    lru(path).set("from-child", {"ok": True})


def test_processes_share_the_file(tmp_path):
    cache = lru(tmp_path / "c.sqlite3")
    cache.set("from-parent", 1)  # a connection opened before the fork is not reused
    child = multiprocessing.get_context("fork").Process(
        target=_write_from_another_process, args=(tmp_path / "c.sqlite3",)
    )
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert cache.get("from-child") == {"ok": True}


@pytest.fixture
def redis_url(tmp_path):
    """A real redis-server of our own, on a Unix socket, for this test only."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    sock = tmp_path / "redis.sock"
    process = subprocess.Popen(
        [server, "--port", "0", "--unixsocket", str(sock), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    try:
        for _ in range(100):
            if sock.exists():
                probe = socket.socket(socket.AF_UNIX)
                try:
                    probe.connect(str(sock))
                    break
                except OSError:
                    pass
                finally:
                    probe.close()
            time.sleep(0.05)
        yield f"unix://{sock}"
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.django_db
def test_redis_holds_json_and_a_planted_pickle_is_never_loaded(
    search_engine, redis_url, tmp_path, settings
):
    import redis

    search = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url,
        "TIMEOUT": 3600,
        "OPTIONS": {"serializer": "parvis.search.cache.JSONSerializer"},
    }
    request = ("licenciement pour motif économique", None, 10, 0)
    with override_settings(CACHES={**settings.CACHES, "search": search}):
        response = search_engine.search(request[0])
        assert search_engine.cache.get(request) == response
        client = redis.Redis.from_url(redis_url)
        [key] = client.keys("*")
        assert client.get(key).decode().startswith('{"query":"licenciement pour motif')
        assert 0 < client.ttl(key) <= 3600
        marker = tmp_path / "pwned"
        client.set(key, pickle.dumps(RunsCode(marker)))
        assert search_engine.cache.get(request) is None and not marker.exists()
        assert search_engine.search(request[0]) == response  # answered afresh
        assert caches["search"].add("hits", 1) and caches["search"].incr("hits") == 2
