"""A one-shot NOP exchange, used to validate an owserver address before setup."""

from .connection import OwConnection
from .errors import OwfsConnectionError, OwfsError
from .protocol import MessageType, control_flags

__all__ = ["OwfsConnectionError", "OwfsError", "check_server"]


async def check_server(host: str, port: int, timeout: float = 5.0) -> None:
    """Exchange one NOP with the owserver at host:port.

    Raises:
        OwfsConnectionError: nothing answers there like an owserver.
    """
    connection = await OwConnection.open(host, port, timeout)
    try:
        (reply,) = await connection.exchange(
            MessageType.NOP, "", control_flags(persistence=False), timeout=timeout
        )
    except OwfsError as err:
        raise OwfsConnectionError(f"no owserver at {host}:{port}: {err}") from err
    finally:
        connection.close()
    if reply.header.ret < 0:
        raise OwfsConnectionError(
            f"owserver at {host}:{port} refused NOP ({reply.header.ret})"
        )
