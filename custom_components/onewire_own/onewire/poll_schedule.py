"""Which devices a poll reads: each one at its own interval.

The coordinator wakes up at the shortest interval of all (``poll_tick``) and
polls only the devices that are due: a door contact set to 2 s is read every
tick, a cellar thermometer set to 10 min every 300th, the rest at the entry's
interval. A device is due when its interval has passed, give or take half a
tick (so a 30 s interval on a 2 s tick is read every 30 s, not every 32 s).
A device never polled, or whose value is wanted at once (after a write, a
reconnection, a newly shown attribute), is due at the next tick.

Times are Home Assistant's clock in seconds (``dt_util.utcnow()``), the clock
its timers run on; should it go back (a clock set by hand), every device is
due at once rather than stalled.
"""

from collections.abc import Iterable

from .settings import OwserverSettings


class PollSchedule:
    """When each device was last polled, and whether it is due."""

    def __init__(self, settings: OwserverSettings) -> None:
        """Follow the intervals of settings."""
        self._settings = settings
        self._polled_at: dict[str, float] = {}

    def due(self, device_ids: Iterable[str], now: float) -> set[str]:
        """The devices among device_ids to poll at time now (seconds)."""
        tick = self._settings.poll_tick.total_seconds()
        due: set[str] = set()
        for device_id in device_ids:
            polled_at = self._polled_at.get(device_id)
            interval = self._settings.poll_interval_of(device_id).total_seconds()
            if (
                polled_at is None
                or interval <= tick
                or not 0 <= now - polled_at < interval - tick / 2
            ):
                due.add(device_id)
        return due

    def polled(self, device_ids: Iterable[str], now: float) -> None:
        """These devices were polled at now."""
        for device_id in device_ids:
            self._polled_at[device_id] = now

    def poll_soon(self, device_id: str | None = None) -> None:
        """Make a device (None: every device) due at the next tick."""
        if device_id is None:
            self._polled_at.clear()
        else:
            self._polled_at.pop(device_id, None)
