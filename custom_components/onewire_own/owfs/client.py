"""Typed owserver operations (read, write, dir, presence, nop) over a pool.

This is the raw access layer: paths in, bytes or names out, errors typed.
It knows the owserver's return-code texts and whether the server accepts
DIRALLSLASH, and nothing about buses or devices.
"""

from collections.abc import Callable

from .connection import Reply
from .errors import OwfsConnectionError, OwfsServerError
from .pool import ConnectionPool
from .protocol import (
    MAX_READ_SIZE,
    MessageType,
    control_flags,
    decode_text,
    parse_dir_listing,
)

RETURN_CODES_PATH = "/settings/return_codes/text.ALL"
_ENOMSG = 42
#: ``ret == -1``: the path did not parse (a missing device or attribute).
PATH_NOT_FOUND = 1
PATH_NOT_FOUND_TEXT = "path not found (did not parse)"
_EINVAL = 22


class OwClient:
    """Raw owserver access through a connection pool."""

    def __init__(
        self,
        pool: ConnectionPool,
        *,
        request_timeout: float,
        on_connection_error: Callable[[], None] | None = None,
    ) -> None:
        """Use pool for every request; each request gets request_timeout seconds."""
        self.pool = pool
        self.request_timeout = request_timeout
        self._return_codes: list[str] | None = None
        self._dirallslash = True
        self._on_connection_error = on_connection_error

    async def nop(self, *, timeout: float | None = None) -> None:
        """Ping the server (one NOP exchange)."""
        await self._send(MessageType.NOP, "", timeout=timeout)

    async def read(
        self, path: str, *, uncached: bool = True, size: int = MAX_READ_SIZE
    ) -> bytes:
        """Read the value at path (uncached by default: fresh sensor values)."""
        replies = await self._send(MessageType.READ, path, uncached=uncached, size=size)
        return replies[0].data

    async def write(self, path: str, data: bytes | str) -> None:
        """Write data to path."""
        payload = data.encode() if isinstance(data, str) else data
        await self._send(MessageType.WRITE, path, data=payload)

    async def presence(self, path: str) -> bool:
        """Whether path exists (a device id answers whether it is on a bus)."""
        try:
            await self._send(MessageType.PRESENCE, path)
        except OwfsServerError:
            return False
        return True

    async def dir(self, path: str = "/", *, uncached: bool = False) -> list[str]:
        """List path; directory entries end with ``/`` when the server can say.

        Uses DIRALLSLASH (one reply for the whole listing) and falls back to
        DIR (one reply per entry) for servers that refuse it: an old server
        answers an unknown message type with -ENOMSG (some with -EINVAL). The
        switch is permanent only once DIR has worked where DIRALLSLASH failed,
        so a missing path never turns DIRALLSLASH off.
        """
        if self._dirallslash:
            try:
                replies = await self._send(
                    MessageType.DIRALLSLASH, path, uncached=uncached
                )
            except OwfsServerError as err:
                if err.errno not in (_ENOMSG, _EINVAL):
                    raise
                entries = await self._dir_one_by_one(path, uncached=uncached)
                self._dirallslash = False
                return entries
            return parse_dir_listing(replies[0].data)
        return await self._dir_one_by_one(path, uncached=uncached)

    async def _dir_one_by_one(self, path: str, *, uncached: bool) -> list[str]:
        replies = await self._send(MessageType.DIR, path, uncached=uncached)
        return [decode_text(reply.data) for reply in replies]

    async def load_return_codes(self) -> None:
        """Read the server's error texts once; servers without them are fine."""
        if self._return_codes is not None:
            return
        try:
            data = await self.read(RETURN_CODES_PATH, uncached=False)
        except OwfsServerError:
            self._return_codes = []
        else:
            self._return_codes = decode_text(data).split(",")

    def error_text(self, errno: int) -> str | None:
        """The server's own text for errno, if it published one.

        Code 1 (``ret == -1``) is owserver's answer for a path that did not
        parse or does not exist; its table entry 1 describes a start-up
        failure instead, so that one is replaced by what it means here.
        """
        if errno == PATH_NOT_FOUND:
            return PATH_NOT_FOUND_TEXT
        codes = self._return_codes or []
        if 0 < errno < len(codes) and codes[errno]:
            return codes[errno]
        return None

    async def _send(
        self,
        msg_type: MessageType,
        path: str,
        *,
        uncached: bool = False,
        data: bytes = b"",
        size: int = 0,
        timeout: float | None = None,
    ) -> list[Reply]:
        flags = control_flags(uncached=uncached)
        try:
            replies = await self.pool.request(
                msg_type,
                path,
                flags,
                data=data,
                size=size,
                timeout=timeout or self.request_timeout,
            )
        except OwfsConnectionError:
            if self._on_connection_error is not None:
                self._on_connection_error()
            raise
        if replies and replies[-1].header.ret < 0:
            errno = -replies[-1].header.ret
            raise OwfsServerError(errno, path, self.error_text(errno))
        return replies
