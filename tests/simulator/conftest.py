"""A raw OpenWebNet socket client, written apart from the client package.

The simulator is checked with this minimal client so that a bug shared by the
client package and the simulator cannot hide itself: frames are split on
``##`` by hand, and the HMAC handshake is computed here with hashlib.
"""

import asyncio
from collections.abc import AsyncIterator
import contextlib
import dataclasses
import hashlib
import secrets
from typing import Self

import pytest

from custom_components.onewire_own.openwebnet.auth import open_password
from simulator.openwebnet import PROFILES, GatewayProfile, GatewaySimulator
from tests.peers.gateway import GatewayFactory, gateway_factory, sample_installation

__all__ = ["gateway_factory"]

ACK = "*#*1##"
NACK = "*#*0##"
BUSY_NACK = "*#*6##"
COMMAND_SESSION = "*99*9##"
OLD_COMMAND_SESSION = "*99*0##"
EVENT_SESSION = "*99*1##"
READ_TIMEOUT = 2.0
#: Fast tests: 50x faster than real time (F454 pacing 1 ms, travel 20 s -> 0.4 s).
FAST = 0.02


def relaxed(name: str = "F454", /, **changes: object) -> GatewayProfile:
    """A built-in profile without pacing or timeouts, unless ``changes`` set them.

    Tests that fire requests quickly, or run slowly on a loaded machine, must
    not trip over limits they are not about; the limits have their own tests.
    """
    patient: dict[str, object] = {
        "pacing": 0.0,
        "handshake_timeout": 60.0,
        "command_idle_timeout": 1e6,
        "event_silence_timeout": None,
    }
    return dataclasses.replace(PROFILES[name], **(patient | changes))  # type: ignore[arg-type]


class RawClient:
    """One TCP connection speaking frames as text."""

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.buffer = ""
        self.reads = 0

    @classmethod
    async def connect(cls, port: int) -> Self:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    def send(self, text: str) -> None:
        self.writer.write(text.encode("ascii"))

    async def read(self, timeout: float = READ_TIMEOUT) -> str:
        """The next frame; EOFError if the gateway closed the connection."""
        async with asyncio.timeout(timeout):
            while "##" not in self.buffer:
                data = await self.reader.read(4096)
                if not data:
                    raise EOFError
                self.reads += 1
                self.buffer += data.decode("ascii")
        frame, self.buffer = self.buffer.split("##", 1)
        return frame + "##"

    async def read_answer(self, timeout: float = READ_TIMEOUT) -> list[str]:
        """Frames up to and including the closing ACK or NACK."""
        frames = [await self.read(timeout)]
        while frames[-1] not in (ACK, NACK, BUSY_NACK):
            frames.append(await self.read(timeout))
        return frames

    async def request(self, text: str) -> list[str]:
        self.send(text)
        return await self.read_answer()

    async def read_events(self, count: int, timeout: float = READ_TIMEOUT) -> list[str]:
        return [await self.read(timeout) for _ in range(count)]

    async def closed_by_gateway(self, timeout: float = READ_TIMEOUT) -> bool:
        """True once the gateway closes the connection (anything unread is dropped)."""
        try:
            async with asyncio.timeout(timeout):
                while await self.reader.read(4096):
                    pass
        except TimeoutError:
            return False
        except ConnectionError:
            return True
        return True

    async def silent(self, seconds: float = 0.1) -> bool:
        """True if nothing arrives for ``seconds``."""
        try:
            await self.read(seconds)
        except TimeoutError:
            return True
        return False

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(ConnectionError):
            await self.writer.wait_closed()


def hmac_digest(algorithm: str, *texts: str) -> str:
    return hashlib.new(algorithm, "".join(texts).encode("ascii")).hexdigest()


def to_digits(hex_text: str) -> str:
    return "".join(f"{int(char, 16):02d}" for char in hex_text)


def from_digits(digits: str) -> str:
    return "".join(
        format(int(digits[i : i + 2]), "x") for i in range(0, len(digits), 2)
    )


async def hmac_login(client: RawClient, offer: str, password: str) -> str:
    """Run the HMAC exchange after ``*98*N##``; return the gateway's verdict frame."""
    algorithm = {"*98*1##": "sha1", "*98*2##": "sha256"}[offer]
    client.send(ACK)
    ra = from_digits((await client.read())[2:-2])
    rb = secrets.token_hex(len(ra) // 2)
    kab = hmac_digest(algorithm, password)
    h1 = hmac_digest(algorithm, ra, rb, "736F70653E", "636F70653E", kab)
    client.send(f"*#{to_digits(rb)}*{to_digits(h1)}##")
    answer = await client.read()
    if answer == NACK:
        return NACK
    assert from_digits(answer[2:-2]) == hmac_digest(algorithm, ra, rb, kab)
    client.send(ACK)
    return ACK


async def login(
    port: int, session: str = COMMAND_SESSION, password: str = ""
) -> RawClient:
    """Connect and open a session; fails the test if the gateway refuses."""
    client = await RawClient.connect(port)
    assert await client.read() == ACK
    client.send(session)
    answer = await client.read()
    if answer.startswith("*98*"):
        answer = await hmac_login(client, answer, password)
    elif answer != ACK:
        client.send(f"*#{open_password(password, answer[2:-2])}##")
        answer = await client.read()
    assert answer == ACK, f"login refused: {answer}"
    return client


@pytest.fixture
async def sim(gateway_factory: GatewayFactory) -> GatewaySimulator:
    """The sample installation on an F454 without pacing, 50x faster than life.

    It holds two event sessions (real gateways hold one), so that a test can
    check that every event session hears the same events.
    """
    return await gateway_factory(
        sample_installation(), profile=relaxed(event_sessions=2), time_scale=FAST
    )


@pytest.fixture
async def command(sim: GatewaySimulator) -> AsyncIterator[RawClient]:
    """An open command session on ``sim``."""
    client = await login(sim.port)
    yield client
    await client.close()


@pytest.fixture
async def events(sim: GatewaySimulator) -> AsyncIterator[RawClient]:
    """An open event session on ``sim``."""
    client = await login(sim.port, EVENT_SESSION)
    yield client
    await client.close()
