"""1-Wire devices: identity, location, and attribute access.

A Device is created once per id and kept for the life of the OWFS instance,
whatever happens to its location: code may hold on to it across bus changes
and server restarts. After ``await ow.ensure_struct(dev)`` every attribute of
its family is an accessor: ``await dev.temperature``,
``await dev.set_temphigh(99)``, ``await dev.PIO["A"]``.
"""

from collections.abc import Awaitable, Coroutine
from typing import TYPE_CHECKING, Any, override

from .errors import OwfsConnectionError
from .protocol import decode_text, fdidc_id
from .structure import AttributeInfo, AttributeValue, format_value

if TYPE_CHECKING:
    from .bus import Bus
    from .server import Server

#: DS18S20, DS1822, DS18B20, DS1825, DS28EA00: their power-on value is 85 °C.
TEMPERATURE_FAMILIES = frozenset({"10", "22", "28", "3B", "42"})
POWER_ON_TEMPERATURE = 85.0
#: DS2406, DS2408, DS2413: switches whose inputs latch activity.
SWITCH_FAMILIES = frozenset({"12", "29", "3A"})
COUPLER_FAMILY = "1F"
EDS_FAMILY = "7E"


class Device:
    """One 1-Wire slave, known by its id; it may or may not be located."""

    def __init__(self, device_id: str) -> None:
        """Create the device for a canonical id (use ``ow.get_device``)."""
        self.id = device_id
        self.family = device_id[:2]
        #: Chip model (``DS18B20``; EDS devices give their ``device_type``);
        #: read when the device is first located, None before.
        self.type: str | None = None
        #: The bus the device was last seen on, None when not located.
        self.bus: Bus | None = None
        self._last_server: Server | None = None
        #: Attribute descriptions of the family, after ensure_struct().
        self.structure: dict[str, AttributeInfo] | None = None
        self.missed_scans = 0
        self._check_power_on_value = False
        #: The thermometer's resolution in bits (``tempres``) as last read by
        #: a poll; 0 when it has none or gave no valid one; None until read.
        self.resolution: int | None = None

    @override
    def __repr__(self) -> str:
        """Id and location."""
        where = "/".join(self.bus.path) if self.bus is not None else "not located"
        return f"<Device {self.id} {self.type or '?'} @ {where or '/'}>"

    @property
    def fdidc(self) -> str:
        """The id with its CRC, ``28.4AEC29CDBAAB.95`` (the seed's form)."""
        return fdidc_id(self.id)

    @property
    def located(self) -> bool:
        """Whether the device is on a known bus now."""
        return self.bus is not None

    @property
    def server(self) -> Server | None:
        """The server of the device's bus, or where it was last seen."""
        if self.bus is not None:
            return self.bus.server
        return self._last_server

    @property
    def path(self) -> str:
        """The owfs path of the device (on its bus when located)."""
        if self.bus is not None and self.bus.path:
            return f"/{'/'.join(self.bus.path)}/{self.id}"
        return f"/{self.id}"

    def locate(self, bus: Bus) -> None:
        """The device has been seen here."""
        if self.bus is bus:
            return
        if self.bus is not None:
            self.bus.remove_device(self)
        self.bus = bus
        self._last_server = bus.server
        self.missed_scans = 0
        bus.add_device(self)
        self._check_power_on_value = self.family in TEMPERATURE_FAMILIES
        self.resolution = None  # maybe another sensor with the same id

    def delocate(self, bus: Bus | None = None) -> None:
        """The device is no longer located here (on bus, if given)."""
        if self.bus is None or (bus is not None and self.bus is not bus):
            return
        self.bus.remove_device(self)
        self.bus = None

    def accept_temperature(self, value: float) -> bool:
        """Whether a temperature reading is real, not the power-on 85 °C.

        The first reading after the device (re)appeared is suspect: a DS18x20
        that lost power holds 85.0 until its next conversion.
        """
        if not self._check_power_on_value:
            return True
        self._check_power_on_value = False
        return value != POWER_ON_TEMPERATURE

    def _require_server(self) -> Server:
        server = self.server
        if server is None:
            raise OwfsConnectionError(f"{self.id} was never found on a server")
        return server

    async def attr_get(self, *attr: str, uncached: bool = True) -> AttributeValue:
        """Read this attribute, typed from the family's structure.

        ``await dev.attr_get("temperature")``,
        ``await dev.attr_get("HIH4000", "humidity")``. Attributes the
        structure does not describe come back as text.
        """
        server = self._require_server()
        name = "/".join(attr)
        data = await server.read(f"{self.path}/{name}", uncached=uncached)
        info = (await self._structure(server)).get(name)
        if info is None:
            return decode_text(data)
        value = info.parse(data)
        if (
            info.base.startswith("temperature") or info.base == "latesttemp"
        ) and isinstance(value, float):
            self._check_power_on_value = False
        return value

    async def attr_set(self, *attr: str, value: object) -> None:
        """Write this attribute (bools as 1/0, lists comma-separated)."""
        server = self._require_server()
        await server.write(f"{self.path}/{'/'.join(attr)}", format_value(value))

    async def _structure(self, server: Server) -> dict[str, AttributeInfo]:
        if self.structure is None:
            self.structure = await server.structure(self.family)
        return self.structure

    async def setup_struct(self, server: Server | None = None) -> None:
        """Read the family's structure so attribute accessors work."""
        await self._structure(server or self._require_server())

    def __getattr__(self, name: str) -> Any:
        """Accessors for the family's attributes, after ensure_struct().

        ``dev.temperature`` is an awaitable read, ``dev.set_temphigh(v)`` an
        awaitable write, ``dev.PIO`` an :class:`AttributeArray`.
        """
        structure = self.__dict__.get("structure")
        if structure is None or name.startswith("__"):
            raise AttributeError(name)
        if name in structure:
            return self.attr_get(name)
        if name.startswith("set_") and name[4:] in structure:
            attribute = name[4:]

            def setter(value: object) -> Coroutine[Any, Any, None]:
                return self.attr_set(attribute, value=value)

            return setter
        if any(info.base == name for info in structure.values()):
            return AttributeArray(self, name)
        raise AttributeError(name)


class AttributeArray:
    """The members of an array attribute: ``await dev.PIO["A"]``."""

    def __init__(self, device: Device, base: str) -> None:
        """Address the array ``base`` of device."""
        self.device = device
        self.base = base

    def __getitem__(self, index: str | int) -> Awaitable[AttributeValue]:
        """Read one member (``"A"``, ``0``), or ``"ALL"`` / ``"BYTE"``."""
        return self.device.attr_get(f"{self.base}.{index}")

    def set(self, index: str | int, value: object) -> Awaitable[None]:
        """Write one member."""
        return self.device.attr_set(f"{self.base}.{index}", value=value)

    @property
    def all(self) -> Awaitable[AttributeValue]:
        """Read every member at once (``.ALL``)."""
        return self["ALL"]
