"""Per-visit caps, in process memory: counted on every search, they must cost
microseconds, not a cache round trip. Each server process counts on its own,
so the effective cap is at most the number of processes times the limit,
which is enough to keep one visit from weighing like thousands."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

MAX_VISITS = 50_000  # least recently seen visits are forgotten beyond this


@dataclass
class _Usage:
    window_start: float
    counts: dict[str, int] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)


class VisitCaps:
    def __init__(self, limits: dict[str, int], window_seconds: float):
        self.limits = limits
        self.window = window_seconds
        self._visits: OrderedDict[str, _Usage] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, visit: str, kind: str, once_key: str = "") -> bool:
        """Count one `kind` action; False past the hourly limit or when
        `once_key` was already counted for this visit in the window."""
        now = time.monotonic()
        with self._lock:
            usage = self._visits.get(visit)
            if usage is None or now - usage.window_start > self.window:
                usage = _Usage(now)
            self._visits[visit] = usage
            self._visits.move_to_end(visit)
            while len(self._visits) > MAX_VISITS:
                self._visits.popitem(last=False)
            if once_key:
                marker = f"{kind}:{once_key}"
                if marker in usage.seen:
                    return False
                usage.seen.add(marker)
            usage.counts[kind] = usage.counts.get(kind, 0) + 1
            return usage.counts[kind] <= self.limits[kind]

    def clear(self) -> None:
        with self._lock:
            self._visits.clear()
