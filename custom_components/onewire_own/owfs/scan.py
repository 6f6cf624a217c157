"""Walking an owserver's bus tree, couplers included, without looping.

The walk is breadth first from the physical buses (``bus.N``), so a device is
assigned to the shallowest bus it shows up on. Every DS2409 coupler adds its
``main`` and ``aux`` branches as buses of their own, once: a fake owserver
lists every device again inside each branch, the coupler itself included, and
descending into a coupler already visited would never end.
"""

from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from .device import COUPLER_FAMILY
from .errors import OwfsServerError
from .protocol import canonical_device_id, entry_name

COUPLER_BRANCHES = ("main", "aux")

type ListDirectory = Callable[[str], Awaitable[list[str]]]


@dataclass(frozen=True, slots=True)
class BusListing:
    """One bus as found by a walk.

    Attributes:
        path: path elements of the bus.
        device_ids: canonical ids of the devices first found on this bus.
        coupler_id: the DS2409 of a branch, else None.
        branch: ``main``/``aux`` for a branch, else None.
        complete: False when the bus could not be listed (its devices are
            then unknown, not missing).
    """

    path: tuple[str, ...]
    device_ids: tuple[str, ...]
    coupler_id: str | None = None
    branch: str | None = None
    complete: bool = True


def _path_str(path: tuple[str, ...]) -> str:
    return "/" + "/".join(path) + "/" if path else "/"


async def walk_buses(list_dir: ListDirectory) -> list[BusListing]:
    """List every bus of the server with the devices on it.

    Raises:
        OwfsConnectionError: the server went away (a partial walk is useless).
    """
    root = [entry_name(entry) for entry in await list_dir("/")]
    bus_names = sorted(
        (name for name in root if name.startswith("bus.")),
        key=lambda name: int(name[4:]) if name[4:].isdigit() else 0,
    )
    pending: deque[tuple[tuple[str, ...], str | None, str | None]] = deque(
        ((name,), None, None) for name in bus_names
    )
    root_ids = _device_ids(root)
    listings: list[BusListing] = []
    seen_devices: set[str] = set()
    seen_couplers: set[str] = set()
    if not pending:
        # An old server without bus.N entries: the root is the only bus.
        pending.append(((), None, None))
    while pending:
        path, coupler_id, branch = pending.popleft()
        if path:
            try:
                entries = [
                    entry_name(entry) for entry in await list_dir(_path_str(path))
                ]
            except OwfsServerError:
                listings.append(BusListing(path, (), coupler_id, branch, False))
                continue
            ids = _device_ids(entries)
        else:
            ids = root_ids
        new_ids = tuple(device for device in ids if device not in seen_devices)
        seen_devices.update(new_ids)
        listings.append(BusListing(path, new_ids, coupler_id, branch))
        for device in new_ids:
            if device[:2] == COUPLER_FAMILY and device not in seen_couplers:
                seen_couplers.add(device)
                pending.extend(
                    ((*path, device, name), device, name) for name in COUPLER_BRANCHES
                )
    return listings


def _device_ids(names: list[str]) -> list[str]:
    ids: list[str] = []
    for name in names:
        device_id = canonical_device_id(name)
        if device_id is not None:
            ids.append(device_id)
    return ids
