"""Which item a frame is about, and the per-client cache of items.

Every state-bearing frame (a command/event or a dimension reply) is routed
to its item, which is created the first time the bus mentions it: that is how
a client learns an installation from its events as well as from sweeps. A
light, shutter or actuator-lock command sent to the whole bus (``0``) or an
area applies to every known member. Frames no item type claims (a WHO without
items yet, a sensor of the alarm) are valid and simply reach no item; each
route is decided once.

Some frames concern items besides their own (``LINKS``): a zone's alarm
triggers the alarm system, a system frame that ends alarms reaches every
zone, every door-entry call and end of call reaches every door-entry unit
(``*6*9##``, which has no WHERE, included). Door-entry frames other than a
call or a caller's address only reach units already known (an end of call
names ``4<unit>``, not a new unit).

A light command to the whole bus, an area or a group also reaches the
``LightSet`` item of that WHERE (created when first heard), and each set
follows the state of its members; a group reaches the lights configured in
it (the bus cannot tell a group's members). A sound command to an
environment, an area or every amplifier, or a routing frame, reaches the
zones it names (``sound.sound_audience``).

Two things are learned about the installation as a whole. A light command to
the whole bus, an area or a group is announced to ``on_light_broadcast``
(the gateway answers it with one debounced light sweep: gateways do not
always report each member, and a group's members cannot be read from the
bus). A WHO 4 frame of a central unit (``#0``, ``#Z``) tells every zone to
write through it.
"""

from collections.abc import Callable, Mapping
import logging
from typing import Final

from ..frames import Command, DimensionReply, Frame, StatusRequest
from ..where import Where, WhereKind
from .actuator_lock import ActuatorLock
from .alarm import alarm_address, alarm_links
from .automation import Shutter
from .base import FrameSender, Item, ItemCallback, ItemEvent
from .buttons import CenButton, CenPlusButton
from .contacts import Aux, DryContact
from .door_entry import DoorEntryUnit, door_entry_links, door_entry_reveals
from .energy import EnergyMeter, energy_meter_where
from .gateway_info import GatewayInfo
from .light_sets import SET_KINDS, LightSet, area_number, area_of
from .lighting import MOTION_REPORTS, Light
from .scenarios import ALL_SCENES, ProgrammedScene, ScenarioModule
from .sound import (
    SOUND_WHOS,
    SoundSource,
    SoundZone,
    sound_audience,
    source_where,
    zone_where as sound_zone_where,
)
from .thermo_central_unit import ThermoCentralUnit
from .thermo_probes import ThermoProbe, probe_where
from .thermoregulation import ThermoZone, through_central_unit, zone_where

_LOGGER = logging.getLogger(__package__)

TRANSLATION_WHAT: Final = "1000"
_BROADCAST_WHO: Final = frozenset({Light.who, Shutter.who, ActuatorLock.who})
_BROADCAST_KINDS: Final = frozenset(
    {WhereKind.GENERAL, WhereKind.AREA, WhereKind.GROUP}
)
type ItemListener = Callable[[Item], None]
#: Other items a frame concerns: (class, WHERE), WHERE None for all of the class.
type Links = Callable[[Command], tuple[tuple[type[Item], str | None], ...]]
LINKS: Final[dict[int, Links]] = {
    5: alarm_links,
    6: door_entry_links,
    7: door_entry_links,
    8: door_entry_links,
}
#: Frames of these WHOs create an item only when the predicate says so.
REVEALS: Final[dict[int, Callable[[Command], bool]]] = {8: door_entry_reveals}
_UNROUTED: Final = object()


def is_light_broadcast(frame: Frame) -> bool:
    """A light command to the whole bus, an area or a group (``*1*0*#1##``).

    Motion reports (WHAT 34/39) change no light, and a command translation
    (``*1*1000#0*#1##``) is followed by the plain command: neither counts.
    """
    return (
        isinstance(frame, Command)
        and frame.who == Light.who
        and frame.where is not None
        and frame.where.kind in _BROADCAST_KINDS
        and frame.what != TRANSLATION_WHAT
        and frame.what.isdigit()
        and int(frame.what) not in MOTION_REPORTS
    )


def item_address(who: int, where: Where | None) -> tuple[type[Item], str] | None:
    """The item class and item WHERE a frame about (who, where) belongs to.

    ``where`` is None for commands without a WHERE field (``*6*9##``).
    """
    if who == 5:
        return alarm_address(where)
    if where is None:
        return None
    address = where.address
    match who:
        case 0 if address:
            return ScenarioModule, where.format()
        case 1 | 2 | 14 if where.kind is WhereKind.POINT_TO_POINT:
            return {1: Light, 2: Shutter, 14: ActuatorLock}[who], where.format()
        case 1 if where.kind in SET_KINDS:
            return LightSet, where.format()
        case 4:
            zone = zone_where(where)
            if zone is not None:
                central_unit = zone.startswith("#")
                return (ThermoCentralUnit if central_unit else ThermoZone), zone
            probe = probe_where(where)
            return None if probe is None else (ThermoProbe, probe)
        case 9 if address:
            return Aux, where.format()
        case 8 if address and not where.params:
            return DoorEntryUnit, address
        case 13:
            return GatewayInfo, ""
        case 15 if address:
            return CenButton, where.format()
        case 16 | 22:
            return _sound_address(who, where)
        case 17 if address.isdigit() and address != ALL_SCENES and not where.params:
            return ProgrammedScene, address
        case 18 | 1018 if energy_meter_where(where):
            return EnergyMeter, where.format()
        case 25 if address[:1] == "2" and len(address) > 1:
            return CenPlusButton, where.format()
        case 25 if address[:1] == "3" and len(address) > 1:
            return DryContact, where.format()
    return None


def _sound_address(who: int, where: Where) -> tuple[type[Item], str] | None:
    """A sound zone or source, under its WHO 16 address whatever the dialect."""
    if (zone := sound_zone_where(who, where)) is not None:
        return SoundZone, zone
    if (source := source_where(who, where)) is not None:
        return SoundSource, source
    return None


class ItemRegistry:
    """The items of one gateway or client, keyed by (WHO, WHERE)."""

    def __init__(
        self,
        sender: FrameSender,
        *,
        on_light_broadcast: Callable[[], None] | None = None,
    ) -> None:
        """Items created here send their commands through sender.

        on_light_broadcast is called for every light command to the whole
        bus, an area or a group that the registry dispatches.
        """
        self._sender = sender
        self._on_light_broadcast = on_light_broadcast
        self._central_unit_heard = False
        self._items: dict[tuple[int, str], Item] = {}
        self._routes: dict[tuple[int, Where | None], Item | None] = {}
        self._item_listeners: list[ItemListener] = []
        self._callbacks: list[ItemCallback] = []
        self._lights: list[Light] = []
        self._light_sets: list[LightSet] = []
        self._zones: list[SoundZone] = []

    @property
    def items(self) -> Mapping[tuple[int, str], Item]:
        """Every item learned so far, by (WHO, WHERE)."""
        return self._items

    def get_item(self, who: int, where: str | Where) -> Item:
        """The cached item for (who, where), created on first use.

        Raises:
            KeyError: no item type handles that WHO and WHERE.

        """
        where = Where.parse(where) if isinstance(where, str) else where
        address = item_address(who, where)
        if address is None:
            raise KeyError(f"no item for WHO {who} WHERE {where}")
        return self._item(address)

    def _item(self, address: tuple[type[Item], str]) -> Item:
        item_class, where_text = address
        key = (item_class.who, where_text)
        item = self._items.get(key)
        if item is None:
            item = item_class(self._sender, where_text)
            item.join(self._items)
            if isinstance(item, ThermoZone):
                item.has_central_unit = self._central_unit_heard
            self._items[key] = item
            self._index(item)
            for listener in list(self._item_listeners):
                try:
                    listener(item)
                except Exception:
                    _LOGGER.exception("Item listener %r failed on %s", listener, item)
        return item

    def _index(self, item: Item) -> None:
        """Keep the items that other items' frames reach (set members, zones)."""
        match item:
            case Light():
                self._lights.append(item)
            case LightSet():
                self._light_sets.append(item)
                item.show_members(self._members(item))
            case SoundZone():
                self._zones.append(item)

    def add_item_listener(self, listener: ItemListener) -> Callable[[], None]:
        """Call listener(item) for every new item; returns its remover."""
        self._item_listeners.append(listener)
        return lambda: discard_entry(self._item_listeners, listener)

    def add_callback(self, callback: ItemCallback) -> Callable[[], None]:
        """Call callback(item, event) for every event of every item."""
        self._callbacks.append(callback)
        return lambda: self.remove_callback(callback)

    def remove_callback(self, callback: ItemCallback) -> None:
        """Stop calling callback (no error if it was not registered)."""
        discard_entry(self._callbacks, callback)

    def dispatch(self, frame: Frame) -> None:
        """Route a frame to its item(s); everything else is ignored."""
        if isinstance(frame, Command):
            if frame.what == TRANSLATION_WHAT and frame.what_params:
                return  # the plain command follows the translation
        elif not isinstance(frame, DimensionReply):
            return
        if self._on_light_broadcast is not None and is_light_broadcast(frame):
            self._on_light_broadcast()
        if (
            frame.who == ThermoZone.who
            and not self._central_unit_heard
            and through_central_unit(frame.where)
        ):
            self._learn_central_unit()
        route = (frame.who, frame.where)
        item = self._routes.get(route, _UNROUTED)
        if item is _UNROUTED:
            if isinstance(frame, Command) and self._broadcast(frame):
                return
            item = self._route(frame)
        if (
            isinstance(item, Item)
            and self._deliver(item, frame)
            and isinstance(item, Light)
        ):
            self._follow_members([item])
        if isinstance(frame, Command) and (links := LINKS.get(frame.who)):
            self._deliver_links(frame, item if isinstance(item, Item) else None, links)

    def _route(self, frame: Command | DimensionReply) -> Item | None:
        """The item of a frame not routed before (the route is kept if it is final)."""
        address = item_address(frame.who, frame.where)
        reveals = REVEALS.get(frame.who)
        if (
            address is not None
            and reveals is not None
            and isinstance(frame, Command)
            and not reveals(frame)
        ):
            # Only a known item hears it; a later frame may reveal the item.
            return self._items.get((address[0].who, address[1]))
        item = None if address is None else self._item(address)
        self._routes[(frame.who, frame.where)] = item
        return item

    def _deliver_links(self, frame: Command, routed: Item | None, links: Links) -> None:
        """Give the frame to the other items it concerns (each once)."""
        reached = {id(routed)}
        for item_class, where in links(frame):
            if where is None:
                targets = [
                    item for item in self._items.values() if type(item) is item_class
                ]
            else:
                targets = [self._item((item_class, where))]
            for target in targets:
                if id(target) not in reached:
                    reached.add(id(target))
                    self._deliver(target, frame)

    def _broadcast(self, frame: Command) -> bool:
        """Deliver a command for several items to each; False if it names one."""
        if frame.who in SOUND_WHOS:
            zones = sound_audience(frame, self._zones)
            if zones is None:
                return False
            for zone in zones:
                self._deliver(zone, frame)
            return True
        if frame.who not in _BROADCAST_WHO:
            return False
        members = self._broadcast_members(frame.who, frame.where)
        if members is None:
            return False
        changed = [member for member in members if self._deliver(member, frame)]
        if frame.who == Light.who and frame.where is not None:
            light_set = self._item((LightSet, frame.where.format()))
            self._deliver(light_set, frame)
            if isinstance(light_set, LightSet):
                self._follow_members(changed, light_set)
        return True

    def _members(self, light_set: LightSet) -> list[Light]:
        return [light for light in self._lights if light_set.includes(light)]

    def _follow_members(
        self, lights: list[Item], always: LightSet | None = None
    ) -> None:
        """Show the sets these lights belong to (and ``always``) in their new state."""
        for light_set in self._light_sets:
            if light_set is always or any(
                isinstance(light, Light) and light_set.includes(light)
                for light in lights
            ):
                self._notify(
                    light_set, light_set.show_members(self._members(light_set))
                )

    def conclude(self, request: Frame, answers: list[Frame]) -> None:
        """Tell the item a status request asked about that its answer is complete.

        Called after the answers were dispatched; only an item that exists
        hears it (a status request creates nothing).
        """
        if not isinstance(request, StatusRequest):
            return
        address = item_address(request.who, request.where)
        if address is None:
            return
        item_class, where_text = address
        item = self._items.get((item_class.who, where_text))
        if item is not None:
            self._notify(item, item.conclude_status(answers))

    def _learn_central_unit(self) -> None:
        """A central unit runs the plant: every zone, known or not yet, writes through it."""
        self._central_unit_heard = True
        for item in self._items.values():
            if isinstance(item, ThermoZone):
                item.has_central_unit = True

    def _broadcast_members(self, who: int, where: Where | None) -> list[Item] | None:
        if where is None:
            return None
        kind = where.kind
        if kind is WhereKind.GROUP and who == Light.who:
            group = int(where.params[0])
            return [
                light
                for light in self._lights
                if group in light.groups
                and Where.parse(light.where).interface == where.interface
            ]
        if kind is WhereKind.GENERAL:
            wanted_area = None
        elif kind is WhereKind.AREA:
            wanted_area = area_number(where)
        else:
            return None
        interface = where.interface
        points: list[Item] = (
            list(self._lights)
            if who == Light.who
            else [
                item for (item_who, _), item in self._items.items() if item_who == who
            ]
        )
        return [
            item
            for item in points
            if item._where.interface == interface
            and (wanted_area is None or area_of(item._where) == wanted_area)
        ]

    def _deliver(self, item: Item, frame: Command | DimensionReply) -> bool:
        """Let item handle frame and tell everyone; True if anything happened."""
        try:
            events = item.handle(frame)
        except ValueError, IndexError, ArithmeticError:
            # A value out of any range the item knows (a 20-digit uptime...).
            _LOGGER.debug("%s cannot make sense of %s", item, frame)
            return False
        return self._notify(item, events)

    def _notify(self, item: Item, events: list[ItemEvent]) -> bool:
        if not events:
            return False
        item.notify(events)
        for event in events:
            for callback in list(self._callbacks):
                try:
                    callback(item, event)
                except Exception:
                    _LOGGER.exception("Callback %r failed on %s", callback, item)
        return True

    def dispose(self) -> None:
        """Stop every item's background work."""
        for item in self._items.values():
            item.dispose()


def discard_entry[T](entries: list[T], entry: T) -> None:
    """Remove entry from entries if it is there (a remover called twice is harmless)."""
    if entry in entries:
        entries.remove(entry)
