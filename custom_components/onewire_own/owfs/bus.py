"""1-Wire buses: a physical ``bus.N`` or one branch of a DS2409 coupler."""

from typing import TYPE_CHECKING, override

from .protocol import decode_text
from .structure import format_value

if TYPE_CHECKING:
    from .device import Device
    from .server import Server


class Bus:
    """Describes one bus.

    Attributes:
        server: the owserver this bus belongs to.
        path: owfs path elements, e.g. ``("bus.0",)`` or
            ``("bus.0", "1F.765A2E63339F", "main")``; ``()`` for a server
            that does not list ``bus.N`` entries.
        coupler: the DS2409 whose branch this is, None for a physical bus.
        branch: ``"main"`` or ``"aux"`` for a coupler branch, else None.
    """

    def __init__(
        self,
        server: Server,
        *path: str,
        coupler: Device | None = None,
        branch: str | None = None,
    ) -> None:
        """Create the bus (the server does, while scanning)."""
        self.server = server
        self.path = tuple(path)
        self.coupler = coupler
        self.branch = branch
        self._devices: dict[str, Device] = {}

    @override
    def __repr__(self) -> str:
        """Path and device count."""
        return f"<Bus {self.path_str} ({len(self._devices)} devices)>"

    @property
    def path_str(self) -> str:
        """The owfs path, ``/bus.0`` (``/`` for the root pseudo-bus)."""
        return "/" + "/".join(self.path)

    @property
    def devices(self) -> list[Device]:
        """Devices located on this bus now."""
        return list(self._devices.values())

    def add_device(self, device: Device) -> None:
        """Record that device is located here (Device.locate calls this)."""
        self._devices[device.id] = device

    def remove_device(self, device: Device) -> None:
        """Record that device is no longer here."""
        self._devices.pop(device.id, None)

    def delocate(self) -> list[Device]:
        """This bus can no longer be found: de-locate its devices, return them."""
        devices = self.devices
        for device in devices:
            device.delocate(self)
        return devices

    def _attr_path(self, attr: tuple[str, ...]) -> str:
        return "/".join((self.path_str.rstrip("/"), *attr))

    async def attr_get(self, *attr: str, uncached: bool = True) -> str:
        """Read this attribute of the bus (e.g. ``interface``, ``alarm``)."""
        return decode_text(
            await self.server.read(self._attr_path(attr), uncached=uncached)
        )

    async def attr_set(self, *attr: str, value: object) -> None:
        """Write this attribute of the bus (e.g. ``simultaneous/temperature``)."""
        await self.server.write(self._attr_path(attr), format_value(value))
