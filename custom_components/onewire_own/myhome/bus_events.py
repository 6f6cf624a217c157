"""Every bus message as a Home Assistant event, for systems without entities yet.

With the option *Fire an event for every bus message* on, each frame of the
event session (what the bus did, whoever did it) is fired on Home
Assistant's bus as ``onewire_own_message``, so an automation can follow a
system this integration does not show yet (an alarm, a door entry panel, a
sound system). The event data:

====================  ====================================================
``config_entry_id``   the gateway entry that heard it
``frame``             the raw frame, e.g. ``*#18*51*113*1200##``
``kind``              ``command``, ``dimension`` (a value reported),
                      ``dimension_write`` (a value set, as the gateway
                      echoes it) or ``other`` (a frame of no usual shape)
``who``               the WHO (a number; None when an odd frame has none)
``what``              the WHAT of a command; None otherwise
``what_params``       the WHAT's ``#`` parameters (CEN: the press kind)
``where``             the WHERE as on the wire (``12``, ``#1``, ``3#4#01``,
                      ``""`` when empty); None when the frame has none
``dimension``         the dimension of a dimension frame; None otherwise
``dimension_params``  the dimension's ``#`` parameters (``1200#1``)
``values``            the dimension's values; for a command, the fields
                      after its WHERE; for an odd frame, all its fields
====================  ====================================================

Every key is always there (strings, lists of strings, the WHO a number),
so ``event_data`` triggers and templates can match any of them.
"""

from collections.abc import Callable
from typing import Any

from homeassistant.core import HomeAssistant, callback

from ..openwebnet import (
    Command,
    DimensionReply,
    DimensionWrite,
    Frame,
    GenericFrame,
    Where,
)
from .const import EVENT_MESSAGE


def message_event_data(frame: Frame) -> dict[str, Any] | None:
    """The event data of one bus message; None for frames that are not one."""
    match frame:
        case Command():
            return _data(
                frame,
                "command",
                frame.who,
                what=frame.what,
                what_params=frame.what_params,
                where=frame.where,
                values=frame.extra_fields,
            )
        case DimensionReply() | DimensionWrite():
            kind = (
                "dimension" if isinstance(frame, DimensionReply) else "dimension_write"
            )
            return _data(
                frame,
                kind,
                frame.who,
                where=frame.where,
                dimension=frame.dimension,
                dimension_params=frame.dimension_params,
                values=frame.values,
            )
        case GenericFrame():
            return _data(frame, "other", frame.who, values=frame.fields)
    return None


def _data(
    frame: Frame,
    kind: str,
    who: int | None,
    *,
    what: str | None = None,
    what_params: tuple[str, ...] = (),
    where: Where | None = None,
    dimension: str | None = None,
    dimension_params: tuple[str, ...] = (),
    values: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "frame": frame.build(),
        "kind": kind,
        "who": who,
        "what": what,
        "what_params": list(what_params),
        "where": None if where is None else where.format(),
        "dimension": dimension,
        "dimension_params": list(dimension_params),
        "values": list(values),
    }


def bus_event_firer(
    hass: HomeAssistant, config_entry_id: str
) -> Callable[[Frame], None]:
    """A frame listener that fires each bus message as ``onewire_own_message``."""

    @callback
    def fire(frame: Frame) -> None:
        if (data := message_event_data(frame)) is not None:
            hass.bus.async_fire(
                EVENT_MESSAGE, {"config_entry_id": config_entry_id, **data}
            )

    return fire
