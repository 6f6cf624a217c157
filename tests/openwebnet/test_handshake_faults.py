"""A peer that breaks the handshake gets a typed error, never anything else.

Each case is a gateway that speaks a script: a greeting on connect, then one
frame after each frame the client sends. Whatever the peer says out of turn
(a NACK greeting, a bus event in place of a nonce, a nonce that is not hex
in decimal pairs, a digest in place of an ACK), opening a session raises an
``OpenWebNetError`` subclass that says what was wrong, and the connection is
closed: a caller's ``except OpenWebNetError`` is enough.
"""

import asyncio
from collections.abc import AsyncIterator, Sequence
import contextlib

import pytest

from custom_components.onewire_own.openwebnet.errors import (
    OpenWebNetAuthError,
    OpenWebNetConnectionError,
    OpenWebNetError,
    UnsupportedAuthError,
)
from custom_components.onewire_own.openwebnet.session import (
    Session,
    SessionSettings,
    SessionType,
)

#: Home Assistant's test harness blocks sockets; these tests bring their peer.
pytestmark = pytest.mark.usefixtures("socket_enabled")

ACK = "*#*1##"
NACK = "*#*0##"
EVENT = "*1*1*11##"
SHA256 = "*98*2##"
#: A gateway nonce in decimal pairs (every pair 00-15).
NONCE = "*#" + "0102030405060708" * 8 + "##"


@contextlib.asynccontextmanager
async def scripted_gateway(
    script: Sequence[str], received: list[str], hung_up: asyncio.Event | None = None
) -> AsyncIterator[int]:
    """A gateway on a free port: script[0] on connect, then one per client frame.

    hung_up is set when the client has closed the connection.
    """

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            writer.write(script[0].encode())
            for answer in script[1:]:
                received.append((await reader.readuntil(b"##")).decode())
                writer.write(answer.encode())
            # Then listen until the client hangs up.
            while frame := await reader.readuntil(b"##"):
                received.append(frame.decode())
        except asyncio.IncompleteReadError, ConnectionError:
            if hung_up is not None:
                hung_up.set()
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        await server.wait_closed()


@pytest.mark.parametrize(
    ("script", "password", "error", "says"),
    [
        pytest.param([NACK], None, OpenWebNetConnectionError, "greeted", id="nack"),
        pytest.param(
            [ACK, EVENT], None, OpenWebNetConnectionError, "unexpected", id="event"
        ),
        pytest.param(
            [ACK, "*98*9##"], "pw", UnsupportedAuthError, "algorithm 9", id="algo"
        ),
        pytest.param(
            [ACK, SHA256, EVENT],
            "pw",
            OpenWebNetConnectionError,
            "nonce",
            id="no-nonce",
        ),
        pytest.param(
            [ACK, SHA256, "*#1699##"], "pw", OpenWebNetConnectionError, "bad", id="hex"
        ),
        pytest.param(
            [ACK, SHA256, "*#123##"], "pw", OpenWebNetConnectionError, "bad", id="odd"
        ),
        pytest.param(
            [ACK, SHA256, NONCE, EVENT],
            "pw",
            OpenWebNetConnectionError,
            "digest",
            id="no-digest",
        ),
        pytest.param(
            [ACK, SHA256, NONCE, "*#1699##"],
            "pw",
            OpenWebNetAuthError,
            "prove",
            id="garbled-digest",
        ),
        pytest.param(
            [ACK, "*#603356072##", EVENT],
            "12345",
            OpenWebNetConnectionError,
            "expected ACK",
            id="open-no-ack",
        ),
    ],
)
async def test_a_broken_handshake_is_a_typed_error(
    script: list[str], password: str | None, error: type[OpenWebNetError], says: str
) -> None:
    received: list[str] = []
    hung_up = asyncio.Event()
    async with scripted_gateway(script, received, hung_up) as port:
        settings = SessionSettings(
            host="127.0.0.1", port=port, password=password, handshake_timeout=2
        )
        with pytest.raises(error, match=says):
            await Session.open(settings, SessionType.CommandSession)
        # The client does not keep a session it could not open.
        async with asyncio.timeout(2):
            await hung_up.wait()
    # It spoke only in turn: one frame per frame of the script after the greeting.
    assert len(received) <= len(script)


async def test_a_gateway_that_cannot_prove_the_password_is_told_so() -> None:
    """The client refuses a wrong gateway digest with a NACK before it leaves."""
    received: list[str] = []
    async with scripted_gateway([ACK, SHA256, NONCE, "*#1699##"], received) as port:
        settings = SessionSettings(host="127.0.0.1", port=port, password="pw")
        with pytest.raises(OpenWebNetAuthError):
            await Session.open(settings, SessionType.CommandSession)
        for _ in range(100):
            if received[-1] == NACK:
                break
            await asyncio.sleep(0.01)
    assert received[-1] == NACK
