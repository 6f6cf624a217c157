"""Is a bus failing now and then, or for a while? Error rates from owserver's counters.

Once a minute the coordinator reads owserver's counters (``owfs.statistics``)
and hands them here. Each window (the change since the previous read) gives
two kinds of rate:

- CRC: failed CRC checks of what the chips sent, of all CRC checks, over all
  of the server's buses (owserver does not count them per bus);
- per bus master (``/bus.0``): its errors and timeouts, of its bus resets
  (every 1-Wire transaction starts with one).

A window is bad when at least ``MIN_ERRORS`` errors make more than
``ERROR_RATE_THRESHOLD`` of the operations. A rate is *sustained* after
``SUSTAINED_WINDOWS`` bad windows in a row; it is over after as many good
ones. A single glitch (a device unplugged, a lightning spike) never counts,
and the window in which owserver restarted (counters back to 0) is skipped.
Windows without any operation leave the verdict as it is.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from ..owfs import ServerStatistics

#: How often owserver's counters are read.
STATISTICS_INTERVAL: Final = timedelta(minutes=1)
#: More than this share of operations failing makes a window bad...
ERROR_RATE_THRESHOLD: Final = 0.01
#: ... if at least this many errors happened in it.
MIN_ERRORS: Final = 3
#: Bad windows in a row for a sustained rate; good ones in a row to end it.
SUSTAINED_WINDOWS: Final = 5
#: The source of the server-wide CRC rate (bus sources are bus paths).
CRC: Final = "crc"


@dataclass(frozen=True, slots=True)
class ErrorRate:
    """A sustained error rate: where, and the share of failed operations."""

    source: str
    rate: float


def _counts(statistics: ServerStatistics) -> Iterator[tuple[str, int, int]]:
    """(source, errors, operations) of every rate the counters give."""
    yield CRC, statistics.crc_errors, statistics.crc_checks
    for path, bus in statistics.buses.items():
        yield path, bus.errors + bus.timeouts, bus.resets


class ErrorRateWatch:
    """Follows one owserver's error rates window by window."""

    def __init__(self) -> None:
        """Start with no counters seen."""
        self._previous: dict[str, tuple[int, int]] = {}
        self._bad: dict[str, int] = {}
        self._good: dict[str, int] = {}
        self._sustained: dict[str, float] = {}

    @property
    def sustained(self) -> list[ErrorRate]:
        """The sources whose error rate is sustained now, with their last bad rate."""
        return [ErrorRate(source, rate) for source, rate in self._sustained.items()]

    def update(self, statistics: ServerStatistics) -> None:
        """Judge the window since the previous counters."""
        current = {source: (e, o) for source, e, o in _counts(statistics)}
        for source, (errors, operations) in current.items():
            previous = self._previous.get(source)
            if previous is None:
                continue
            new_errors, new_operations = errors - previous[0], operations - previous[1]
            # Counters going back: owserver restarted, the window is unknown
            # (the verdict stands: a restart mends no cable).
            if (
                new_errors >= 0
                and new_operations >= 0
                and (new_errors or new_operations)
            ):
                self._judge(source, new_errors, new_operations)
        for source in set(self._previous) - set(current):
            self._forget(source)  # the bus is gone
        self._previous = current

    def _judge(self, source: str, errors: int, operations: int) -> None:
        rate = errors / max(operations, errors)
        if errors >= MIN_ERRORS and rate > ERROR_RATE_THRESHOLD:
            self._good.pop(source, None)
            self._bad[source] = self._bad.get(source, 0) + 1
            if self._bad[source] >= SUSTAINED_WINDOWS:
                self._sustained[source] = rate
            return
        self._bad.pop(source, None)
        if source in self._sustained:
            self._good[source] = self._good.get(source, 0) + 1
            if self._good[source] >= SUSTAINED_WINDOWS:
                self._forget(source)

    def _forget(self, source: str) -> None:
        self._bad.pop(source, None)
        self._good.pop(source, None)
        self._sustained.pop(source, None)
