"""Diagnostics of a gateway entry: the gateway, its sessions, counters and items.

The password and the host are redacted from the entry, the burglar alarm's
code from its options, and the title (which names the host) is left out;
nothing else here carries them.

The burglar alarm section says whether the bus reported an alarm at all,
whether the gateway answered its status request, and which gateways do not
forward alarm frames: a MyHOMEServer1 reports the same model code (200) as
an F454 or an MH202, so the model alone cannot tell.
"""

from dataclasses import asdict
from datetime import date, time, timedelta
from enum import Enum
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_HOST, CONF_PASSWORD
from homeassistant.core import HomeAssistant

from ..openwebnet.gateway import Gateway
from ..openwebnet.items.alarm import SYSTEM_STATUS, WEB_SERVER_STATUS, AlarmSystem
from ..openwebnet.items.base import Item
from .const import CONF_ALARM_CODE
from .coordinator import GatewayConfigEntry
from .items import item_key

TO_REDACT = {CONF_HOST, CONF_PASSWORD}
OPTIONS_TO_REDACT = {CONF_ALARM_CODE}
ALARM_FORWARDING = (
    "A MyHOMEServer1 does not forward burglar-alarm (WHO 5) frames (openHAB"
    " binding README); F454, F453AV, MH202 and H4890 gateways do (captures)."
    " A MyHOMEServer1 reports the model code 200, like an F454 or an MH202."
)


def _plain(value: object) -> object:
    """A JSON-friendly form of an item attribute."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, date | time):  # datetimes too
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(_plain(member) for member in value)  # type: ignore[type-var]
    if isinstance(value, tuple):
        return [_plain(member) for member in value]
    if hasattr(value, "__dataclass_fields__"):
        return {key: _plain(field) for key, field in asdict(value).items()}  # type: ignore[call-overload]
    return value


def item_diagnostics(item: Item) -> dict[str, Any]:
    """An item's class and public state attributes."""
    state = {
        name: _plain(value)
        for name, value in vars(item).items()
        if not name.startswith("_") and name != "where"
    }
    return {"type": type(item).__name__, "who": item.who, "where": item.where, **state}


async def async_get_gateway_diagnostics(
    hass: HomeAssistant, entry: GatewayConfigEntry
) -> dict[str, Any]:
    """Everything useful to debug a gateway entry, secrets redacted."""
    coordinator = entry.runtime_data
    gateway = coordinator.gateway
    settings = coordinator.settings
    return {
        "entry": {
            # The title is left out: it names the gateway by its address.
            "data": async_redact_data(dict(entry.data), TO_REDACT),
            "options": async_redact_data(dict(entry.options), OPTIONS_TO_REDACT),
        },
        "gateway": {
            "model": gateway.model,
            "firmware": gateway.firmware,
            "mac": gateway.mac,
            "uptime_s": _plain(gateway.uptime),
        },
        "sessions": {
            "event_session_connected": gateway.connected,
            "entities_available": coordinator.connected,
            # As asked in the options, as used (the model may hold fewer), and
            # as granted now (fewer while other clients hold some).
            "command_sessions_asked": settings.command_sessions,
            "command_sessions": gateway.command_sessions,
            "command_sessions_granted": gateway.command_sessions_granted,
            "model_limit": gateway.limits.command_sessions,
            "pacing_ms": round(gateway.pacing * 1000),
            "keepalive_s": settings.keepalive_s,
        },
        "counters": gateway.counters.as_dict(),
        "refused_sweeps": sorted(gateway.refused_sweeps),
        "burglar_alarm": burglar_alarm_diagnostics(gateway),
        "items": {
            item_key(item): item_diagnostics(item) for item in gateway.items.values()
        },
    }


def burglar_alarm_diagnostics(gateway: Gateway) -> dict[str, Any]:
    """Whether the alarm was heard, how its status request fared, and the caveat."""
    heard = any(isinstance(item, AlarmSystem) for item in gateway.items.values())
    refused = gateway.refused_sweeps
    if SYSTEM_STATUS.build() not in refused:
        status = SYSTEM_STATUS.build()
    elif WEB_SERVER_STATUS.build() not in refused and heard:
        status = WEB_SERVER_STATUS.build()
    else:
        status = None
    return {
        "system_heard": heard,
        "status_request_answered": status,
        "gateways_not_forwarding_alarm_frames": ALARM_FORWARDING,
    }
