"""The coordinator of an owserver entry: drives the owfs engine for Home Assistant.

One coordinator per owserver. It owns the ``OWFS`` instance and its ``Server``
(persistent connections, periodic scans, alarm polling run inside the engine).
It wakes up at the shortest poll interval of the entry and its devices, polls
every watched attribute of the devices that are due in one whole-bus poll
(``poll_schedule``), reads owserver's error counters once a minute
(``bus_health``), and turns engine events into Home Assistant updates:

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

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from ..const import LOGGER
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
    ServerStatistics,
    poll_server,
    read_statistics,
)
from .bus_health import STATISTICS_INTERVAL, ErrorRateWatch
from .descriptions.base import as_bool
from .devices import OwserverDevices
from .errors import owserver_error
from .health_issue import async_update_health_issues
from .persistence_issue import (
    async_delete_persistence_issue,
    async_update_persistence_issue,
)
from .poll_schedule import PollSchedule
from .settings import OwserverSettings

type OwserverConfigEntry = ConfigEntry[OwserverCoordinator]
type NewDevicesCallback = Callable[[list[Device]], None]


@dataclass(slots=True)
class OwserverData:
    """The last known values of an owserver's devices.

    Attributes:
        values: 1-Wire id → attribute → value (typed from ``/structure``).
        last_poll: the last poll (timings, errors), for diagnostics.
        polled_at: time of the last poll (seconds, Home Assistant's clock).
        statistics: owserver's error counters as last read (once a minute).
    """

    values: dict[str, dict[str, AttributeValue]] = field(default_factory=dict)
    last_poll: PollResult | None = None
    polled_at: float | None = None
    statistics: ServerStatistics | None = None

    def value(self, device_id: str, attribute: str) -> AttributeValue | None:
        """The last value of one attribute of one device, None if unknown."""
        return self.values.get(device_id, {}).get(attribute)


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
            update_interval=settings.poll_tick,
        )
        self.settings = settings
        self.host: str = entry.data[CONF_HOST]
        self.port: int = entry.data[CONF_PORT]
        self.owfs = OWFS()
        self._schedule = PollSchedule(settings)
        #: The error rates of owserver's counters, judged once a minute.
        self.health = ErrorRateWatch()
        self._statistics_read_at: float | None = None
        # family → attribute → number of entities that show it
        self._watched: dict[str, dict[str, int]] = {}
        self._known_devices: set[str] = set()
        self._new_devices_callbacks: list[NewDevicesCallback] = []
        self._unsubscribe_events: CALLBACK_TYPE | None = None
        self._was_connected = True
        #: The owserver and its chips in the device registry.
        self.registered = OwserverDevices(hass, entry)
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
            raise self._update_failed(err) from err
        self._known_devices = {device.id for device in self.server.devices}
        self._unsubscribe_events = self.owfs.add_listener(self._async_on_event)
        if self.settings.alarm_polling:
            self.owfs.start_alarm_polling(
                self.server, self.settings.alarm_interval.total_seconds()
            )

    async def async_shutdown(self) -> None:
        """Stop polling and close every connection to the owserver."""
        await super().async_shutdown()
        async_delete_persistence_issue(self.hass, self.config_entry.entry_id)
        async_update_health_issues(self.hass, self.config_entry.entry_id, "", [])
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
            self._schedule.poll_soon()
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
        """Read every watched attribute of the devices that are due, in one poll."""
        data = self.data or OwserverData()
        answered = self.connected
        if not answered:
            # The engine reconnects by itself; entities show unavailable.
            return data
        now = dt_util.utcnow().timestamp()
        watched = self.watched_attributes()
        due = self._schedule.due(
            (device.id for device in self.devices if device.family in watched), now
        )
        result = data.last_poll
        values = {
            device_id: dict(device_values)
            for device_id, device_values in data.values.items()
        }
        try:
            if due:
                result = await poll_server(
                    self.server,
                    watched,
                    devices=due,
                    simultaneous=self.settings.simultaneous,
                    conversion_time=self.settings.conversion_time.total_seconds(),
                )
            statistics = await self._read_statistics_when_due(now, data.statistics)
        except OwfsError as err:
            if not self.connected:  # lost during the poll: the engine reconnects
                return data
            raise self._update_failed(err) from err
        if due and result is not None:
            self._schedule.polled(due, now)
            for device_id, device_values in result.values.items():
                values.setdefault(device_id, {}).update(device_values)
            for device_id, errors in result.errors.items():
                for attribute in errors:
                    values.get(device_id, {}).pop(attribute, None)
        async_update_persistence_issue(
            self.hass, self.config_entry.entry_id, self.server
        )
        if due and result is not None:
            await self._async_report_failed_buses(result)
        return OwserverData(
            values=values,
            last_poll=result,
            polled_at=now if due else data.polled_at,
            statistics=statistics,
        )

    async def _read_statistics_when_due(
        self, now: float, last: ServerStatistics | None
    ) -> ServerStatistics | None:
        """Owserver's error counters, read once a minute and judged for bus health."""
        if (
            self._statistics_read_at is not None
            and 0
            <= now - self._statistics_read_at
            < STATISTICS_INTERVAL.total_seconds()
        ):
            return last
        statistics = await read_statistics(self.server)
        self._statistics_read_at = now
        self.health.update(statistics)
        async_update_health_issues(
            self.hass,
            self.config_entry.entry_id,
            f"{self.host}:{self.port}",
            self.health.sustained,
        )
        return statistics

    def value(self, device_id: str, attribute: str) -> AttributeValue | None:
        """The value an entity shows: the last one read, inputs inverted if wired so."""
        value = self.data.value(device_id, attribute)
        if value is None or not self.settings.shows_inverted(device_id, attribute):
            return value
        state = as_bool(value)
        return None if state is None else not state

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
        path = f"{device.path}/{attribute}"
        try:
            await self.server.write(path, value)
        except OwfsError as err:
            raise self.error(HomeAssistantError, err, path) from err
        self._schedule.poll_soon(device.id)
        await self.async_request_refresh()

    def error[E: HomeAssistantError](
        self, kind: type[E], err: OwfsError, path: str | None = None
    ) -> E:
        """A translated error of kind naming this owserver (and path) and what failed."""
        return owserver_error(kind, err, self.host, self.port, path)

    def _update_failed(self, err: OwfsError) -> UpdateFailed:
        """A translated UpdateFailed naming this owserver and what failed."""
        return self.error(UpdateFailed, err)

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
        # The server may have been upgraded meanwhile.
        self.registered.async_register_hub(self.server.version)
        self._schedule.poll_soon()
        self.config_entry.async_create_background_task(
            self.hass, self.async_refresh(), "onewire_own refresh after reconnect"
        )

    @callback
    def _async_device_located(self, device: Device) -> None:
        self.registered.async_register(device)
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
