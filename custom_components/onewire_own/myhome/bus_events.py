"""Every bus message as a Home Assistant event, for systems without entities yet.

With the option *Fire an event for every bus message* on, each frame of the
event session (what the bus did, whoever did it) is fired on Home
Assistant's bus as ``onewire_own_message``, so an automation can follow a
system this integration does not show yet (an alarm, a door entry panel, a
sound system). The event data:

=================  ===================================================
``config_entry_id`` the gateway entry that heard it
``frame``           the raw frame, e.g. ``*#18*51*113*1200##``
``who``             the WHO (number)
``what``            the WHAT of a command; None for a dimension frame
``what_params``     the WHAT's ``#`` parameters (CEN: the press kind)
``where``           the WHERE as on the wire, e.g. ``12``, ``#1``, ``3#4#01``
``dimension``       the dimension of a dimension frame; None for a command
``values``          the dimension's values (strings, as on the wire)
=================  ===================================================

Every key is always there, so ``event_data`` triggers and templates can
match any of them.
"""

from collections.abc import Callable
from typing import Any

from homeassistant.core import HomeAssistant, callback

from ..openwebnet import Command, DimensionReply, Frame
from .const import EVENT_MESSAGE


def message_event_data(frame: Frame) -> dict[str, Any] | None:
    """The event data of one bus message; None for frames that are not one."""
    match frame:
        case Command(who=who, what=what, what_params=params, where=where):
            return _data(frame, who, where.format(), what=what, what_params=params)
        case DimensionReply(who=who, where=where, dimension=dimension, values=values):
            return _data(frame, who, where.format(), dimension=dimension, values=values)
    return None


def _data(
    frame: Frame,
    who: int,
    where: str,
    *,
    what: str | None = None,
    what_params: tuple[str, ...] = (),
    dimension: str | None = None,
    values: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "frame": frame.build(),
        "who": who,
        "what": what,
        "what_params": list(what_params),
        "where": where,
        "dimension": dimension,
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
