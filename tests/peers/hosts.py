"""Host texts a hostile or careless user may type, for property tests of connects.

Every text drawn goes through the real name resolution (Home Assistant's test
harness replaces it with one that refuses every name: :func:`real_getaddrinfo`
puts the real one back for a test), but a connection is only ever attempted to
127.0.0.1: a text that resolves to any other address (an IP in a short form
such as ``"1.1"``, a real name, ``::1``) is left out by
:func:`connects_only_to_loopback`, so a test never reaches another host.
"""

from collections.abc import Callable
import socket
from typing import Any

from hypothesis import strategies as st

# Found by the probe of issue 12 (HTTP 500s) and the shapes around them.
KNOWN_HOSTILE = (
    "a" * 64,
    "../../etc",
    "",
    " ",
    "\x00",
    "a\x00b",
    ".",
    "..",
    "a..b",
    ".a",
    "\ud800",
    "é" * 64,
    "ß" * 70,
    "x" * 300,
    "\u3002\u3002",
    "[::1]",
    "localhost:4304",
    "http://127.0.0.1/",
    "%",
    "\n",
)

HOSTS = (
    st.sampled_from(KNOWN_HOSTILE)
    | st.text(max_size=80)
    | st.from_regex(r"\A([a-z0-9éß\-]{0,70}\.){0,4}[a-z0-9\-]{0,70}\Z")
)


# Captured when the tests are collected, before the harness patches it.
_REAL_GETADDRINFO: Callable[..., Any] = socket.getaddrinfo
assert _REAL_GETADDRINFO.__module__ == "socket", "collected after a patch"


def real_getaddrinfo() -> Callable[..., Any]:
    """The operating system's name resolution (for monkeypatch.setattr)."""
    return _REAL_GETADDRINFO


def connects_only_to_loopback(host: str, port: int) -> bool:
    """Whether connecting to host:port could only ever reach 127.0.0.1."""
    try:
        infos = _REAL_GETADDRINFO(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError, OverflowError):
        return True  # nothing to connect to
    return all(info[4][0] == "127.0.0.1" for info in infos)
