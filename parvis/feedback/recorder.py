"""Events written in the background, so that capture costs a search only the
time of putting a dict on a queue.

A daemon thread writes the queue every second (or sooner when a batch fills);
when a Celery broker is configured it hands each batch to a task instead. What
is still queued at a clean shutdown is written by an exit hook. Settings:
FEEDBACK_WRITES = "background" (default) or "inline" (write at once, in the
caller's thread and transaction)."""

from __future__ import annotations

import atexit
import logging
import queue
import threading

from django.conf import settings

from parvis.feedback.writing import write_batch

log = logging.getLogger(__name__)

BATCH_SIZE = 500
INTERVAL_SECONDS = 1.0


class Recorder:
    def __init__(self):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._wake = threading.Event()
        self._lock = threading.Lock()  # one writer at a time: the thread or a flush
        self._thread: threading.Thread | None = None
        self._stopping = False

    def add(self, kind: str, fields: dict) -> None:
        """Queue one event (`kind` names its table, see writing.WRITERS)."""
        if getattr(settings, "FEEDBACK_WRITES", "background") == "inline":
            self._write([(kind, fields)])
            return
        self._queue.put((kind, fields))
        self._ensure_thread()
        if self._queue.qsize() >= BATCH_SIZE:
            self._wake.set()

    def flush(self) -> int:
        """Write everything queued now, in this thread; the number of events."""
        written = 0
        with self._lock:
            while batch := self._take(BATCH_SIZE):
                self._write(batch)
                written += len(batch)
        return written

    def stop(self) -> None:
        """Write what is queued and end the thread (tests; a shutdown uses flush)."""
        self._stopping = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.flush()

    def pending(self) -> int:
        return self._queue.qsize()

    def _take(self, size: int) -> list:
        batch = []
        while len(batch) < size:
            try:
                batch.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return batch

    def _write(self, batch: list) -> None:
        try:
            if not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True):
                from parvis.feedback.tasks import write_events  # loads Celery only here

                write_events.delay(batch)
            else:
                write_batch(batch)
        except Exception:  # a lost batch must not break the visitor's page or the thread
            log.exception("Retours des visiteurs : %d événements non écrits", len(batch))

    def _ensure_thread(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="feedback-writer", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        from django.db import connection

        try:
            while not self._stopping:
                self._wake.wait(INTERVAL_SECONDS)
                self._wake.clear()
                self.flush()
                connection.close_if_unusable_or_obsolete()
        finally:
            connection.close()


recorder = Recorder()
atexit.register(recorder.flush)
