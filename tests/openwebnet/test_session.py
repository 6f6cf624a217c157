"""Sessions and authentication against the simulated gateway."""

from hypothesis import HealthCheck, assume, given, settings, strategies as st
import pytest

from custom_components.onewire_own.openwebnet.errors import (
    OpenWebNetAuthError,
    OpenWebNetConnectionError,
    OpenWebNetInvalidHostError,
    OpenWebNetLockedError,
)
from custom_components.onewire_own.openwebnet.frames import (
    ACK,
    NACK,
    Command,
    DimensionRequest,
    StatusRequest,
)
from custom_components.onewire_own.openwebnet.lockout import LoginGuard
from custom_components.onewire_own.openwebnet.session import (
    Session,
    SessionRefusedError,
    SessionSettings,
    SessionType,
    SessionUnansweredError,
    open_session,
)
from custom_components.onewire_own.openwebnet.where import Where
from tests.peers.gateway import GatewayFactory
from tests.peers.owserver import free_port
from tests.resolver import is_ip_literal, offline_resolver

AUTH_MODES = [
    ("none", None),
    ("open", "12345"),
    ("sha1", "abcde"),
    ("sha256", "s3cret-Passw0rd"),
]


@pytest.mark.parametrize(("auth", "password"), AUTH_MODES)
@pytest.mark.parametrize("session_type", list(SessionType))
async def test_every_auth_mode_opens_every_session_type(
    gateway_factory: GatewayFactory,
    auth: str,
    password: str | None,
    session_type: SessionType,
) -> None:
    sim = await gateway_factory(auth=auth, password=password)
    settings = SessionSettings(host="127.0.0.1", port=sim.port, password=password)
    session = await Session.open(settings, session_type)
    try:
        await sim.wait_until(lambda: sim.counters.sessions_opened == 1)
        assert sim.counters.failed_logins == 0
        if session_type is not SessionType.EventSession:
            answers = await session.request(StatusRequest(1, Where("12")), timeout=5)
            assert answers == [Command(1, "1", (), Where("12")), ACK]
    finally:
        await session.close()


@pytest.mark.parametrize(("auth", "password"), AUTH_MODES[1:])
async def test_a_wrong_password_raises_the_typed_auth_error(
    gateway_factory: GatewayFactory, auth: str, password: str
) -> None:
    sim = await gateway_factory(auth=auth, password=password)
    settings = SessionSettings(host="127.0.0.1", port=sim.port, password="999")
    with pytest.raises(OpenWebNetAuthError):
        await Session.open(settings, SessionType.CommandSession)
    assert sim.counters.failed_logins == 1


@pytest.mark.parametrize(("auth", "password"), AUTH_MODES[1:])
async def test_no_password_for_a_gateway_that_wants_one_is_an_auth_error(
    gateway_factory: GatewayFactory, auth: str, password: str
) -> None:
    sim = await gateway_factory(auth=auth, password=password)
    settings = SessionSettings(host="127.0.0.1", port=sim.port, password=None)
    with pytest.raises(OpenWebNetAuthError):
        await Session.open(settings, SessionType.CommandSession)


async def test_the_client_stops_before_the_failure_that_would_lock_the_gateway(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(auth="sha256", password="right")
    settings = SessionSettings(host="127.0.0.1", port=sim.port, password="wrong")
    guard = LoginGuard()
    for _ in range(2):
        with pytest.raises(OpenWebNetAuthError) as raised:
            await Session.open(settings, SessionType.CommandSession, guard)
        assert not isinstance(raised.value, OpenWebNetLockedError)
    connections = sim.counters.connections
    with pytest.raises(OpenWebNetLockedError):
        await Session.open(settings, SessionType.CommandSession, guard)
    assert sim.counters.connections == connections  # not even tried
    assert sim.counters.failed_logins == 2
    assert sim.counters.lockouts == 0


async def test_a_gateway_refusing_the_new_command_session_gets_the_old_one(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(profile="MH200N")
    settings = SessionSettings(host="127.0.0.1", port=sim.port)
    with pytest.raises(SessionRefusedError):
        await Session.open(settings, SessionType.CommandSession)
    session = await open_session(settings, SessionType.CommandSession)
    try:
        assert session.session_type is SessionType.OldCommandSession
        assert [frame.text for frame in sim.received][-1] == "*99*0##"
    finally:
        await session.close()


async def test_an_unreachable_gateway_is_a_connection_error(
    socket_enabled: None,
) -> None:
    settings = SessionSettings(host="127.0.0.1", port=free_port())
    with pytest.raises(OpenWebNetConnectionError):
        await Session.open(settings, SessionType.CommandSession)


async def test_a_silent_gateway_fails_the_handshake_step_in_time(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory()
    sim.go_half_open()
    settings = SessionSettings(host="127.0.0.1", port=sim.port, handshake_timeout=0.2)
    with pytest.raises(OpenWebNetConnectionError):
        await Session.open(settings, SessionType.CommandSession)
    sim.resume()


async def test_a_nack_answers_a_request_for_an_unknown_item(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory()
    settings = SessionSettings(host="127.0.0.1", port=sim.port)
    session = await Session.open(settings, SessionType.CommandSession)
    try:
        answers = await session.request(DimensionRequest(1, Where("99"), "1"), 5)
        assert answers == [NACK]
        assert session.counters.nacks == 1
    finally:
        await session.close()


async def test_a_second_event_session_is_not_answered(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(profile="MH200N")
    settings = SessionSettings(host="127.0.0.1", port=sim.port, handshake_timeout=0.3)
    monitor = await open_session(settings, SessionType.EventSession)
    command = await open_session(settings, SessionType.CommandSession)
    try:
        with pytest.raises(SessionUnansweredError):
            await open_session(settings, SessionType.EventSession)
        assert sim.counters.sessions_unanswered == 1
    finally:
        await command.close()
        await monitor.close()
    with pytest.raises(OpenWebNetConnectionError):
        await command.send(ACK)
    assert command.closed


@pytest.mark.parametrize(
    ("host", "port"),
    [
        ("a" * 64, 20000),  # a DNS label longer than 63 characters
        ("../../etc", 20000),  # empty labels
        ("", 20000),
        ("  ", 20000),
        ("\ud800", 20000),  # not encodable
        ("gate\x00way", 20000),
        ("127.0.0.1", 70000),
    ],
)
async def test_an_address_that_cannot_name_a_gateway_is_an_invalid_host(
    socket_enabled: None, host: str, port: int
) -> None:
    settings = SessionSettings(host=host, port=port)
    with offline_resolver(), pytest.raises(OpenWebNetInvalidHostError):
        await Session.open(settings, SessionType.CommandSession)


@given(host=st.text())
@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
async def test_any_text_as_host_is_a_connection_error_and_nothing_else(
    socket_enabled: None, host: str
) -> None:
    assume(not is_ip_literal(host))
    settings = SessionSettings(host=host, port=free_port(), handshake_timeout=0.5)
    with offline_resolver(), pytest.raises(OpenWebNetConnectionError):
        await Session.open(settings, SessionType.CommandSession)
