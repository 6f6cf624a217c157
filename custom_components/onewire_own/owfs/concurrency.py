"""Running many small owserver requests with bounded concurrency."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def run_bounded[T](
    jobs: Sequence[Callable[[], Awaitable[T]]], limit: int
) -> list[T]:
    """Run jobs with at most limit at a time; results in job order.

    A few workers pull from the job list instead of one task per job: a poll
    of 500 sensors through 2 connections then costs 2 tasks, not 500 queued
    futures. Jobs should catch their own errors; the first one that escapes
    cancels the others and is raised.
    """
    results: list[T | None] = [None] * len(jobs)
    iterator = iter(enumerate(jobs))

    async def worker() -> None:
        for index, job in iterator:
            results[index] = await job()

    workers = max(1, min(limit, len(jobs)))
    async with asyncio.TaskGroup() as group:
        for _ in range(workers):
            group.create_task(worker())
    return results  # type: ignore[return-value]
