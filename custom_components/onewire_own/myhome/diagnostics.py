"""Diagnostics of a gateway entry: the gateway, its sessions, counters and items.

The password and the host are redacted from the entry, and its title (which
names the host) is left out; nothing else here carries them.
"""

from dataclasses import asdict
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_HOST, CONF_PASSWORD
from homeassistant.core import HomeAssistant

from ..openwebnet.items.base import Item
from .coordinator import GatewayConfigEntry
from .items import item_key

TO_REDACT = {CONF_HOST, CONF_PASSWORD}


def _plain(value: object) -> object:
    """A JSON-friendly form of an item attribute."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, datetime):
        return value.isoformat()
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
            "options": dict(entry.options),
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
        "items": {
            item_key(item): item_diagnostics(item) for item in gateway.items.values()
        },
    }
