"""Servers that break the protocol: typed errors, replaced connections, no hang."""

import asyncio

import pytest

from custom_components.onewire_own.owfs import (
    OWFS,
    OwfsConnectionError,
    OwfsProtocolError,
    OwfsTimeoutError,
    check_server,
    pool,
)

from .tiny_server import TinyOwserver

TEMPERATURE = "/bus.0/28.4AEC29CDBAAB/temperature"


async def test_a_server_that_never_grants_persistence_still_serves_every_request(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    tiny.misbehaviour.grant_persistence = False
    server = await ow.add_server("127.0.0.1", tiny.port, connections=4)
    before = tiny.connections
    results = await asyncio.gather(*(server.read(TEMPERATURE) for _ in range(6)))
    assert results == [b"     21.5"] * 6
    # Each reply withdrew persistence: every request needed a new connection,
    # and the pool never holds more than the server grants.
    assert tiny.connections - before == 6
    assert server.pool_limit == 1
    assert server.stats.persistence_refused >= 6
    assert server.connected


async def test_a_pool_shrunk_by_refusals_grows_back_once_persistence_is_granted(
    ow: OWFS, tiny: TinyOwserver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "PERSISTENCE_RETRY_INTERVAL", 0.0)
    tiny.misbehaviour.grant_persistence = False
    server = await ow.add_server("127.0.0.1", tiny.port, connections=3)
    await asyncio.gather(*(server.read(TEMPERATURE) for _ in range(6)))
    assert server.persistence_withheld
    assert (server.pool_limit, server.connections_wanted) == (1, 3)

    tiny.misbehaviour.grant_persistence = True
    for _ in range(3):
        await asyncio.gather(*(server.read(TEMPERATURE) for _ in range(6)))
    assert server.pool_limit == 3
    assert server.connections_open == 3
    assert not server.persistence_withheld


async def test_refusals_within_the_retry_interval_keep_the_pool_small(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    tiny.misbehaviour.grant_persistence = False
    server = await ow.add_server("127.0.0.1", tiny.port, connections=3)
    await server.read(TEMPERATURE)
    tiny.misbehaviour.grant_persistence = True
    await asyncio.gather(*(server.read(TEMPERATURE) for _ in range(6)))
    # Granted again, but the last refusal is too recent to ask for more.
    assert server.pool_limit == 1
    assert server.persistence_withheld


BROKEN_REPLIES = [
    pytest.param("garbage_header", OwfsProtocolError, "announces", id="garbage header"),
    pytest.param("huge_payload", OwfsProtocolError, "2147483647", id="2 GiB payload"),
    pytest.param(
        "close_mid_reply",
        OwfsConnectionError,
        "middle of a reply",
        id="closed mid-reply",
    ),
    pytest.param("never_answer", OwfsTimeoutError, "no reply within", id="silence"),
]


@pytest.mark.parametrize(("misbehaviour", "error", "message"), BROKEN_REPLIES)
async def test_a_broken_reply_is_a_typed_error_and_the_connection_is_replaced(
    ow: OWFS,
    tiny: TinyOwserver,
    misbehaviour: str,
    error: type[Exception],
    message: str,
) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port, request_timeout=1.0)
    setattr(tiny.misbehaviour, misbehaviour, True)
    with pytest.raises(error, match=message):
        await server.read(TEMPERATURE)
    setattr(tiny.misbehaviour, misbehaviour, False)
    before = tiny.connections
    assert await server.read(TEMPERATURE) == b"     21.5"
    # The broken socket was closed, never reused: a new one carried the read.
    assert tiny.connections > before
    assert server._pool.open_connections <= 2
    assert server.stats.errors == 1


async def test_bytes_after_a_reply_retire_the_connection(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port)
    tiny.misbehaviour.trailing_garbage = True
    assert await server.read(TEMPERATURE) == b"     21.5"
    tiny.misbehaviour.trailing_garbage = False
    before = tiny.connections
    # Whether the junk came with the reply or after it, that socket's framing
    # is lost: the next request goes over a new connection.
    assert await server.read(TEMPERATURE) == b"     21.5"
    assert tiny.connections == before + 1


async def test_a_cancelled_caller_leaves_no_unread_reply_behind(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port, connections=1)
    tiny.tree["/slow"] = b"slow answer"
    tiny.tree["/fast"] = b"fast answer"
    tiny.misbehaviour.pings_before_reply = 2  # each reply comes after ~0.1 s
    slow = asyncio.create_task(server.read("/slow"))
    await asyncio.sleep(0.02)
    slow.cancel()
    with pytest.raises(asyncio.CancelledError):
        await slow
    # The only pooled connection had an answer on its way: it was closed,
    # so the next caller reads its own answer, not the slow one.
    assert await server.read("/fast") == b"fast answer"


async def test_requests_wait_in_arrival_order_for_a_connection(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port, connections=1)
    for number in range(5):
        tiny.tree[f"/n{number}"] = str(number).encode()
    tiny.requests.clear()
    await asyncio.gather(*(server.read(f"/n{number}") for number in range(5)))
    assert [path for _, path in tiny.requests] == [f"/n{number}" for number in range(5)]


async def test_an_unreachable_server_cannot_be_added(socket_enabled: None) -> None:
    async with OWFS() as ow, TinyOwserver() as tiny:
        port = tiny.port
        await tiny.stop()
        with pytest.raises(OwfsConnectionError):
            await ow.add_server("127.0.0.1", port)
        assert ow.servers == []


async def test_a_caller_cancelled_while_queued_does_not_lose_the_turn_of_others(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port, connections=1)
    tiny.misbehaviour.pings_before_reply = 2
    first = asyncio.create_task(server.read(TEMPERATURE))
    queued = asyncio.create_task(server.read(TEMPERATURE))
    last = asyncio.create_task(server.read(TEMPERATURE))
    await asyncio.sleep(0)
    queued.cancel()
    assert await first == b"     21.5"
    assert await last == b"     21.5"
    assert queued.cancelled()


async def test_closing_a_server_fails_the_queued_callers(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port, connections=1)
    tiny.misbehaviour.pings_before_reply = 2
    calls = [asyncio.create_task(server.read(TEMPERATURE)) for _ in range(3)]
    await asyncio.sleep(0)
    await server.aclose()
    results = await asyncio.gather(*calls, return_exceptions=True)
    assert all(isinstance(result, OwfsConnectionError) for result in results)


@pytest.mark.parametrize("connections", [0, 9])
async def test_the_pool_size_is_bounded(
    ow: OWFS, tiny: TinyOwserver, connections: int
) -> None:
    with pytest.raises(ValueError, match=r"1\.\.8"):
        await ow.add_server("127.0.0.1", tiny.port, connections=connections)


async def test_check_server_refuses_what_is_not_an_owserver(tiny: TinyOwserver) -> None:
    tiny.misbehaviour.garbage_header = True
    with pytest.raises(OwfsConnectionError, match="no owserver"):
        await check_server("127.0.0.1", tiny.port)


async def test_check_server_refuses_a_server_that_refuses_nop(
    tiny: TinyOwserver,
) -> None:
    tiny.misbehaviour.refuse_nop = True
    with pytest.raises(OwfsConnectionError, match="refused NOP"):
        await check_server("127.0.0.1", tiny.port)


async def test_a_short_timeout_after_a_long_one_still_applies(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    server = await ow.add_server(
        "127.0.0.1", tiny.port, connections=1, request_timeout=60
    )
    assert await server.read(TEMPERATURE) == b"     21.5"  # watched for 60 s
    tiny.misbehaviour.never_answer = True
    with pytest.raises(OwfsTimeoutError):
        await server.client.nop(timeout=0.1)


async def test_an_answered_request_leaves_nothing_to_time_out(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    server = await ow.add_server(
        "127.0.0.1", tiny.port, connections=1, request_timeout=0.5
    )
    assert await server.read(TEMPERATURE) == b"     21.5"
    before = tiny.connections
    await asyncio.sleep(0.7)  # the connection's watchdog fires while idle
    assert await server.read(TEMPERATURE) == b"     21.5"
    assert tiny.connections == before
    assert server.stats.errors == 0
