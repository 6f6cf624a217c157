"""Session limits: one command session and the event session fit every gateway.

Every model holds one event session plus a few command sessions (PROTOCOLS.md
§2): MyHOMEServer1, F454, F455 and F461 four, MH202 two, MH201, MH200N and
MH200 one. Past the limit a gateway does not answer the session request, and
an MH200N's event session goes quiet meanwhile. These tests run the client
against each one-command-session model, check what it does past the limit,
and play a gateway whose sessions are partly taken by another client: requests
keep working on the sessions that did open, the refused ones are asked for
again only with a backoff, and a request cancelled mid-answer never leaves its
answers to the next one.
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
import contextlib

import pytest

from custom_components.onewire_own.openwebnet.errors import (
    OpenWebNetConnectionError,
    SessionSlotsExhaustedError,
)
from custom_components.onewire_own.openwebnet.frames import (
    ACK,
    Command,
    Frame,
    StatusRequest,
)
from custom_components.onewire_own.openwebnet.items import Light
from custom_components.onewire_own.openwebnet.session import (
    Session,
    SessionSettings,
    SessionType,
    open_session,
)
from custom_components.onewire_own.openwebnet.where import Where
from simulator.openwebnet import PROFILES, GatewaySimulator, SessionKind, WriteMode
from tests.peers.gateway import GatewayFactory

from .helpers import TIME_SCALE, GatewayConnector

# MH202 idles command sessions out after 60 gateway seconds: 6 s here, so the
# other client's session stays while a test runs; its 100 ms pacing is 10 ms.
SLOW_SCALE = 0.1
MH202_PACING = 0.05
#: MH202 pacing, and a refused session asked for again only after an hour.
NO_REGROWTH = {"pacing": MH202_PACING, "grow_retry_min": 3600}
LIGHTS = ["11", "12", "13", "14", "0015", "21#4#01"]
ONE_COMMAND_SESSION = [
    name for name, profile in PROFILES.items() if profile.command_sessions == 1
]

type OtherClient = Callable[[GatewaySimulator], Awaitable[Session]]


@pytest.fixture
async def other_client() -> AsyncIterator[OtherClient]:
    """Another program holding a command session (a slot) on a gateway."""
    async with contextlib.AsyncExitStack() as stack:

        async def take_a_slot(sim: GatewaySimulator) -> Session:
            settings = SessionSettings(host="127.0.0.1", port=sim.port)
            session = await open_session(settings, SessionType.CommandSession)
            stack.push_async_callback(session.close)
            return session

        yield take_a_slot


async def ask_every_light(
    send: Callable[[Frame], Awaitable[list[Frame]]],
) -> list[list[Frame]]:
    """Status of each light, all at once (each request takes a pool slot)."""
    return await asyncio.gather(
        *(send(StatusRequest(1, Where.parse(where))) for where in LIGHTS * 2)
    )


@pytest.mark.parametrize("profile", ONE_COMMAND_SESSION)
async def test_a_one_command_session_gateway_sets_up_controls_reconnects_and_resyncs(
    gateway_factory: GatewayFactory, connect: GatewayConnector, profile: str
) -> None:
    sim = await gateway_factory(profile=profile, time_scale=TIME_SCALE)
    gateway = await connect(sim, pacing=0.02)  # scaled pacing is 1.5 ms: jitter
    changes: list[bool] = []
    gateway.add_connection_listener(changes.append)

    await gateway.discover()  # set up: sweeps (the gateway NACKs *#4*0##)
    kitchen = gateway.items[(1, "12")]
    assert isinstance(kitchen, Light)
    assert kitchen.is_on is True
    assert len(sim.sessions_of(SessionKind.COMMAND)) == 1
    assert len(sim.sessions_of(SessionKind.EVENT)) == 1

    await kitchen.turn_off()  # control, and its echo on the event session
    await sim.wait_until(lambda: kitchen.is_on is False)
    await sim.set_contact("301", closed=True)
    door = gateway.get_item(25, "301")
    await sim.wait_until(lambda: door.is_closed is True)  # type: ignore[attr-defined]

    down = asyncio.create_task(sim.reboot(downtime=100))  # 1 s
    await sim.wait_until(lambda: changes == [False])
    await sim.set_contact("301", closed=False)  # while nobody listens
    await down
    await sim.wait_until(lambda: changes == [False, True])  # reconnected

    await gateway.discover()  # resync: what happened meanwhile is learned
    assert door.is_closed is False  # type: ignore[attr-defined]
    assert sim.counters.sessions_unanswered == 0
    assert sim.counters.events_lost == 0


async def test_a_second_command_session_on_an_mh201_is_left_out_and_events_go_on(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(profile="MH201", time_scale=TIME_SCALE)
    gateway = await connect(sim, command_sessions=2, pacing=0.02, grow_retry_min=3600)

    assert (gateway.command_sessions, gateway.command_sessions_granted) == (2, 1)
    assert sim.counters.sessions_unanswered == 1
    answers = await ask_every_light(gateway.send)
    assert all(answer[-1] == ACK for answer in answers)
    await sim.set_contact("301", closed=True)
    door = gateway.get_item(25, "301")
    await sim.wait_until(lambda: door.is_closed is True)  # type: ignore[attr-defined]


async def test_a_session_past_an_mh200n_limit_silences_its_other_clients_events(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(profile="MH200N", time_scale=TIME_SCALE)
    settings = SessionSettings(host="127.0.0.1", port=sim.port)
    app_monitor = await open_session(settings, SessionType.EventSession)
    app_command = await open_session(settings, SessionType.CommandSession)
    try:
        starting = asyncio.create_task(connect(sim))
        # Our command session is not answered; meanwhile the MH200N's event
        # session hears nothing, and what happens on the bus is lost for all.
        await sim.wait_until(lambda: sim.events_silenced)
        await sim.set_contact("301", closed=True)
        with pytest.raises(SessionSlotsExhaustedError):
            await starting
        assert sim.counters.events_lost >= 1
        await sim.wait_until(lambda: not sim.events_silenced)
    finally:
        await app_command.close()
        await app_monitor.close()


async def test_a_gateway_whose_event_session_another_client_holds_cannot_start(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(profile="MH200N", time_scale=TIME_SCALE)
    settings = SessionSettings(host="127.0.0.1", port=sim.port)
    monitor = await open_session(settings, SessionType.EventSession)
    try:
        with pytest.raises(SessionSlotsExhaustedError) as refused:
            await connect(sim)
    finally:
        await monitor.close()
    assert (refused.value.granted, refused.value.asked) == (1, 2)
    await sim.wait_until(lambda: sim.sessions_open == 0)


async def test_an_mh202_with_three_command_sessions_asked_uses_the_two_it_grants(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(profile="MH202", time_scale=SLOW_SCALE)
    gateway = await connect(sim, command_sessions=3, **NO_REGROWTH)

    assert (gateway.command_sessions, gateway.command_sessions_granted) == (3, 2)
    await gateway.discover()  # five sweeps in a row, as at setup
    answers = await ask_every_light(gateway.send)

    assert all(answer[-1] == ACK for answer in answers)
    assert len(sim.sessions_of(SessionKind.COMMAND)) == 2
    assert len(sim.sessions_of(SessionKind.EVENT)) == 1


async def test_a_refused_session_is_not_asked_for_again_by_every_request(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(profile="MH202", time_scale=SLOW_SCALE)
    gateway = await connect(sim, command_sessions=3, **NO_REGROWTH)
    connections = sim.counters.connections

    for _ in range(3):
        await ask_every_light(gateway.send)

    assert sim.counters.connections == connections
    assert gateway.command_sessions_granted == 2


async def test_sessions_lost_to_another_client_shrink_the_pool_and_requests_go_on(
    gateway_factory: GatewayFactory,
    connect: GatewayConnector,
    other_client: OtherClient,
) -> None:
    sim = await gateway_factory(profile="MH202", time_scale=SLOW_SCALE)
    gateway = await connect(sim, command_sessions=2, event_session=False, **NO_REGROWTH)
    assert gateway.command_sessions_granted == 2
    granted: list[int] = []
    gateway.add_capacity_listener(granted.append)

    sim.drop_sessions(SessionKind.COMMAND)  # the gateway restarted its sessions...
    await sim.wait_until(lambda: sim.sessions_open == 0)
    await other_client(sim)  # ...and a MyHOME app took a slot at once

    answers = await ask_every_light(gateway.send)

    assert all(answer[-1] == ACK for answer in answers)
    assert granted == [1]
    assert gateway.command_sessions_granted == 1


async def test_a_refused_session_is_taken_back_once_the_other_client_leaves(
    gateway_factory: GatewayFactory,
    connect: GatewayConnector,
    other_client: OtherClient,
) -> None:
    sim = await gateway_factory(profile="MH202", time_scale=SLOW_SCALE)
    intruder = await other_client(sim)
    gateway = await connect(
        sim,
        command_sessions=2,
        event_session=False,
        pacing=MH202_PACING,
        grow_retry_min=0.05,
        grow_retry_max=0.2,
    )
    assert gateway.command_sessions_granted == 1
    granted: list[int] = []
    gateway.add_capacity_listener(granted.append)

    await intruder.close()

    await sim.wait_until(lambda: granted == [2])
    assert gateway.command_sessions_granted == 2
    assert len(sim.sessions_of(SessionKind.COMMAND)) == 2
    answers = await ask_every_light(gateway.send)
    assert all(answer[-1] == ACK for answer in answers)


async def test_when_the_last_session_is_refused_the_request_fails(
    gateway_factory: GatewayFactory,
    connect: GatewayConnector,
    other_client: OtherClient,
) -> None:
    sim = await gateway_factory(profile="MH202", time_scale=SLOW_SCALE)
    gateway = await connect(sim, event_session=False, pacing=MH202_PACING)
    sim.drop_sessions(SessionKind.COMMAND)
    await sim.wait_until(lambda: sim.sessions_open == 0)
    await other_client(sim)
    await other_client(sim)

    with pytest.raises(OpenWebNetConnectionError):
        await gateway.send(StatusRequest(1, Where("12")))
    assert gateway.command_sessions_granted == 1


async def test_a_gateway_whose_slots_are_all_taken_grants_nothing(
    gateway_factory: GatewayFactory,
    connect: GatewayConnector,
    other_client: OtherClient,
) -> None:
    sim = await gateway_factory(profile="MH202", time_scale=SLOW_SCALE)
    await other_client(sim)
    await other_client(sim)
    with pytest.raises(SessionSlotsExhaustedError) as refused:
        await connect(sim, command_sessions=2, pacing=MH202_PACING)
    assert (refused.value.granted, refused.value.asked) == (0, 3)


async def test_a_request_cancelled_mid_answer_leaves_nothing_for_the_next_one(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim, event_session=False)
    sim.write_mode = WriteMode.SPLIT  # every frame in two halves, 2 ms apart
    frames_in = gateway.counters.frames_in

    kitchen = asyncio.create_task(gateway.send(StatusRequest(1, Where("12"))))
    while gateway.counters.frames_in == frames_in:  # the status is in, the ACK
        await asyncio.sleep(0)  # still has two halves to go
    kitchen.cancel()
    await asyncio.wait({kitchen})

    answers = await gateway.send(StatusRequest(1, Where("11")))  # the hall is off
    assert answers == [Command(1, "0", (), Where("11")), ACK]


async def test_the_model_sets_the_pause_and_caps_the_command_sessions(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(profile="MH200N", time_scale=TIME_SCALE)
    gateway = await connect(sim, command_sessions=3, pacing=None)

    assert gateway.info.model_id == 44  # read first, on the first session
    assert (gateway.command_sessions, gateway.pacing) == (1, 0.15)
    assert sim.counters.sessions_unanswered == 0
    assert len(sim.sessions_of(SessionKind.COMMAND)) == 1


@pytest.mark.parametrize(
    ("model", "limit", "pacing"),
    [("F454", 4, 0.05), ("MyHomeServer1", 4, 0.02), (None, 4, 0.1)],
)
async def test_the_announced_model_is_more_precise_than_the_shared_code(
    gateway_factory: GatewayFactory,
    connect: GatewayConnector,
    model: str | None,
    limit: int,
    pacing: float,
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)  # answers 200, as many do
    gateway = await connect(sim, model=model, pacing=None)
    assert (gateway.limits.command_sessions, gateway.pacing) == (limit, pacing)
