"""What the operations (polls, alarm polling) need of an owserver, and no more.

``Server`` provides it; the operations are written against this Protocol so
that they depend on a few methods, not on the server's connection handling,
and the object model never has to import them.
"""

from typing import TYPE_CHECKING, Protocol

from .pool import ServerStats
from .structure import AttributeInfo

if TYPE_CHECKING:
    from .bus import Bus


class OwserverAccess(Protocol):
    """Raw access, attribute descriptions and the bus tree of one owserver."""

    @property
    def connected(self) -> bool:
        """Whether the owserver answered the last check."""
        ...

    @property
    def buses(self) -> list[Bus]:
        """Every bus found by the last scan."""
        ...

    @property
    def pool_limit(self) -> int:
        """How many requests may run in parallel now."""
        ...

    @property
    def stats(self) -> ServerStats:
        """Request and connection counters."""
        ...

    async def read(self, path: str, *, uncached: bool = True) -> bytes:
        """Read path."""
        ...

    async def write(self, path: str, data: bytes | str) -> None:
        """Write data to path."""
        ...

    async def dir(self, path: str = "/", *, uncached: bool = False) -> list[str]:
        """List path (full entry paths)."""
        ...

    async def structure(self, family: str) -> dict[str, AttributeInfo]:
        """Describe every attribute of a family."""
        ...
