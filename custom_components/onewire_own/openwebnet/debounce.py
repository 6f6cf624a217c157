"""``DebouncedRequest``: run one request once a burst of reasons for it is over.

After a light command to an area, a group or the whole bus, a gateway does not
always report each light it switched (group members cannot even be known from
the bus), so the gateway sweeps the lights once things are quiet. Several such
commands in a row (a scenario, an automation switching five areas) must cost
one sweep, not five: every trigger restarts the delay, and a burst that never
goes quiet is served after ``max_delay`` anyway. A trigger that comes while the
request runs is served by one more run afterwards, since the running one may
have been answered before the change it was triggered for.
"""

import asyncio
from collections.abc import Awaitable, Callable
import logging

from .errors import OpenWebNetError

_LOGGER = logging.getLogger(__package__)

#: A burst that never goes quiet is served after this many delays.
MAX_DELAY_FACTOR = 5


class DebouncedRequest:
    """Call ``run`` once, ``delay`` seconds after the last of a burst of triggers."""

    def __init__(
        self,
        run: Callable[[], Awaitable[object]],
        delay: float,
        *,
        name: str = "debounced request",
    ) -> None:
        """Describe the request; nothing runs before the first ``trigger``.

        Args:
            run: sends the request; an OpenWebNetError it raises is logged at
                debug level (the gateway may be down; the next trigger or the
                reconnect's resync tries again).
            delay: quiet seconds after the last trigger before it runs.
            name: how logs call it.

        """
        self._run = run
        self._delay = delay
        self._max_delay = delay * MAX_DELAY_FACTOR
        self._name = name
        self._burst_start: float | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._task: asyncio.Task[None] | None = None
        self._again = False
        #: How many times the request ran (diagnostics and tests).
        self.runs = 0

    @property
    def pending(self) -> bool:
        """True while a run is scheduled or in progress."""
        return self._timer is not None or (
            self._task is not None and not self._task.done()
        )

    def trigger(self) -> None:
        """A reason to run: (re)start the delay."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        if self._burst_start is None:
            self._burst_start = now
        if self._timer is not None:
            self._timer.cancel()
        when = min(now + self._delay, self._burst_start + self._max_delay)
        self._timer = loop.call_at(when, self._fire)

    def _fire(self) -> None:
        self._timer = None
        self._burst_start = None
        if self._task is not None and not self._task.done():
            self._again = True  # run once more when this one is over
            return
        self._task = asyncio.get_running_loop().create_task(
            self._run_once(), name=self._name
        )

    async def _run_once(self) -> None:
        self.runs += 1
        try:
            await self._run()
        except OpenWebNetError as err:
            _LOGGER.debug("The %s failed: %s", self._name, err)
        finally:
            if self._again:
                self._again = False
                self.trigger()

    async def cancel(self) -> None:
        """Drop what is scheduled and stop what runs (the gateway is closing)."""
        self._again = False
        self._burst_start = None
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            await asyncio.wait({task})
