"""A name resolver that never leaves the machine, for tests that feed any text as a host.

Host names go through ``socket.getaddrinfo``, which first encodes them with
the ``idna`` codec (raising ``UnicodeError`` for a label over 63 characters,
an empty label, a character it cannot encode) and then asks the system's
resolver, which may query DNS. ``offline_resolver`` keeps the first step
exactly and replaces the second: loopback names resolve to 127.0.0.1,
everything else is "name not known" at once. IP literals never reach the
resolver (asyncio short-circuits them), so they are tried for real, on the
loopback address only where the test points them.
"""

from collections.abc import Iterator
import contextlib
import ipaddress
import socket
from typing import Any
from unittest.mock import patch

_real_getaddrinfo = socket.getaddrinfo
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "127.0.0.1"})


def _offline_getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
    if isinstance(host, str):
        encoded = host.encode("idna")  # what the real resolver does first
        if "\x00" in host:
            raise ValueError("embedded null character")
        host_text = encoded.decode("ascii")
    else:
        host_text = bytes(host or b"").decode("ascii", "replace")
    if host_text.lower() in LOOPBACK_NAMES:
        return _real_getaddrinfo("127.0.0.1", port, *args, **kwargs)
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


@contextlib.contextmanager
def offline_resolver() -> Iterator[None]:
    """Resolve host names without asking any DNS server (see the module doc)."""
    with patch("socket.getaddrinfo", _offline_getaddrinfo):
        yield


def is_ip_literal(host: str) -> bool:
    """Whether host is an IP address, which asyncio connects to without resolving.

    Tests feeding any text as a host leave those out (other than loopback):
    a connection to them would leave the machine.
    """
    try:
        ipaddress.ip_address(host.partition("%")[0])
    except ValueError:
        return False
    return True
