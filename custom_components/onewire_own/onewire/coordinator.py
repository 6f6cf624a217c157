"""The coordinator of an owserver entry: drives the owfs engine for Home Assistant.

One coordinator per owserver. It owns the ``OWFS`` instance and its ``Server``
(persistent connections, periodic scans, alarm polling run inside the engine),
polls every watched attribute of every located device in one whole-bus poll
per interval, and turns engine events into Home Assistant updates:

- ``DeviceLocated``: the device is registered (or moved under its new coupler)
  and, if it is new, platforms are told to add its entities: no reload.
- ``DeviceNotFound``: its entities turn unavailable.
- ``DeviceValue`` (alarm polling): the value is published at once.
- ``ServerDisconnected`` / ``ServerConnected``: all entities turn unavailable
  and come back (after an immediate poll), each logged once at INFO.

A bus where every read of a poll fails (a short circuit, a dead adapter) is
logged once at WARNING, with the short circuits owserver counted on it, and
once at INFO when it answers again; its entities are unavailable meanwhile.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
import time

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from ..const import DOMAIN, LOGGER
from ..owfs import (
    OWFS,
    AttributeValue,
    Device,
    DeviceLocated,
    DeviceNotFound,
    DeviceValue,
    Event,
    OwfsError,
    PollResult,
    Server,
    ServerConnected,
    ServerDisconnected,
)
from .const import MANUFACTURER_BY_FAMILY, MANUFACTURER_MAXIM, OWFS_MANUFACTURER
from .persistence_issue import (
    async_delete_persistence_issue,
    async_update_persistence_issue,
)
from .settings import OwserverSettings

type OwserverConfigEntry = ConfigEntry[OwserverCoordinator]
type NewDevicesCallback = Callable[[list[Device]], None]


@dataclass(slots=True)
class OwserverData:
    """The last known values of an owserver's devices.

    Attributes:
        values: 1-Wire id → attribute → value (typed from ``/structure``).
        last_poll: the last whole-server poll (timings, errors), for diagnostics.
        polled_at: monotonic time of the last poll.
    """

    values: dict[str, dict[str, AttributeValue]] = field(default_factory=dict)
    last_poll: PollResult | None = None
    polled_at: float | None = None

    def value(self, device_id: str, attribute: str) -> AttributeValue | None:
        """The last value of one attribute of one device, None if unknown."""
        return self.values.get(device_id, {}).get(attribute)


def hub_identifier(entry: ConfigEntry) -> tuple[str, str]:
    """The device-registry identifier of an entry's owserver (the hub device).

    Built from the config entry id rather than host:port so that a
    reconfigured address keeps the same hub device and its children.
    """
    return (DOMAIN, f"owserver_{entry.entry_id}")


class OwserverCoordinator(DataUpdateCoordinator[OwserverData]):
    """Polls one owserver and publishes its devices' values."""

    config_entry: OwserverConfigEntry
    server: Server

    def __init__(
        self,
        hass: HomeAssistant,
        entry: OwserverConfigEntry,
        settings: OwserverSettings,
    ) -> None:
        """Prepare; the connection is opened by the first refresh (_async_setup)."""
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"owserver {entry.data[CONF_HOST]}:{entry.data[CONF_PORT]}",
            update_interval=settings.poll_interval,
        )
        self.settings = settings
        self.host: str = entry.data[CONF_HOST]
        self.port: int = entry.data[CONF_PORT]
        self.owfs = OWFS()
        # family → attribute → number of entities that show it
        self._watched: dict[str, dict[str, int]] = {}
        self._known_devices: set[str] = set()
        self._new_devices_callbacks: list[NewDevicesCallback] = []
        self._unsubscribe_events: CALLBACK_TYPE | None = None
        self._was_connected = True
        # Buses whose every read failed in the last poll (logged once).
        self._failed_buses: set[tuple[str, ...]] = set()
        # Until the platforms have added their entities, watching is only
        # collected: one refresh after set-up then reads everything at once.
        self._refresh_on_watch = False

    # ------------------------------------------------------------- lifecycle

    async def _async_setup(self) -> None:
        """Connect, scan, and start listening to the engine's events."""
        try:
            self.server = await self.owfs.add_server(
                self.host,
                self.port,
                connections=self.settings.connections,
                scan_interval=self.settings.scan_interval.total_seconds(),
            )
        except OwfsError as err:
            await self.owfs.aclose()
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="owserver_unreachable",
                translation_placeholders={
                    "host": self.host,
                    "port": str(self.port),
                    "error": str(err),
                },
            ) from err
        self._known_devices = {device.id for device in self.server.devices}
        self._unsubscribe_events = self.owfs.add_listener(self._async_on_event)
        if self.settings.alarm_polling:
            self.server.start_alarm_polling(
                self.settings.alarm_interval.total_seconds()
            )

    async def async_shutdown(self) -> None:
        """Stop polling and close every connection to the owserver."""
        await super().async_shutdown()
        async_delete_persistence_issue(self.hass, self.config_entry.entry_id)
        if self._unsubscribe_events is not None:
            self._unsubscribe_events()
            self._unsubscribe_events = None
        await self.owfs.aclose()

    # ---------------------------------------------------------------- state

    @property
    def connected(self) -> bool:
        """Whether the owserver answers now."""
        return self.server.connected

    @property
    def devices(self) -> list[Device]:
        """Devices located on the owserver's buses now."""
        return self.server.devices

    # -------------------------------------------------------------- polling

    async def async_start_polling(self) -> None:
        """Read what the entities watch now that they are added, then keep it fresh."""
        self._refresh_on_watch = True
        await self.async_refresh()

    @callback
    def async_watch(self, family: str, attribute: str) -> CALLBACK_TYPE:
        """Poll attribute for devices of family while the returned callback is not called.

        Entities watch what they show, so a disabled entity costs no bus time.
        A newly watched attribute is read at once instead of at the next poll.
        """
        counts = self._watched.setdefault(family, {})
        counts[attribute] = counts.get(attribute, 0) + 1
        if counts[attribute] == 1 and self._refresh_on_watch:
            self.config_entry.async_create_background_task(
                self.hass, self.async_request_refresh(), "onewire_own watch refresh"
            )

        @callback
        def unwatch() -> None:
            counts[attribute] -= 1
            if not counts[attribute]:
                del counts[attribute]

        return unwatch

    def watched_attributes(self) -> dict[str, list[str]]:
        """Family → attributes some entity shows: what each poll reads."""
        return {
            family: sorted(attributes)
            for family, attributes in self._watched.items()
            if attributes
        }

    async def _async_update_data(self) -> OwserverData:
        """Read every watched attribute of every located device in one poll."""
        data = self.data or OwserverData()
        answered = self.connected
        if not answered:
            # The engine reconnects by itself; entities show unavailable.
            return data
        try:
            result = await self.server.poll(
                self.watched_attributes(),
                simultaneous=self.settings.simultaneous,
                conversion_time=self.settings.conversion_time.total_seconds(),
            )
        except OwfsError as err:
            if not self.connected:  # lost during the poll: the engine reconnects
                return data
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="owserver_unreachable",
                translation_placeholders={
                    "host": self.host,
                    "port": str(self.port),
                    "error": str(err),
                },
            ) from err
        values = {
            device_id: dict(device_values)
            for device_id, device_values in data.values.items()
        }
        for device_id, device_values in result.values.items():
            values.setdefault(device_id, {}).update(device_values)
        for device_id, errors in result.errors.items():
            for attribute in errors:
                values.get(device_id, {}).pop(attribute, None)
        async_update_persistence_issue(
            self.hass, self.config_entry.entry_id, self.server
        )
        await self._async_report_failed_buses(result)
        return OwserverData(values=values, last_poll=result, polled_at=time.monotonic())

    async def _async_report_failed_buses(self, result: PollResult) -> None:
        """Log a bus once when all its reads fail, and once when it answers again."""
        failed = set(result.failed_buses)
        for path in sorted(failed - self._failed_buses):
            LOGGER.warning(
                "1-Wire bus %s of owserver %s:%s does not answer (%s)%s: its "
                "entities are unavailable until it does",
                "/".join(path),
                self.host,
                self.port,
                result.failed_buses[path],
                await self._async_short_circuits(path),
            )
        for path in sorted(self._failed_buses - failed):
            LOGGER.info(
                "1-Wire bus %s of owserver %s:%s answers again",
                "/".join(path),
                self.host,
                self.port,
            )
        self._failed_buses = failed

    async def _async_short_circuits(self, path: tuple[str, ...]) -> str:
        """What owserver counted on a physical bus: ``; N short circuits``."""
        if len(path) != 1:
            return ""
        try:
            data = await self.server.read(
                f"/{path[0]}/interface/statistics/shorts", uncached=True
            )
            shorts = int(data.decode().strip() or 0)
        except OwfsError, ValueError:
            return ""
        return f"; owserver counted {shorts} short circuit(s) on it" if shorts else ""

    async def async_write(self, device: Device, attribute: str, value: bytes) -> None:
        """Write an attribute of a device, then show the new value at once."""
        try:
            await self.server.write(f"{device.path}/{attribute}", value)
        except OwfsError as err:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="write_failed",
                translation_placeholders={
                    "path": f"{device.path}/{attribute}",
                    "error": str(err),
                },
            ) from err
        await self.async_request_refresh()

    # --------------------------------------------------------------- events

    @callback
    def _async_on_event(self, event: Event) -> None:
        """Turn an engine event into registry changes and entity updates."""
        match event:
            case ServerDisconnected(server=server) if server is self.server:
                self._async_server_lost()
            case ServerConnected(server=server) if server is self.server:
                self._async_server_back()
            case DeviceLocated(device=device) if device.server is self.server:
                self._async_device_located(device)
            case DeviceNotFound():
                self.async_update_listeners()
            case DeviceValue(device=device, attribute=attribute, value=value):
                self._async_device_value(device, attribute, value)

    @callback
    def _async_server_lost(self) -> None:
        if self._was_connected:
            LOGGER.info(
                "owserver %s:%s does not answer: its entities are unavailable "
                "until it is back",
                self.host,
                self.port,
            )
            self._was_connected = False
        if self.data is not None:
            self.data.values.clear()
        self.async_update_listeners()

    @callback
    def _async_server_back(self) -> None:
        if not self._was_connected:
            LOGGER.info("owserver %s:%s is back", self.host, self.port)
            self._was_connected = True
        self.async_register_hub()  # the server may have been upgraded meanwhile
        self.config_entry.async_create_background_task(
            self.hass, self.async_refresh(), "onewire_own refresh after reconnect"
        )

    @callback
    def _async_device_located(self, device: Device) -> None:
        self.async_register_device(device)
        if device.id not in self._known_devices:
            self._known_devices.add(device.id)
            for new_devices_callback in list(self._new_devices_callbacks):
                new_devices_callback([device])
        self.async_update_listeners()

    @callback
    def _async_device_value(
        self, device: Device, attribute: str, value: AttributeValue
    ) -> None:
        if self.data is None or device.id not in self._known_devices:
            return
        if self.data.value(device.id, attribute) == value:
            return
        # Not async_set_updated_data: it reschedules the next poll, so an
        # input changing more often than the interval would postpone it forever.
        self.data.values.setdefault(device.id, {})[attribute] = value
        self.async_update_listeners()

    @callback
    def async_add_new_devices_listener(
        self, new_devices_callback: NewDevicesCallback
    ) -> CALLBACK_TYPE:
        """Call new_devices_callback with devices located after setup."""
        self._new_devices_callbacks.append(new_devices_callback)

        @callback
        def remove() -> None:
            self._new_devices_callbacks.remove(new_devices_callback)

        return remove

    # -------------------------------------------------------------- devices

    @callback
    def async_register_hub(self) -> None:
        """Register the owserver itself, before platforms name it as via_device."""
        dr.async_get(self.hass).async_get_or_create(
            config_entry_id=self.config_entry.entry_id,
            identifiers={hub_identifier(self.config_entry)},
            manufacturer=OWFS_MANUFACTURER,
            model="owserver",
            name=self.config_entry.title,
            sw_version=self.server.version,
        )

    @callback
    def async_register_devices(self) -> None:
        """Register every located device, couplers before what is behind them."""
        for device in sorted(
            self.server.devices,
            key=lambda device: len(device.bus.path) if device.bus else 0,
        ):
            self.async_register_device(device)

    @callback
    def async_register_device(self, device: Device) -> None:
        """Register (or update) a 1-Wire device under its coupler or the hub."""
        registry = dr.async_get(self.hass)
        parent = hub_identifier(self.config_entry)
        if device.bus is not None and device.bus.coupler is not None:
            parent = (DOMAIN, device.bus.coupler.id)
        parent_entry = registry.async_get_device_by_identifier(
            parent, self.config_entry.entry_id
        )
        registry.async_get_or_create(
            config_entry_id=self.config_entry.entry_id,
            identifiers={(DOMAIN, device.id)},
            manufacturer=MANUFACTURER_BY_FAMILY.get(device.family, MANUFACTURER_MAXIM),
            model=device.type,
            name=device.id,
            serial_number=device.id[3:],
            via_device_id=parent_entry.id if parent_entry is not None else None,
        )
