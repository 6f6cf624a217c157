"""Before setup: is an owserver there, and which one is it?

A flow proves an address with one short-lived connection (a NOP), and learns
what tells this owserver from the ones already configured: the addresses its
host resolves to, and the 1-Wire devices it lists (1-Wire ids are unique
world-wide, so two servers listing the same device serve the same bus).
"""

from dataclasses import dataclass

from .client import OwClient
from .connection import resolve_host
from .errors import OwfsConnectionError, OwfsError, OwfsServerError
from .pool import ConnectionPool
from .protocol import canonical_device_id, entry_name

__all__ = [
    "OwfsConnectionError",
    "OwfsError",
    "ServerIdentity",
    "check_server",
    "resolve_host",
]


@dataclass(frozen=True, slots=True)
class ServerIdentity:
    """What tells one owserver from another.

    Attributes:
        addresses: the IP addresses its host resolved to.
        port: its TCP port.
        device_ids: canonical ids of the 1-Wire devices it lists now.
    """

    addresses: frozenset[str]
    port: int
    device_ids: frozenset[str]


async def check_server(host: str, port: int, timeout: float = 5.0) -> ServerIdentity:
    """Exchange a NOP with the owserver at host:port and list its devices.

    Raises:
        OwfsConnectionError: nothing answers there like an owserver (its
            subclasses OwfsInvalidHostError, OwfsUnknownHostError and
            OwfsTimeoutError say why when the address is the problem).
    """
    addresses = await resolve_host(host, port, timeout)
    pool = ConnectionPool(host, port, connections=1, connect_timeout=timeout)
    client = OwClient(pool, request_timeout=timeout)
    try:
        try:
            await client.nop()
        except OwfsServerError as err:
            raise OwfsConnectionError(
                f"owserver at {host}:{port} refused NOP ({err.errno})"
            ) from err
        try:
            entries = await client.dir("/", uncached=True)
        except OwfsServerError:
            entries = []
    except OwfsConnectionError:
        raise
    except OwfsError as err:
        raise OwfsConnectionError(f"no owserver at {host}:{port}: {err}") from err
    finally:
        await pool.aclose()
    ids = (canonical_device_id(entry_name(entry)) for entry in entries)
    return ServerIdentity(addresses, port, frozenset(i for i in ids if i is not None))
