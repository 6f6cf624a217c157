"""The push coordinator of a gateway entry: connection, sweeps, new items.

Nothing is polled. The first refresh starts the ``Gateway`` (command sessions
and the event session) and sweeps the bus (``*#1*0##``, ``*#2*0##``…), so the
initial state of every item comes from a handful of requests, not one per
entity; after that the event session pushes every change to the items, and
the items to their entities. After each reconnect the coordinator sweeps
again before it calls the entities available, so they never show a state from
before the outage.

The coordinator is also where the user's choices meet the items, so that
entities stay views that only read items and call their commands:

* it applies the options to each item as the item appears (a point chosen as
  a dimmer, a basic shutter's travel time, a light's groups, the aux
  commands that arm the burglar alarm) and starts what an item needs (the
  active-power push of an energy meter, reading a holiday's end when the
  central unit starts one); every light brings its area and the whole bus
  as light sets, and each group the user gave members is one too; it
  creates the actuator locks (WHO 14) of the points the options name, which
  the bus never mentions;
* it finds the energy meters at start (``Gateway.find_energy_meters``) and
  reads their energies every ``ENERGY_POLL_INTERVAL``: meters never push
  them, and a daily counter must be read soon after it restarts at
  midnight for the statistics to see the restart;
* it remembers what earlier runs showed (``known.py``): the items are
  recreated at setup and ``remembers`` tells the platforms which entities
  that appear only on a first report to bring back at once; entities the
  options no longer show are removed from the registry in the same pass;
* with the option on, it fires every bus message as an event
  (``bus_events.py``).
"""

import asyncio
from collections.abc import Callable
import contextlib
from datetime import datetime, timedelta
from typing import Final, override

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import async_track_time_interval
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from ..const import DOMAIN, LOGGER
from ..openwebnet import (
    DimensionReply,
    OpenWebNetAuthError,
    OpenWebNetError,
    OpenWebNetLockedError,
    SessionSlotsExhaustedError,
    Where,
)
from ..openwebnet.gateway import DISCOVERY_SWEEPS, LATER_SWEEPS, Gateway
from ..openwebnet.items.actuator_lock import ActuatorLock
from ..openwebnet.items.alarm import AlarmSystem
from ..openwebnet.items.automation import Shutter
from ..openwebnet.items.base import Item, ItemEvent
from ..openwebnet.items.door_entry import DoorEntryUnit
from ..openwebnet.items.energy import EnergyMeter
from ..openwebnet.items.light_sets import sets_of_point
from ..openwebnet.items.lighting import Light
from ..openwebnet.items.sound import SoundSource
from ..openwebnet.items.thermo_central_unit import ThermoCentralUnit
from .bus_events import bus_event_firer
from .const import ENTRANCE_PANEL_KEYS, KEY_INCOMING_CALL, PointKind
from .issues import async_clear_sessions_exhausted, async_report_sessions_exhausted
from .items import address_key, item_key
from .known import KnownEntities
from .settings import GatewaySettings

# Seconds between resync attempts while the event session is up.
RESYNC_RETRY_S: Final = 10.0
# Seconds between looks at the failed-login count while reconnecting.
PASSWORD_WATCH_S: Final = 0.5
# The platforms a lighting point can be shown on (one at a time: the options).
POINT_PLATFORMS: Final = frozenset(kind.platform for kind in PointKind)
# How often the meters' energies are read: often enough that the first read
# after a meter's midnight still shows its daily counter far below the day's
# total (how the statistics tell a new day), seldom enough to cost a command
# session one request per energy and meter every few minutes.
ENERGY_POLL_INTERVAL: Final = timedelta(minutes=5)

type GatewayConfigEntry = ConfigEntry[GatewayCoordinator]
type NewItemsCallback = Callable[[list[Item]], None]


def gateway_unique_id(entry: ConfigEntry) -> str:
    """The gateway's MAC address (the entry's unique id), or host:port without one."""
    return entry.unique_id or f"{entry.data[CONF_HOST]}:{entry.data[CONF_PORT]}"


class GatewayCoordinator(DataUpdateCoordinator[None]):
    """Owns the gateway connection; tells entities about availability and new items."""

    config_entry: GatewayConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: GatewayConfigEntry,
        gateway: Gateway,
        settings: GatewaySettings,
    ) -> None:
        """Prepare the coordinator; nothing connects until the first refresh."""
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"MyHOME gateway {entry.data[CONF_HOST]}",
            update_interval=None,
        )
        self.gateway = gateway
        self.settings = settings
        self.gateway_unique_id = gateway_unique_id(entry)
        self.connected = False
        #: The gateway's device; set when it is registered, before the platforms.
        self.hub_device_id = ""
        #: The entities of earlier runs, read at setup.
        self.known = KnownEntities()
        self._lost_logged = False
        #: Refused logins counted when the gateway was last fully connected.
        self._refused_logins_seen = 0
        self._new_items_callbacks: list[NewItemsCallback] = []
        #: Central units whose holiday end is being read.
        self._reading_end: set[str] = set()

    @property
    def items(self) -> dict[str, Item]:
        """Every item the gateway knows, by ``"<who>-<where>"``."""
        return {
            f"{who}-{where}": item for (who, where), item in self.gateway.items.items()
        }

    def _update_failed(self, translation_key: str) -> UpdateFailed:
        """A translated UpdateFailed naming this gateway."""
        return UpdateFailed(
            translation_domain=DOMAIN,
            translation_key=translation_key,
            translation_placeholders=self._placeholders(),
        )

    def _placeholders(self) -> dict[str, str]:
        return {
            "host": self.config_entry.data[CONF_HOST],
            "port": str(self.config_entry.data[CONF_PORT]),
        }

    @override
    async def _async_setup(self) -> None:
        """Open the sessions; a refused password asks the user for a new one.

        Recent failed logins (this process's, to this address) make the
        gateway's login guard refuse to try: that is retried later, not a
        reason to ask for a new password.
        """
        try:
            await self.gateway.start()
        except SessionSlotsExhaustedError as err:
            async_report_sessions_exhausted(
                self.hass, self.config_entry, err.granted, err.asked
            )
            raise self._update_failed("gateway_sessions_exhausted") from err
        except OpenWebNetLockedError as err:
            raise self._update_failed("gateway_auth_locked") from err
        except OpenWebNetAuthError as err:
            raise ConfigEntryAuthFailed(
                translation_domain=DOMAIN,
                translation_key="gateway_auth_failed",
                translation_placeholders=self._placeholders(),
            ) from err
        except OpenWebNetError as err:
            raise self._update_failed("gateway_not_ready") from err
        # Items heard while the sessions opened come before the listener.
        for item in list(self.gateway.items.values()):
            self._prepare_item(item)
        self.config_entry.async_on_unload(
            self.gateway.add_item_listener(self._handle_new_item)
        )
        self._restore_known_items()
        for group in self.settings.light_groups():
            with contextlib.suppress(KeyError, ValueError):
                self.gateway.get_item(Light.who, group)
        if self.settings.bus_events:
            self.config_entry.async_on_unload(
                self.gateway.add_frame_listener(
                    bus_event_firer(self.hass, self.config_entry.entry_id)
                )
            )
        self._handle_capacity_change(self.gateway.command_sessions_granted)
        self.config_entry.async_on_unload(
            self.gateway.add_capacity_listener(self._handle_capacity_change)
        )
        self.config_entry.async_on_unload(
            lambda: async_clear_sessions_exhausted(self.hass, self.config_entry)
        )
        self.config_entry.async_on_unload(
            self.gateway.add_connection_listener(self._handle_connection_change)
        )
        self.config_entry.async_on_unload(
            async_track_time_interval(
                self.hass,
                self._async_poll_energy,
                ENERGY_POLL_INTERVAL,
                name=f"{self.name} energy poll",
                cancel_on_shutdown=True,
            )
        )

    @callback
    def _handle_capacity_change(self, granted_command_sessions: int) -> None:
        """Raise the sessions issue while the gateway refuses command sessions.

        The issue counts slots: command sessions plus the event session.
        """
        gateway = self.gateway
        refused = gateway.command_sessions - granted_command_sessions
        if refused <= 0:
            async_clear_sessions_exhausted(self.hass, self.config_entry)
            return
        asked = gateway.sessions_asked
        async_report_sessions_exhausted(
            self.hass, self.config_entry, asked - refused, asked
        )

    def _restore_known_items(self) -> None:
        """Recreate the items whose entities earlier runs registered.

        One pass over the entity registry (``known.py`` says why the registry
        is the memory); the entities the options no longer show are removed
        on the way.
        """
        self.known = KnownEntities.from_registry(
            er.async_get(self.hass),
            self.config_entry.entry_id,
            self.gateway_unique_id,
            self._hidden_by_options,
        )
        for who, where in self.known.addresses:
            with contextlib.suppress(KeyError, ValueError):
                self.gateway.get_item(who, where)
        for where in self.settings.actuator_locks:
            with contextlib.suppress(KeyError, ValueError):
                self.gateway.get_item(ActuatorLock.who, where)

    def _hidden_by_options(self, who: int, where: str, domain: str) -> bool:
        """Whether the options no longer show this entity of item (who, where).

        A lighting point is a light or a switch: the entity of the other kind
        goes when the user switches between them. An actuator lock goes when
        its point is no longer among the options' locked points.
        """
        if who == ActuatorLock.who:
            return where not in self.settings.actuator_locks
        if who != Light.who or domain not in POINT_PLATFORMS:
            return False
        return domain != self.settings.point_kind(address_key(who, where)).platform

    def remembers(self, item: Item, key: str) -> bool:
        """Whether an earlier run showed ``key`` of item (bring it back at once)."""
        return self.known.has(item, key)

    def _prepare_item(self, item: Item) -> None:
        """Apply the options to a new item, and start what it needs.

        Called once per item, as it appears (before its entities exist).
        """
        key = item_key(item)
        match item:
            case Light():
                if self.settings.point_kind(key) is PointKind.DIMMER:
                    item.configure_dimmer()
                item.configure_groups(self.settings.groups_of(item.where))
                for light_set in sets_of_point(Where.parse(item.where)):
                    self.gateway.get_item(Light.who, light_set)
            case Shutter():
                travel_time = self.settings.travel_time(key)
                item.configure_travel_times(travel_time, travel_time)
            case EnergyMeter():
                item.keep_power_flowing()
            case AlarmSystem():
                item.configure_arming(self.settings.alarm_arming(key))
            case DoorEntryUnit():
                # What the unit is shows only in a call; earlier runs saw one.
                item.configure_roles(
                    entrance_panel=any(
                        self.remembers(item, key) for key in ENTRANCE_PANEL_KEYS
                    ),
                    handset=self.remembers(item, KEY_INCOMING_CALL),
                )
            case ThermoCentralUnit():
                self.config_entry.async_on_unload(
                    item.add_callback(self._handle_central_unit_event)
                )

    @callback
    def _handle_central_unit_event(self, item: Item, event: ItemEvent) -> None:
        """A holiday or vacation began: read when it ends (it is never reported)."""
        if (
            not isinstance(item, ThermoCentralUnit)
            or not item.wants_holiday_end
            or not self.connected
            or item.where in self._reading_end
        ):
            return
        self._reading_end.add(item.where)
        self.config_entry.async_create_background_task(
            self.hass, self._async_read_holiday_end(item), f"{self.name} holiday end"
        )

    async def _async_read_holiday_end(self, unit: ThermoCentralUnit) -> None:
        try:
            await unit.read_holiday_end()
        except OpenWebNetError as err:
            LOGGER.debug("Could not read the holiday end of %s: %s", unit, err)
        finally:
            self._reading_end.discard(unit.where)

    async def async_find_meters(self) -> None:
        """Find the energy meters, then read each one's energies.

        Meters cannot be swept: one diagnostic request names them all (or,
        where the gateway refuses it, a short scan of addresses finds them,
        ``Gateway.find_energy_meters``). The ones found become items (and
        get their sensors) like any item heard on the bus; each is then
        read, so no sensor waits for the first poll. Meters remembered from
        earlier runs are read too.
        """
        try:
            meters = await self.gateway.find_energy_meters()
            for meter in meters:
                await meter.refresh()
        except OpenWebNetError as err:
            LOGGER.debug("Looking for energy meters failed: %s", err)

    async def _async_poll_energy(self, now: datetime) -> None:
        """Read every meter's energies (they are never pushed)."""
        if not self.connected:
            return
        meters = [
            item
            for item in self.gateway.items.values()
            if isinstance(item, EnergyMeter)
        ]
        try:
            for meter in meters:
                await meter.refresh_energy()
        except OpenWebNetError as err:
            LOGGER.debug("Reading the energy meters failed: %s", err)

    async def async_later_sweeps(self) -> None:
        """Sweep the systems no first state waits for (sound system, burglar alarm).

        Run in the background once the platforms are set up; their items
        appear (and get their entities) as the answers come. A gateway
        without the system refuses the sweep, which is no error. Each sound
        source is then asked for its station: a tuner answers (and says what
        it plays), any other source refuses.
        """
        try:
            for sweep in LATER_SWEEPS:
                await self.gateway.sweep(sweep)
            for item in list(self.gateway.items.values()):
                if isinstance(item, SoundSource) and not item.is_tuner:
                    station, *more = item.tuner_requests()
                    answers = await self.gateway.send(station)
                    if isinstance(answers[0], DimensionReply):
                        for request in more:
                            await self.gateway.send(request)
        except OpenWebNetError as err:
            LOGGER.debug(
                "Later sweeps (sound system, burglar alarm) of %s failed: %s",
                self.name,
                err,
            )

    @override
    async def _async_update_data(self) -> None:
        """Sweep the bus once; the gateway info was just read by ``start``."""
        try:
            await self._async_sweep()
        except OpenWebNetError as err:
            raise self._update_failed("gateway_not_ready") from err
        self.connected = True
        self._refused_logins_seen = self.gateway.counters.failed_logins

    async def _async_sweep(self) -> None:
        """Learn every item's state: the sweeps, or each known item in turn.

        After the sweeps, items ask what the sweeps cannot tell (the
        central unit's conditions: ``Item.follow_up``).
        """
        if self.settings.discovery_sweeps:
            for sweep in DISCOVERY_SWEEPS:
                await self.gateway.sweep(sweep)
            await self.gateway.follow_up_items()
        else:
            await self.gateway.refresh_items()

    @callback
    def _handle_connection_change(self, connected: bool) -> None:
        """Log a lost gateway once, and its return once; resync on return."""
        if not connected:
            if not self._lost_logged:
                LOGGER.info("Lost the connection to %s", self.name)
                self._lost_logged = True
            self.connected = False
            self.async_update_listeners()
            self.config_entry.async_create_background_task(
                self.hass,
                self._async_watch_for_refused_password(),
                f"{self.name} password watch",
            )
            return
        self.config_entry.async_create_background_task(
            self.hass, self._async_resync(), f"{self.name} resync"
        )

    async def _async_watch_for_refused_password(self) -> None:
        """While reconnecting: a refused password asks the user for the new one.

        The gateway keeps retrying (slowly, after a refusal) on its own; this
        only notices that its logins are now being refused. Refusals are
        counted from the last time everything was connected, not from the
        loss: a command session reopened with the old password may be refused
        before the event session is known lost, and the login guard then
        allows no further attempt for a minute.
        """
        while not self.gateway.connected:
            if self.gateway.counters.failed_logins > self._refused_logins_seen:
                LOGGER.info("%s refused the password", self.name)
                self.config_entry.async_start_reauth(self.hass)
                return
            await asyncio.sleep(PASSWORD_WATCH_S)

    async def _async_resync(self) -> None:
        """After a reconnect: sweep, then show the entities again.

        A sweep that fails while the event session stays up is tried again
        a little later (no reconnect would come to trigger it); if the
        session went down meanwhile, the next reconnect resyncs instead.
        """
        while True:
            try:
                await self._async_sweep()
                if self.settings.discovery_sweeps:
                    for sweep in LATER_SWEEPS:
                        await self.gateway.sweep(sweep)
                await self.gateway.refresh_info()
                break
            except OpenWebNetError as err:
                LOGGER.debug("Resync of %s failed: %s", self.name, err)
                if not self.gateway.connected:
                    return
            await asyncio.sleep(RESYNC_RETRY_S)
        if self._lost_logged:
            LOGGER.info("Connection to %s is back", self.name)
            self._lost_logged = False
        self.connected = True
        self._refused_logins_seen = self.gateway.counters.failed_logins
        self.async_update_listeners()

    @callback
    def async_add_new_items_listener(
        self, new_items: NewItemsCallback
    ) -> Callable[[], None]:
        """Call new_items(items) when items are heard for the first time."""
        self._new_items_callbacks.append(new_items)
        return lambda: self._new_items_callbacks.remove(new_items)

    @callback
    def _handle_new_item(self, item: Item) -> None:
        """Prepare a new item, then let the platforms add its entities."""
        self._prepare_item(item)
        for new_items in list(self._new_items_callbacks):
            new_items([item])

    async def async_close(self) -> None:
        """Close every session (entry unload)."""
        self.connected = False
        await self.gateway.close()
