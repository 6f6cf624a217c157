"""Each family's ``/structure`` read once per server, shared by every caller.

A family's structure is a few dozen small reads; devices, polls and alarm
polling all need it, often at the same moment right after a scan. The cache
reads each family once (concurrent callers wait for that one read) and keeps
it for the life of the server: owserver's structure of a family never changes
while it runs.
"""

import asyncio
from collections.abc import Callable

from .structure import AttributeInfo
from .structure_reader import ListDirectory, ReadValue, read_structure


class StructureCache:
    """Attribute descriptions per family of one owserver."""

    def __init__(
        self, list_dir: ListDirectory, read: ReadValue, parallel: Callable[[], int]
    ) -> None:
        """Read through list_dir and read, parallel() requests at a time."""
        self._list_dir = list_dir
        self._read = read
        self._parallel = parallel
        self._families: dict[str, dict[str, AttributeInfo]] = {}
        self._lock = asyncio.Lock()

    async def get(self, family: str) -> dict[str, AttributeInfo]:
        """Describe every attribute of family (``28``), read on first use.

        Raises:
            OwfsServerError: the server knows no such family (nothing is
                cached: a later call asks again).
        """
        family = family.upper()
        async with self._lock:
            cached = self._families.get(family)
            if cached is None:
                cached = await read_structure(
                    family, self._list_dir, self._read, self._parallel()
                )
                self._families[family] = cached
            return cached
