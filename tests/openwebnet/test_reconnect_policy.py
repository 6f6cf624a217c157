"""Reconnecting after outages: quick after a loss, backing off only while attempts fail.

The target (issue 12.3): 20 gateway reboots of 1-5 s, spaced 5-60 s apart,
and the client is available again within 5 s of the gateway's port
reopening every time, with never more than 10 logins in any minute. A
gateway that drops every session right after the login is held to 10 logins
a minute by the login cap, not by a long first sleep.

Everything runs 20 times faster than life (the simulator's ``time_scale``
and the client's delays, windows and timeouts scaled alike), so the 20
reboots take about half a minute; durations are reported in gateway
seconds. The tests print what they measured (``pytest -s`` shows it).
"""

import asyncio
from dataclasses import dataclass
import random
import statistics

import pytest

from custom_components.onewire_own.openwebnet.frames import ACK, StatusRequest
from custom_components.onewire_own.openwebnet.gateway import Gateway
from custom_components.onewire_own.openwebnet.where import Where
from simulator.openwebnet import GatewaySimulator, SessionKind
from tests.peers.gateway import GatewayFactory

from .helpers import GatewayConnector

SCALE = 0.05
REBOOTS = 20
TARGET_RECOVERY = 5.0  # gateway seconds after the port reopens
#: Wall-clock hiccups of a loaded test machine, in gateway seconds (0.1 s of
#: wall time): the timing check has this margin, the policy checks none.
JITTER = 0.1 / SCALE
MAX_LOGINS_PER_MINUTE = 10
SWEEP = StatusRequest(1, Where("0"))


def scaled_client(scale: float) -> dict[str, float]:
    """The client's default timings, scaled like the simulator."""
    return {
        "pacing": 0.15 * scale * 1.5,  # MH200N pacing, with margin for jitter
        "keepalive": 90 * scale,
        "probe_timeout": 10 * scale,
        "request_timeout": 1.0,
        "handshake_timeout": 1.0,
        "reconnect_min": 1 * scale,
        "reconnect_max": 60 * scale,
        "login_window": 60 * scale,
    }


def most_logins_in_a_minute(logins: list[float]) -> int:
    """The largest number of logins within any 60 gateway seconds."""
    return max(
        (sum(start <= t < start + 60 for t in logins) for start in logins), default=0
    )


@dataclass
class Outage:
    """One reboot as the client lived it, in gateway seconds."""

    downtime: float
    recovery: float
    #: TCP connections the gateway accepted from its reopening to recovery.
    connections: int


async def recover(
    sim: GatewaySimulator, gateway: Gateway, downtime: float, lost: asyncio.Event
) -> Outage:
    """Reboot the gateway; return how long after its port reopened it was usable.

    Usable as Home Assistant needs it: the event session back and a sweep
    (the resync) answered on a command session.
    """
    lost.clear()
    reboot = asyncio.create_task(sim.reboot(downtime))
    await asyncio.wait_for(lost.wait(), 5)  # the loss is noticed (a reset)
    await reboot
    reopened = sim.clock.now()
    connections = sim.counters.connections
    await sim.wait_until(lambda: gateway.connected, timeout=30)
    answers = await gateway.send(SWEEP)
    assert answers[-1] == ACK
    return Outage(
        downtime,
        sim.clock.now() - reopened,
        sim.counters.connections - connections,
    )


async def start_client(
    sim: GatewaySimulator, connect: GatewayConnector
) -> tuple[Gateway, asyncio.Event, list[bool]]:
    gateway = await connect(sim, **scaled_client(SCALE))
    lost = asyncio.Event()
    changes: list[bool] = []

    def heard(connected: bool) -> None:
        changes.append(connected)
        if not connected:
            lost.set()

    gateway.add_connection_listener(heard)
    return gateway, lost, changes


def report(title: str, rows: list[str]) -> None:
    """Print what a test measured (shown with pytest -s, kept in reports)."""
    print(f"\n{title}")  # noqa: T201 - the measured figures are the point
    for row in rows:
        print(f"  {row}")  # noqa: T201


async def test_twenty_short_reboots_each_cost_seconds_and_few_logins(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(profile="MH200N", time_scale=SCALE)
    gateway, lost, changes = await start_client(sim, connect)
    schedule = random.Random(12)
    # First a long outage: its failed attempts grow the backoff to 32 s;
    # the login that ends it must reset it, or the next short reboot pays.
    long_outage = await recover(sim, gateway, 40.0, lost)

    outages: list[Outage] = []
    for _ in range(REBOOTS):
        await sim.clock.sleep(schedule.uniform(5, 60))
        outages.append(await recover(sim, gateway, schedule.uniform(1, 5), lost))

    recoveries = [outage.recovery for outage in outages]
    busiest = most_logins_in_a_minute(sim.logins)
    report(
        f"{REBOOTS} reboots of an MH200N (gateway seconds; time scale {SCALE}):",
        [
            f"long outage first: down {long_outage.downtime:.0f} s,"
            f" usable {long_outage.recovery:.2f} s after the port reopened",
            *(
                f"reboot {n:2d}: down {o.downtime:.2f} s, usable"
                f" {o.recovery:.2f} s after the port reopened"
                for n, o in enumerate(outages, 1)
            ),
            f"recovery: median {statistics.median(recoveries):.2f} s,"
            f" max {max(recoveries):.2f} s (target <= {TARGET_RECOVERY:.0f} s)",
            f"logins: {len(sim.logins)} in all, at most {busiest} in any minute"
            f" (target <= {MAX_LOGINS_PER_MINUTE})",
        ],
    )
    assert changes == [False, True] * (REBOOTS + 1)
    # The policy: the first attempt after the port reopens gets both sessions
    # back (no attempt is wasted, none is refused), so each reboot costs two
    # logins, and the cap is never reached.
    assert [outage.connections for outage in outages] == [2] * REBOOTS
    assert len(sim.logins) == 2 * (REBOOTS + 2)
    assert busiest <= MAX_LOGINS_PER_MINUTE
    # The timing: attempts come 1 s apart for the first 6 s of a loss.
    assert max(recoveries) <= TARGET_RECOVERY + JITTER


async def drop_every_event_session(sim: GatewaySimulator, seconds: float) -> None:
    """A flapping gateway: every event session dies right after its login."""
    async with asyncio.timeout(sim.clock.wall(seconds)):
        while True:
            sim.drop_sessions(SessionKind.EVENT)
            await asyncio.sleep(0.001)


async def test_a_flapping_gateway_gets_at_most_ten_logins_a_minute(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(profile="F454", time_scale=SCALE)
    _gateway, _lost, changes = await start_client(sim, connect)
    first = len(sim.logins)

    with pytest.raises(TimeoutError):
        await drop_every_event_session(sim, 180)

    flapping = sim.logins[first:]
    busiest = most_logins_in_a_minute(flapping)
    report(
        f"a gateway dropping every event session for 180 s (time scale {SCALE}):",
        [
            f"logins: {len(flapping)}, at most {busiest} in any minute"
            f" (cap {MAX_LOGINS_PER_MINUTE}; a 1 s reconnect alone would allow ~60)",
            f"connection changes heard: {len(changes)}",
        ],
    )
    assert busiest <= MAX_LOGINS_PER_MINUTE
    # The cap, not a long sleep, is what limits it: the client uses it fully.
    assert busiest >= MAX_LOGINS_PER_MINUTE - 1
    assert len(flapping) >= 2 * MAX_LOGINS_PER_MINUTE
