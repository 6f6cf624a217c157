"""A tiny owserver written for the tests, to misbehave on purpose.

It serves a small in-memory tree with the real wire format, and can be told
to withhold persistence, send a garbage header, announce a 2 GiB payload,
close in the middle of a reply, refuse DIRALLSLASH, send keep-alive pings or
never answer. Real behaviour is tested against the real owserver; this one
exists only for what a real owserver cannot be made to do.
"""

import asyncio
from collections.abc import Callable
import contextlib
from dataclasses import dataclass, field
import struct
from typing import Self

HEADER = struct.Struct(">6i")
PERSISTENCE = 0x04
ENOENT = 2
ENOMSG = 42
EISDIR = 21


@dataclass
class Misbehaviour:
    """What the tiny server does wrong (all off: it behaves)."""

    grant_persistence: bool = True
    garbage_header: bool = False
    huge_payload: bool = False
    close_mid_reply: bool = False
    refuse_dirallslash: bool = False
    pings_before_reply: int = 0
    never_answer: bool = False
    refuse_nop: bool = False
    trailing_garbage: bool = False


@dataclass
class TinyOwserver:
    """An owserver look-alike on a free loopback port."""

    #: path → value (bytes) for files, or list of entry names for directories.
    tree: dict[str, bytes | list[str]] = field(default_factory=dict)
    misbehaviour: Misbehaviour = field(default_factory=Misbehaviour)
    #: Called for each request (type, path) before it is answered.
    on_request: Callable[[int, str], None] | None = None
    connections: int = 0
    requests: list[tuple[int, str]] = field(default_factory=list)
    writes: list[tuple[str, bytes]] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None
    _writers: set[asyncio.StreamWriter] = field(default_factory=set)
    _handlers: set[asyncio.Task[None]] = field(default_factory=set)

    async def __aenter__(self) -> Self:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._writers):
                writer.close()
            for handler in list(self._handlers):
                handler.cancel()
            for handler in list(self._handlers):
                with contextlib.suppress(asyncio.CancelledError):
                    await handler
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
            self._server = None

    async def _serve(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.connections += 1
        self._writers.add(writer)
        handler = asyncio.current_task()
        assert handler is not None
        self._handlers.add(handler)
        try:
            while True:
                try:
                    raw = await reader.readexactly(HEADER.size)
                except asyncio.IncompleteReadError:
                    return
                _version, payload, msg_type, flags, size, _offset = HEADER.unpack(raw)
                body = await reader.readexactly(payload)
                if msg_type == 3:  # WRITE: path length is payload - size
                    path = body[: payload - size].rstrip(b"\x00").decode()
                    data = body[payload - size :]
                else:
                    path = body.rstrip(b"\x00").decode()
                    data = b""
                self.requests.append((msg_type, path))
                if self.on_request is not None:
                    self.on_request(msg_type, path)
                if not await self._answer(writer, msg_type, path, data, flags):
                    return
        except (ConnectionError, OSError):
            return
        finally:
            self._handlers.discard(handler)
            self._writers.discard(writer)
            writer.close()

    async def _answer(
        self,
        writer: asyncio.StreamWriter,
        msg_type: int,
        path: str,
        data: bytes,
        flags: int,
    ) -> bool:
        """Send the reply; False when the connection must end."""
        bad = self.misbehaviour
        if bad.never_answer:
            await asyncio.sleep(3600)
        for _ in range(bad.pings_before_reply):
            writer.write(HEADER.pack(0, -1, 0, flags & PERSISTENCE, 0, 0))
            await writer.drain()
            await asyncio.sleep(0.05)
        if bad.garbage_header:
            writer.write(b"\xffGARBAGE GARBAGE GARBAGE"[: HEADER.size])
            await writer.drain()
            return False
        if bad.huge_payload:
            writer.write(
                HEADER.pack(0, 2**31 - 1, 2**31 - 1, PERSISTENCE, 2**31 - 1, 0)
            )
            await writer.drain()
            return False
        granted = flags & PERSISTENCE if bad.grant_persistence else 0
        node = self.tree.get(path.rstrip("/") or "/")
        if msg_type == 4 and isinstance(node, list):  # DIR: one reply per entry
            prefix = path.rstrip("/")
            for name in node:
                entry = f"{prefix}/{name}".encode()
                writer.write(
                    HEADER.pack(0, len(entry), 0, granted, len(entry), 0) + entry
                )
            writer.write(HEADER.pack(0, 0, 0, granted, 0, 0))
            await writer.drain()
            return bool(granted)
        ret, payload = self._result(msg_type, path, data)
        if bad.close_mid_reply:
            writer.write(HEADER.pack(0, 100, 100, granted, 100, 0) + b"half a rep")
            await writer.drain()
            return False
        if msg_type == 1 and bad.refuse_nop:
            ret = -ENOMSG
        size = len(payload) if ret >= 0 else 0
        writer.write(HEADER.pack(0, len(payload), ret, granted, size, 0) + payload)
        if bad.trailing_garbage:
            writer.write(b"junk")
        await writer.drain()
        return bool(granted)

    def _result(self, msg_type: int, path: str, data: bytes) -> tuple[int, bytes]:
        key = path.rstrip("/") or "/"
        node = self.tree.get(key)
        if msg_type == 1:  # NOP
            return 0, b""
        if msg_type in (2, 8):  # READ
            if isinstance(node, bytes):
                return len(node), node
            return -ENOENT, b""
        if msg_type == 3:  # WRITE
            self.writes.append((path, data))
            if isinstance(node, list):
                return -EISDIR, b""
            self.tree[key] = data
            return 0, b""
        if msg_type in (7, 9):  # DIRALL / DIRALLSLASH
            if msg_type == 9 and self.misbehaviour.refuse_dirallslash:
                return -ENOMSG, b""
            if not isinstance(node, list):
                return -ENOENT, b""
            prefix = "" if key == "/" else key
            slash = "/" if msg_type == 9 else ""
            entries = [
                f"{prefix}/{name}{slash if isinstance(self.tree.get(f'{prefix}/{name}'), list) else ''}"
                for name in node
            ]
            return len(",".join(entries)), ",".join(entries).encode()
        if msg_type == 6:  # PRESENCE
            return (0, b"") if node is not None else (-ENOENT, b"")
        return -ENOMSG, b""


def one_sensor_tree(temperature: bytes = b"     21.5") -> dict[str, bytes | list[str]]:
    """A server with one bus holding one DS18B20."""
    return {
        "/": ["bus.0", "28.4AEC29CDBAAB", "settings", "system", "structure"],
        "/bus.0": ["28.4AEC29CDBAAB", "simultaneous", "alarm"],
        "/bus.0/alarm": [],
        "/bus.0/simultaneous": ["temperature"],
        "/bus.0/28.4AEC29CDBAAB/type": b"DS18B20",
        "/bus.0/28.4AEC29CDBAAB/temperature": temperature,
        "/bus.0/28.4AEC29CDBAAB/latesttemp": temperature,
        "/structure/28": ["temperature", "latesttemp"],
        "/structure/28/temperature": b"t,000000,000001,ro,000012,v,",
        "/structure/28/latesttemp": b"t,000000,000001,ro,000012,v,",
        "/settings/return_codes/text.ALL": b"Good result,Startup,legacy - No such entity",
    }
