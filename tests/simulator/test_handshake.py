"""Sessions and authentication, as PROTOCOLS.md §2 describes the gateway side."""

import asyncio

import pytest

from simulator.openwebnet import (
    PROFILES,
    GatewaySimulator,
    OverLimit,
    SessionKind,
    handshake as gateway_handshake,
)
from tests.peers.gateway import GatewayFactory

from .conftest import (
    ACK,
    COMMAND_SESSION,
    EVENT_SESSION,
    NACK,
    OLD_COMMAND_SESSION,
    RawClient,
    from_digits,
    hmac_digest,
    hmac_login,
    login,
    relaxed,
    to_digits,
)

# PROTOCOLS.md §2.3: password 12345, nonce -> answer.
OPEN_VECTORS = [
    ("603356072", "25280520"),
    ("410501656", "119537670"),
    ("630292165", "4269684735"),
]


async def start_handshake(sim: GatewaySimulator, session: str) -> tuple[RawClient, str]:
    client = await RawClient.connect(sim.port)
    assert await client.read() == ACK
    client.send(session)
    return client, await client.read()


@pytest.mark.parametrize(
    "session", [COMMAND_SESSION, OLD_COMMAND_SESSION, EVENT_SESSION]
)
async def test_open_range_gateway_accepts_every_session_type_with_ack(
    gateway_factory: GatewayFactory, session: str
) -> None:
    sim = await gateway_factory()
    client, answer = await start_handshake(sim, session)
    assert answer == ACK
    await sim.wait_until(lambda: len(sim.sessions) == 1)
    expected = SessionKind.EVENT if session == EVENT_SESSION else SessionKind.COMMAND
    assert sim.sessions[0].kind is expected
    assert sim.counters.sessions_opened == 1
    await client.close()


@pytest.mark.parametrize(("nonce", "answer"), OPEN_VECTORS)
async def test_legacy_open_password_matches_the_published_vectors(
    gateway_factory: GatewayFactory,
    monkeypatch: pytest.MonkeyPatch,
    nonce: str,
    answer: str,
) -> None:
    monkeypatch.setattr(gateway_handshake, "open_nonce", lambda: nonce)
    sim = await gateway_factory(auth="open", password="12345")
    client, challenge = await start_handshake(sim, COMMAND_SESSION)
    assert challenge == f"*#{nonce}##"
    client.send(f"*#{answer}##")
    assert await client.read() == ACK
    assert sim.counters.failed_logins == 0
    await client.close()


async def test_legacy_open_password_refuses_a_wrong_answer_and_closes(
    gateway_factory: GatewayFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gateway_handshake, "open_nonce", lambda: "603356072")
    sim = await gateway_factory(auth="open", password="12345")
    client, _ = await start_handshake(sim, COMMAND_SESSION)
    client.send("*#25280521##")
    assert await client.read() == NACK
    assert await client.closed_by_gateway()
    assert sim.counters.failed_logins == 1


async def test_a_changed_password_is_the_one_logins_must_prove_from_then_on(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(auth="sha256", password="old12345")
    sim.change_password("new54321")
    client, offer = await start_handshake(sim, COMMAND_SESSION)
    assert await hmac_login(client, offer, "old12345") == NACK
    await client.close()
    client, offer = await start_handshake(sim, COMMAND_SESSION)
    assert await hmac_login(client, offer, "new54321") == ACK
    assert sim.counters.failed_logins == 1
    await client.close()


def test_a_changed_password_follows_the_rules_of_the_auth_scheme() -> None:
    sim = GatewaySimulator(auth="open", password="12345")
    with pytest.raises(ValueError, match="numeric"):
        sim.change_password("abc")
    with pytest.raises(ValueError, match="password"):
        sim.change_password("")


@pytest.mark.parametrize(
    ("auth", "offer"), [("sha1", "*98*1##"), ("sha256", "*98*2##")]
)
async def test_hmac_handshake_proves_both_sides(
    gateway_factory: GatewayFactory, auth: str, offer: str
) -> None:
    sim = await gateway_factory(auth=auth, password="abcde12345")
    client, answer = await start_handshake(sim, EVENT_SESSION)
    assert answer == offer
    assert await hmac_login(client, offer, "abcde12345") == ACK
    await sim.wait_until(lambda: len(sim.sessions) == 1)
    assert sim.counters.failed_logins == 0
    await client.close()


@pytest.mark.parametrize(("auth", "digits"), [("sha1", 80), ("sha256", 128)])
async def test_hmac_nonce_is_a_digest_long_in_decimal_digit_hex(
    gateway_factory: GatewayFactory, auth: str, digits: int
) -> None:
    sim = await gateway_factory(auth=auth, password="secret")
    client, _offer = await start_handshake(sim, COMMAND_SESSION)
    client.send(ACK)
    nonce = (await client.read())[2:-2]
    assert len(nonce) == digits
    assert all(0 <= int(nonce[i : i + 2]) <= 15 for i in range(0, digits, 2))
    await client.close()


async def test_hmac_with_a_wrong_password_is_refused_and_counted(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(auth="sha256", password="right")
    client, offer = await start_handshake(sim, COMMAND_SESSION)
    assert await hmac_login(client, offer, "wrong") == NACK
    assert await client.closed_by_gateway()
    assert sim.counters.failed_logins == 1
    assert sim.sessions == []


@pytest.mark.parametrize(
    "proof",
    [
        "*#1234*5678##",
        "*#99*99##",
        "*1*1*12##",
        "*#123##",
        f"*#{'99' * 40}*{'99' * 40}##",  # the right length, but 99 is no hex digit
    ],
)
async def test_hmac_proof_that_is_not_decimal_digit_hex_fails_the_login(
    gateway_factory: GatewayFactory, proof: str
) -> None:
    sim = await gateway_factory(auth="sha1", password="pw")
    client, _ = await start_handshake(sim, COMMAND_SESSION)
    client.send(ACK)
    await client.read()
    client.send(proof)
    assert await client.read() == NACK
    assert sim.counters.failed_logins == 1


async def test_client_refusing_the_hash_algorithm_is_not_a_failed_login(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(auth="sha1", password="pw")
    client, _ = await start_handshake(sim, COMMAND_SESSION)
    client.send(NACK)
    assert await client.closed_by_gateway()
    assert sim.counters.failed_logins == 0


async def test_client_rejecting_the_gateway_digest_leaves_no_session(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(auth="sha256", password="pw")
    client, _offer = await start_handshake(sim, COMMAND_SESSION)
    client.send(ACK)
    ra = (await client.read())[2:-2]

    rb = "ab" * 32
    kab = hmac_digest("sha256", "pw")
    h1 = hmac_digest("sha256", from_digits(ra), rb, "736F70653E", "636F70653E", kab)
    client.send(f"*#{to_digits(rb)}*{to_digits(h1)}##")
    await client.read()
    client.send(NACK)
    assert await client.closed_by_gateway()
    assert sim.sessions == []


async def test_three_failures_lock_authentication_out_for_a_minute(
    gateway_factory: GatewayFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gateway_handshake, "open_nonce", lambda: "603356072")
    sim = await gateway_factory(auth="open", password="12345")
    for _ in range(3):
        client, _challenge = await start_handshake(sim, COMMAND_SESSION)
        client.send("*#1##")
        assert await client.read() == NACK
        await client.close()
    assert sim.counters.lockouts == 1
    # Even the right password is refused now, before any challenge.
    client, answer = await start_handshake(sim, COMMAND_SESSION)
    assert answer == NACK
    assert await client.closed_by_gateway()
    assert sim.counters.failed_logins == 3


async def test_lockout_ends_after_its_duration(
    gateway_factory: GatewayFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gateway_handshake, "open_nonce", lambda: "603356072")
    sim = await gateway_factory(
        auth="open", password="12345", profile=relaxed(), time_scale=0.002
    )
    for _ in range(3):
        client, _challenge = await start_handshake(sim, COMMAND_SESSION)
        client.send("*#1##")
        assert await client.read() == NACK
        await client.close()
    await asyncio.sleep(sim.clock.wall(sim.profile.lockout_duration) * 1.5)
    client = await login(sim.port, password="12345")
    await client.close()


async def over_the_limit(sim: GatewaySimulator, session: str) -> RawClient:
    """A session request the gateway greets and then never answers."""
    client = await RawClient.connect(sim.port)
    assert await client.read() == ACK
    client.send(session)
    assert await client.silent(0.2)
    return client


@pytest.mark.parametrize(
    ("profile", "limit"),
    [(name, profile.command_sessions) for name, profile in PROFILES.items()],
)
async def test_command_sessions_beyond_the_limit_are_not_answered(
    gateway_factory: GatewayFactory, profile: str, limit: int
) -> None:
    sim = await gateway_factory(profile=profile)
    clients = [await login(sim.port, OLD_COMMAND_SESSION) for _ in range(limit)]
    extra = await over_the_limit(sim, OLD_COMMAND_SESSION)
    assert sim.counters.sessions_unanswered == 1
    assert sim.sessions_open == limit
    # The event session is counted apart: it still fits.
    clients.append(await login(sim.port, EVENT_SESSION))
    await extra.close()
    await clients[0].close()
    await sim.wait_until(lambda: len(sim.sessions_of(SessionKind.COMMAND)) == limit - 1)
    clients[0] = await login(sim.port, OLD_COMMAND_SESSION)
    for client in clients:
        await client.close()


@pytest.mark.parametrize("profile", list(PROFILES))
async def test_every_profile_holds_one_event_session(
    gateway_factory: GatewayFactory, profile: str
) -> None:
    sim = await gateway_factory(profile=profile)
    monitor = await login(sim.port, EVENT_SESSION)
    command = await login(sim.port, OLD_COMMAND_SESSION)
    second_monitor = await over_the_limit(sim, EVENT_SESSION)
    assert sim.sessions_open == 2
    for client in (monitor, command, second_monitor):
        await client.close()


async def test_an_mh200n_goes_quiet_while_a_session_beyond_its_limit_is_held(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(profile="MH200N")
    monitor = await login(sim.port, EVENT_SESSION)
    command = await login(sim.port, OLD_COMMAND_SESSION)
    extra = await over_the_limit(sim, OLD_COMMAND_SESSION)
    assert sim.events_silenced

    await sim.set_contact("301", closed=True)
    assert await monitor.silent(0.2)
    assert sim.counters.events_lost == 1

    await extra.close()
    await sim.wait_until(lambda: not sim.events_silenced)
    await sim.set_contact("301", closed=False)
    assert await monitor.read() == "*25*32#1*301##"
    for client in (monitor, command):
        await client.close()


async def test_an_f454_keeps_its_events_flowing_past_its_limit(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(profile="F454")
    monitor = await login(sim.port, EVENT_SESSION)
    extra = await over_the_limit(sim, EVENT_SESSION)
    assert not sim.events_silenced
    await sim.set_contact("301", closed=True)
    assert await monitor.read() == "*25*31#1*301##"
    for client in (monitor, extra):
        await client.close()


async def test_a_gateway_may_nack_a_session_beyond_its_limit_instead(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(profile=relaxed("MH202", over_limit=OverLimit.NACK))
    clients = [await login(sim.port, OLD_COMMAND_SESSION) for _ in range(2)]
    extra, answer = await start_handshake(sim, OLD_COMMAND_SESSION)
    assert answer == NACK
    assert await extra.closed_by_gateway()
    assert sim.counters.sessions_refused == 1
    for client in clients:
        await client.close()


async def test_old_gateway_refuses_the_new_command_session_type(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(profile="MH200N")
    client, answer = await start_handshake(sim, COMMAND_SESSION)
    assert answer == NACK
    assert await client.closed_by_gateway()
    fallback = await login(sim.port, OLD_COMMAND_SESSION)
    await fallback.close()


@pytest.mark.parametrize("first", ["*99*5##", "*1*1*12##", "*#*1##", "garbage##"])
async def test_anything_but_a_session_type_first_is_refused(
    gateway_factory: GatewayFactory, first: str
) -> None:
    sim = await gateway_factory()
    client, answer = await start_handshake(sim, first)
    assert answer == NACK
    assert await client.closed_by_gateway()


async def test_silent_client_is_dropped_after_the_handshake_timeout(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(profile=relaxed(handshake_timeout=0.1))
    client = await RawClient.connect(sim.port)
    assert await client.read() == ACK
    assert await client.closed_by_gateway()
    assert sim.counters.sessions_opened == 0


def test_open_nonces_are_nine_digits() -> None:
    nonces = {gateway_handshake.open_nonce() for _ in range(20)}
    assert all(len(nonce) == 9 and nonce.isdigit() for nonce in nonces)
    assert len(nonces) > 1


def test_open_scheme_needs_a_numeric_password() -> None:
    with pytest.raises(ValueError, match="numeric"):
        GatewaySimulator(auth="open", password="abc")


def test_authentication_needs_a_password() -> None:
    with pytest.raises(ValueError, match="password"):
        GatewaySimulator(auth="sha1")


async def test_hmac_event_session_hears_events_right_after_the_final_ack(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(auth="sha256", password="pw")
    client, offer = await start_handshake(sim, EVENT_SESSION)
    assert await hmac_login(client, offer, "pw") == ACK
    await sim.set_contact("301", closed=True)  # no wait for the gateway to read ACK
    assert await client.read() == "*25*31#1*301##"
    await client.close()


async def test_slots_of_ended_sessions_can_be_held_for_a_while(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(
        profile=relaxed("MH200N", slot_release_delay=0.3), time_scale=1.0
    )
    client = await login(sim.port, OLD_COMMAND_SESSION)
    await client.close()
    await sim.wait_until(lambda: sim.sessions_open == 0)
    # Reconnecting at once finds the place still taken: no answer.
    retry = await over_the_limit(sim, OLD_COMMAND_SESSION)
    await retry.close()
    await asyncio.sleep(0.4)
    client = await login(sim.port, OLD_COMMAND_SESSION)
    await client.close()
