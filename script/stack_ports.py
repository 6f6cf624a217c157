"""The stack's three TCP ports on 127.0.0.1: well-known ones, or free ones."""

from dataclasses import dataclass
import socket
from typing import Self


@dataclass(frozen=True, slots=True)
class Ports:
    """The three TCP ports of the stack, all on 127.0.0.1."""

    hass: int
    owserver: int
    gateway: int

    @classmethod
    def defaults(cls, offset: int = 0) -> Self:
        """The well-known ports (8123, 4304, 20000), shifted by offset."""
        return cls(8123 + offset, 4304 + offset, 20000 + offset)

    @classmethod
    def free(cls) -> Self:
        """Three ports nobody listens on right now (for headless runs)."""
        return cls(free_port(), free_port(), free_port())

    def busy(self) -> list[int]:
        """The ports something already listens on."""
        return [
            port
            for port in (self.hass, self.owserver, self.gateway)
            if not port_is_free(port)
        ]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free at the time of the call."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def port_is_free(port: int) -> bool:
    """Whether port can be bound on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True
