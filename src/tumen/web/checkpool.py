"""A bounded pool for article checks: they run in their own threads, off the event loop, so a
burst of checks cannot starve the other pages, and a bounded number wait; beyond that the API
answers 503 with Retry-After at once instead of queueing without end."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

__all__ = ["CHECK_QUEUE", "CHECK_WORKERS", "CheckPool", "PoolFull"]

CHECK_WORKERS = 2
CHECK_QUEUE = 8
RETRY_AFTER = 5  # seconds

T = TypeVar("T")


class PoolFull(Exception):
    """Every worker is busy and the queue is full."""

    retry_after = RETRY_AFTER


class CheckPool:
    def __init__(self, workers: int = CHECK_WORKERS, queue: int = CHECK_QUEUE) -> None:
        if workers < 1 or queue < 0:
            raise ValueError("a check pool needs at least one worker and a queue of 0 or more")
        self.workers = workers
        self.limit = workers + queue
        self.in_flight = 0  # changed only on the event loop's thread, so no lock
        self._executor: ThreadPoolExecutor | None = None

    async def run(self, fn: Callable[[], T]) -> T:
        """fn() in a worker thread; PoolFull at once when `workers + queue` are in flight."""
        if self.in_flight >= self.limit:
            raise PoolFull()
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="tumen-check")
        loop = asyncio.get_running_loop()
        future = self._executor.submit(fn)
        self.in_flight += 1

        def done(_: object) -> None:
            # counted until the thread is free, even when the client gave up waiting
            with contextlib.suppress(RuntimeError):  # a closed loop: nothing waits any more
                loop.call_soon_threadsafe(self._release)

        future.add_done_callback(done)
        return await asyncio.wrap_future(future)

    def _release(self) -> None:
        self.in_flight -= 1
