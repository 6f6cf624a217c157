"""A one-shot NOP exchange, used to validate an owserver address before setup.

Placeholder owned by the owfs package: it will be re-based on the full client.
"""

import asyncio
import struct

_HEADER = struct.Struct(">6i")
_MSG_NOP = 1
_FLAG_PERSISTENCE = 0x04


class OwfsError(Exception):
    """Base class of every error raised by the owfs package."""


class OwfsConnectionError(OwfsError):
    """The owserver could not be reached or the connection was lost."""


async def check_server(host: str, port: int, timeout: float = 5.0) -> None:
    """Exchange one NOP with the owserver at host:port, or raise OwfsConnectionError."""
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection(host, port)
            try:
                writer.write(_HEADER.pack(0, 0, _MSG_NOP, 0, 0, 0))
                await writer.drain()
                reply = await reader.readexactly(_HEADER.size)
            finally:
                writer.close()
    except (OSError, TimeoutError, asyncio.IncompleteReadError) as err:
        raise OwfsConnectionError(f"cannot reach owserver at {host}:{port}") from err
    _version, _payload, ret, _flags, _size, _offset = _HEADER.unpack(reply)
    if ret < 0:
        raise OwfsConnectionError(f"owserver at {host}:{port} refused NOP ({ret})")
