"""owserver's own error counters: how healthy its buses are.

owserver counts, since it started (checked against owserver 3.2p4):

- ``/statistics/errors/CRC8_errors`` of ``CRC8_tries`` and ``CRC16_errors``
  of ``CRC16_tries``: CRC checks of what the chips sent that failed, over all
  its buses (noise, long cables, a weak pull-up);
- ``/statistics/read/tries.ALL`` and ``/statistics/write/tries.ALL``: reads
  (writes) tried once, a second and a third time: the second figure counts
  the ones whose first try failed;
- ``/bus.N/interface/statistics/errors``, ``timeouts`` and ``resets``, per
  bus master: errors and timeouts of the adapter, and the bus resets that
  start every 1-Wire transaction (so errors per reset is a rate).

Counters start again from 0 when owserver restarts.
"""

from dataclasses import dataclass, field

from .access import OwserverAccess
from .errors import OwfsServerError
from .protocol import decode_text

CRC8_ERRORS = "/statistics/errors/CRC8_errors"
CRC8_TRIES = "/statistics/errors/CRC8_tries"
CRC16_ERRORS = "/statistics/errors/CRC16_errors"
CRC16_TRIES = "/statistics/errors/CRC16_tries"
READ_TRIES = "/statistics/read/tries.ALL"
WRITE_TRIES = "/statistics/write/tries.ALL"
BUS_COUNTERS = ("errors", "timeouts", "resets")


@dataclass(frozen=True, slots=True)
class BusStatistics:
    """One bus master's counters."""

    errors: int = 0
    timeouts: int = 0
    resets: int = 0


@dataclass(frozen=True, slots=True)
class ServerStatistics:
    """An owserver's counters at one moment (all 0 where it has none)."""

    crc_errors: int = 0
    crc_checks: int = 0
    reads: int = 0
    read_retries: int = 0
    writes: int = 0
    write_retries: int = 0
    #: Physical bus path (``/bus.0``) → its bus master's counters.
    buses: dict[str, BusStatistics] = field(default_factory=dict)

    @property
    def bus_errors(self) -> int:
        """Errors of every bus master together."""
        return sum(bus.errors for bus in self.buses.values())

    @property
    def bus_timeouts(self) -> int:
        """Timeouts of every bus master together."""
        return sum(bus.timeouts for bus in self.buses.values())


async def _counter(server: OwserverAccess, path: str) -> int:
    """One counter; 0 when this owserver does not have it."""
    try:
        text = decode_text(await server.read(path, uncached=True))
    except OwfsServerError:
        return 0
    try:
        return int(text.strip() or 0)
    except ValueError:
        return 0


async def _tries(server: OwserverAccess, path: str) -> tuple[int, int]:
    """First tries and second tries of ``tries.ALL`` (``"18, 2, 0"``)."""
    try:
        text = decode_text(await server.read(path, uncached=True))
    except OwfsServerError:
        return 0, 0
    try:
        first, second, *_ = [int(part.strip() or 0) for part in text.split(",")]
    except ValueError:
        return 0, 0
    return first, second


async def read_statistics(server: OwserverAccess) -> ServerStatistics:
    """Read owserver's error counters, and those of each physical bus master.

    Raises:
        OwfsConnectionError: the server could not be reached.
    """
    reads, read_retries = await _tries(server, READ_TRIES)
    writes, write_retries = await _tries(server, WRITE_TRIES)
    buses: dict[str, BusStatistics] = {}
    for bus in server.buses:
        if bus.coupler is not None or not bus.path:
            continue  # a coupler branch or the root has no bus master
        base = f"{bus.path_str.rstrip('/')}/interface/statistics"
        counts = [await _counter(server, f"{base}/{name}") for name in BUS_COUNTERS]
        buses[bus.path_str] = BusStatistics(*counts)
    return ServerStatistics(
        crc_errors=await _counter(server, CRC8_ERRORS)
        + await _counter(server, CRC16_ERRORS),
        crc_checks=await _counter(server, CRC8_TRIES)
        + await _counter(server, CRC16_TRIES),
        reads=reads,
        read_retries=read_retries,
        writes=writes,
        write_retries=write_retries,
        buses=buses,
    )
