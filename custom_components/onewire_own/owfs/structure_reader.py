"""Reading a family's ``/structure/<family>/`` tree from an owserver.

Every attribute is one small read; they run a few at a time. Families such as
the DS2438 (26) describe sub-devices in sub-directories (``HIH4000/``), which
are walked to a small depth.
"""

from collections.abc import Awaitable, Callable
import contextlib

from .concurrency import run_bounded
from .errors import OwfsServerError
from .protocol import entry_name
from .structure import AttributeInfo, parse_structure_line

type ListDirectory = Callable[[str], Awaitable[list[str]]]
type ReadValue = Callable[[str], Awaitable[bytes]]

MAX_DEPTH = 3


async def read_structure(
    family: str, list_dir: ListDirectory, read: ReadValue, parallel: int
) -> dict[str, AttributeInfo]:
    """Describe every attribute of family, keyed by its path below a device.

    Raises:
        OwfsServerError: the server knows no such family.
    """
    attributes: dict[str, AttributeInfo] = {}
    await _read_directory(
        f"/structure/{family}/", "", attributes, 0, list_dir, read, parallel
    )
    return attributes


async def _read_directory(
    path: str,
    prefix: str,
    into: dict[str, AttributeInfo],
    depth: int,
    list_dir: ListDirectory,
    read: ReadValue,
    parallel: int,
) -> None:
    entries = await list_dir(path)
    directories: list[str] = []

    def job(entry: str) -> Callable[[], Awaitable[list[AttributeInfo]]]:
        async def read_entry() -> list[AttributeInfo]:
            name = entry_name(entry)
            if entry.endswith("/"):
                directories.append(name)
                return []
            try:
                data = await read(f"{path}{name}")
            except OwfsServerError:
                directories.append(name)  # DIR fallback: no slashes to tell
                return []
            return parse_structure_line(prefix + name, data)

        return read_entry

    # Results come in listing order, whatever order the reads finish in: the
    # attribute order (and so the entities made from it) is stable.
    for infos in await run_bounded([job(entry) for entry in entries], parallel):
        for info in infos:
            into[info.name] = info
    if depth >= MAX_DEPTH:
        return
    for directory in sorted(directories):
        with contextlib.suppress(OwfsServerError):
            await _read_directory(
                f"{path}{directory}/",
                f"{prefix}{directory}/",
                into,
                depth + 1,
                list_dir,
                read,
                parallel,
            )
