"""A scripted timeline of the emulated world: what changes, and when.

Times are bus seconds after the emulator started. Each event acts on one chip
(set or ramp an analog value, drive an input, vanish, come back, change its
CRC error rate) or on the whole bus (short it, silence the adapter); an event
with a ``duration`` also schedules its end. Events are applied lazily, in
order, before every reset of the wire and every inspection, at their
scheduled time: a conversion that starts after a step sees the new value,
one that started before sees the old.

File form (the ``timeline`` list of a bus description)::

    - {at: 0,  device: 28.000000000001, ramp: temperature, to: 30, over: 60}
    - {at: 5,  device: 28.000000000002, set: temperature, value: 25}
    - {at: 10, device: 29.000000000001, set: input.3, value: 0}
    - {at: 12, device: 29.000000000001, press: 5}
    - {at: 20, device: 28.000000000003, vanish: 5}      # back after 5 s
    - {at: 30, device: 28.000000000004, crc_error_rate: 0.5}
    - {at: 40, short: 2}                                # 2 s short
    - {at: 50, silent: 3}                               # adapter mute 3 s
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from .slave import SettingError, Slave


class TimelineError(ValueError):
    """A timeline entry that does not describe an event."""


class Controls(Protocol):
    """What timeline events act on (the emulator)."""

    def chip(self, name: str) -> Slave:
        """The chip with this id."""
        ...

    def short(self) -> None:
        """Short the wire."""
        ...

    def unshort(self) -> None:
        """End the short."""
        ...

    def go_silent(self) -> None:
        """The adapter stops answering."""
        ...

    def resume(self) -> None:
        """The adapter answers again."""
        ...


@dataclass(frozen=True, slots=True)
class Event:
    """One scheduled change.

    Attributes:
        at: bus seconds after start.
        action: ``set``, ``ramp``, ``press``, ``vanish``, ``reappear``,
            ``crc_error_rate``, ``short``, ``unshort``, ``silent``, ``resume``.
        device: the chip's id (chip actions).
        attribute: what ``set``/``ramp``/``press`` change.
        value: the new value (``set``), the target (``ramp``), the rate.
        duration: the ramp's length.
    """

    at: float
    action: str
    device: str | None = None
    attribute: str | None = None
    value: float | None = None
    duration: float = 0.0


CHIP_ACTIONS = frozenset(
    {"set", "ramp", "press", "vanish", "reappear", "crc_error_rate"}
)
BUS_ACTIONS = frozenset({"short", "unshort", "silent", "resume"})
_ENDS = {"vanish": "reappear", "short": "unshort", "silent": "resume"}


def parse_event(entry: Mapping[str, Any]) -> list[Event]:
    """The events of one timeline entry (two when it has a duration)."""
    try:
        at = float(entry["at"])
    except (KeyError, TypeError, ValueError) as err:
        raise TimelineError(f"timeline entry without a time 'at': {entry}") from err
    device = entry.get("device")
    device = str(device) if device is not None else None
    for key in ("set", "ramp", "press"):
        if key in entry:
            if device is None:
                raise TimelineError(f"'{key}' needs a device: {entry}")
            if key == "press":
                return [Event(at, "press", device, f"input.{entry[key]}")]
            target = entry.get("to" if key == "ramp" else "value")
            if target is None:
                raise TimelineError(f"'{key}' needs a value ('value'/'to'): {entry}")
            return [
                Event(
                    at,
                    key,
                    device,
                    str(entry[key]),
                    float(target),
                    float(entry.get("over", 0.0)),
                )
            ]
    if "crc_error_rate" in entry:
        if device is None:
            raise TimelineError(f"'crc_error_rate' needs a device: {entry}")
        return [
            Event(at, "crc_error_rate", device, value=float(entry["crc_error_rate"]))
        ]
    for action in ("vanish", "reappear", "short", "unshort", "silent", "resume"):
        if action in entry:
            if action in CHIP_ACTIONS and device is None:
                raise TimelineError(f"'{action}' needs a device: {entry}")
            events = [Event(at, action, device)]
            duration = entry[action]
            if (
                action in _ENDS
                and duration is not None
                and not isinstance(duration, bool)
            ):
                events.append(Event(at + float(duration), _ENDS[action], device))
            return events
    raise TimelineError(f"timeline entry with no known action: {entry}")


class Timeline:
    """Events in time order, applied as bus time passes."""

    def __init__(self, events: Iterable[Event] = ()) -> None:
        """Events at their times after start()."""
        self._events = sorted(events, key=lambda event: event.at)
        self._next = 0
        self.origin: float | None = None
        self.applied: list[tuple[float, Event]] = []

    @classmethod
    def from_entries(cls, entries: Iterable[Mapping[str, Any]]) -> Timeline:
        """A timeline from description entries."""
        events: list[Event] = []
        for entry in entries:
            events.extend(parse_event(entry))
        return cls(events)

    @property
    def events(self) -> list[Event]:
        """Every event, in order."""
        return list(self._events)

    @property
    def pending(self) -> list[Event]:
        """Events not applied yet."""
        return self._events[self._next :]

    def add(self, event: Event) -> None:
        """Schedule one more event (not before those already applied)."""
        self._events.insert(self._next, event)
        self._events[self._next :] = sorted(
            self._events[self._next :], key=lambda item: item.at
        )

    def start(self, origin: float) -> None:
        """Count event times from bus time origin."""
        self.origin = origin

    def apply_due(self, now: float, controls: Controls) -> None:
        """Apply every event whose time has come, in order."""
        if self.origin is None:
            return
        while self._next < len(self._events):
            event = self._events[self._next]
            when = self.origin + event.at
            if when > now:
                return
            self._next += 1
            apply_event(event, when, controls)
            self.applied.append((when, event))


def apply_event(event: Event, when: float, controls: Controls) -> None:
    """Carry out one event at bus time when."""
    if event.action in BUS_ACTIONS:
        getattr(controls, {"silent": "go_silent"}.get(event.action, event.action))()
        return
    if event.device is None:
        raise TimelineError(f"{event.action} needs a device")
    chip = controls.chip(event.device)
    match event.action:
        case "set":
            assert event.attribute is not None
            assert event.value is not None
            chip.set_value(event.attribute, event.value, when)
        case "ramp":
            assert event.attribute is not None
            assert event.value is not None
            chip.ramp_value(event.attribute, event.value, event.duration, when)
        case "press":
            assert event.attribute is not None
            chip.set_value(event.attribute, 0, when)
            chip.set_value(event.attribute, 1, when)
        case "vanish":
            chip.vanish()
        case "reappear":
            chip.reappear()
        case "crc_error_rate":
            assert event.value is not None
            chip.crc_error_rate = event.value
        case _:
            raise SettingError(f"unknown timeline action {event.action!r}")
