"""After area, group and general light commands, one debounced sweep sets every light right.

Gateways do not always report each light such a command switched, and a
group's members cannot be read from the bus. These sequences are synthetic
(the simulator echoes group and area commands without member reports); the
captured group sequence is replayed in ``replay/test_lighting.py``.
"""

import asyncio

from custom_components.onewire_own.openwebnet.debounce import DebouncedRequest
from custom_components.onewire_own.openwebnet.errors import OpenWebNetConnectionError
from custom_components.onewire_own.openwebnet.frames import Command, parse_frame
from custom_components.onewire_own.openwebnet.gateway import Gateway
from custom_components.onewire_own.openwebnet.items import Light
from custom_components.onewire_own.openwebnet.items.registry import is_light_broadcast
from custom_components.onewire_own.openwebnet.where import Where
from simulator.openwebnet import GatewaySimulator
from tests.peers.gateway import GatewayFactory

from .helpers import TIME_SCALE, GatewayConnector

DELAY = 0.1


def light(gateway: Gateway, where: str) -> Light:
    item = gateway.items[(1, where)]
    assert isinstance(item, Light)
    return item


def sweeps(sim: GatewaySimulator) -> int:
    return sum(1 for request in sim.requests(who=1) if request.build() == "*#1*0##")


async def quiet(sim: GatewaySimulator, gateway: Gateway) -> None:
    await asyncio.sleep(DELAY / 2)
    await sim.wait_until(lambda: not gateway.light_sweep_pending)


async def test_a_group_command_from_home_assistant_ends_with_its_members_right(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim, light_sweep_delay=DELAY)
    await gateway.discover()
    assert light(gateway, "13").is_on is True  # group 1: 13 and 14
    before = sweeps(sim)

    await gateway.send(Command(1, "0", (), Where.group(1)))
    await quiet(sim, gateway)

    assert light(gateway, "13").is_on is False
    assert light(gateway, "12").is_on is True  # not a member
    assert sweeps(sim) == before + 1
    assert gateway.light_sweeps == 1


async def test_a_burst_of_group_area_and_general_commands_costs_one_sweep(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim, light_sweep_delay=DELAY)
    await gateway.discover()
    before = sweeps(sim)

    # A scenario on the bus: five commands in a row, then its last word.
    await sim.on_bus("*1*0*#1##", "*1*1*1##", "*1*0*2#4#01##", "*1*0*0##", "*1*1*#1##")
    await quiet(sim, gateway)

    assert sweeps(sim) == before + 1
    assert [light(gateway, w).is_on for w in ("11", "12", "13", "14")] == [
        False,
        False,
        True,
        True,
    ]


async def test_known_area_members_follow_at_once_and_the_sweep_agrees(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim, light_sweep_delay=1.0)
    await gateway.discover()

    await sim.on_bus("*1*0*1##")  # area 1: 11, 12, 13, 14
    await sim.wait_until(lambda: light(gateway, "12").is_on is False)
    assert gateway.light_sweep_pending  # the registry did not wait for it
    assert light(gateway, "0015").is_on is False  # area 0: untouched
    await sim.wait_until(lambda: not gateway.light_sweep_pending, timeout=3)
    assert [light(gateway, w).is_on for w in ("11", "12", "13", "14")] == [False] * 4


async def test_motion_reports_and_refused_commands_cause_no_sweep(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim, light_sweep_delay=DELAY)
    await sim.emit("*1*34*1##", "*1*39*0##", "*1*1000#0*#1##")
    answers = await gateway.send(Command(1, "0", (), Where.group(9)))  # no member
    assert answers[-1].build() == "*#*0##"
    await asyncio.sleep(DELAY * 3)
    assert not gateway.light_sweep_pending
    assert gateway.light_sweeps == 0


def test_which_frames_call_for_a_light_sweep() -> None:
    calls = ["*1*0*#1##", "*1*1*0##", "*1*8*5##", "*1*0*#3#4#01##", "*1*1*00##"]
    none = ["*1*1*12##", "*1*34*1##", "*1*1000#0*#1##", "*2*0*0##", "*#1*0##"]
    assert [is_light_broadcast(parse_frame(text)) for text in calls] == [True] * 5
    assert [is_light_broadcast(parse_frame(text)) for text in none] == [False] * 5


async def test_a_trigger_while_the_request_runs_runs_it_once_more() -> None:
    started = asyncio.Event()
    release = asyncio.Event()

    async def run() -> None:
        started.set()
        await release.wait()

    request = DebouncedRequest(run, 0.01)
    request.trigger()
    await started.wait()
    started.clear()
    request.trigger()  # the running one may have answered before this change
    request.trigger()
    release.set()
    await started.wait()
    await asyncio.sleep(0.05)
    assert request.runs == 2
    assert not request.pending


async def test_a_burst_that_never_goes_quiet_is_served_anyway() -> None:
    ran = asyncio.Event()

    async def run() -> None:
        ran.set()

    request = DebouncedRequest(run, 0.02)  # served within 5 delays at most
    async with asyncio.timeout(1.0):
        while not ran.is_set():
            request.trigger()
            await asyncio.sleep(0.005)
    assert request.runs == 1
    await request.cancel()


async def test_a_failing_request_is_logged_and_a_cancelled_one_stops() -> None:
    async def fail() -> None:
        raise OpenWebNetConnectionError("gateway away")

    failing = DebouncedRequest(fail, 0.0)
    failing.trigger()
    await asyncio.sleep(0.02)
    assert (failing.runs, failing.pending) == (1, False)

    never = asyncio.Event()
    blocked = DebouncedRequest(never.wait, 0.0)
    blocked.trigger()
    await asyncio.sleep(0.01)
    assert blocked.pending
    await blocked.cancel()
    assert not blocked.pending
    blocked.trigger()
    await blocked.cancel()  # a scheduled one is dropped too
    assert (blocked.runs, blocked.pending) == (1, False)
