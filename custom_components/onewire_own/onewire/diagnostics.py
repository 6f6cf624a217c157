"""Diagnostics of an owserver entry: server, bus health, devices, values, poll timings.

The host is redacted (it can be a public name); everything else is what a
maintainer needs to see why an entity has no value.
"""

import dataclasses
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr

from ..const import DOMAIN
from ..owfs import Bus, Device
from .coordinator import OwserverConfigEntry, OwserverCoordinator

TO_REDACT = {CONF_HOST}


def _bus(bus: Bus) -> dict[str, Any]:
    return {
        "path": bus.path_str,
        "coupler": bus.coupler.id if bus.coupler is not None else None,
        "branch": bus.branch,
        "devices": sorted(device.id for device in bus.devices),
    }


def _device(coordinator: OwserverCoordinator, device: Device) -> dict[str, Any]:
    poll = coordinator.data.last_poll
    errors = poll.errors.get(device.id, {}) if poll is not None else {}
    return {
        "id": device.id,
        "family": device.family,
        "type": device.type,
        "located": device.located,
        "bus": device.bus.path_str if device.bus is not None else None,
        "resolution": device.resolution,
        "values": dict(coordinator.data.values.get(device.id, {})),
        "errors": {attribute: str(error) for attribute, error in errors.items()},
    }


def _poll(coordinator: OwserverCoordinator) -> dict[str, Any] | None:
    poll = coordinator.data.last_poll
    if poll is None:
        return None
    return {
        "duration": poll.duration,
        "bus_durations": {
            "/" + "/".join(path): seconds
            for path, seconds in poll.bus_durations.items()
        },
        "conversion_times": {
            "/" + "/".join(path): seconds
            for path, seconds in poll.conversion_times.items()
        },
        "connections_opened": poll.connections_opened,
        "dropped": poll.dropped,
        "watched": coordinator.watched_attributes(),
    }


def _settings(coordinator: OwserverCoordinator) -> dict[str, Any]:
    settings = coordinator.settings
    return {
        "poll_interval": settings.poll_interval.total_seconds(),
        "scan_interval": settings.scan_interval.total_seconds(),
        "simultaneous": settings.simultaneous,
        "alarm_polling": settings.alarm_polling,
        "alarm_interval": settings.alarm_interval.total_seconds(),
        "conversion_time": settings.conversion_time.total_seconds(),
        "connections": settings.connections,
        "precision": dict(settings.precision),
        "device_poll_intervals": {
            device_id: interval.total_seconds()
            for device_id, interval in settings.device_poll_intervals.items()
        },
        "inverted": sorted(settings.inverted),
    }


def _health(coordinator: OwserverCoordinator) -> dict[str, Any]:
    """Owserver's error counters as last read, and the rates judged sustained."""
    statistics = coordinator.data.statistics
    return {
        "statistics": dataclasses.asdict(statistics) if statistics else None,
        "sustained_error_rates": {
            rate.source: rate.rate for rate in coordinator.health.sustained
        },
    }


def _server(coordinator: OwserverCoordinator) -> dict[str, Any]:
    server = coordinator.server
    return {
        "version": server.version,
        "connected": server.connected,
        "connections_wanted": server.connections_wanted,
        "connections_open": server.connections_open,
        "persistence_withheld": server.persistence_withheld,
        "stats": dataclasses.asdict(server.stats),
        "buses": [_bus(bus) for bus in server.buses],
        "health": _health(coordinator),
    }


async def async_get_owserver_diagnostics(
    hass: HomeAssistant, entry: OwserverConfigEntry
) -> dict[str, Any]:
    """Everything the entry knows about its owserver."""
    coordinator = entry.runtime_data
    return {
        "entry": {
            "title": "**REDACTED**",
            "data": async_redact_data(dict(entry.data), TO_REDACT),
            "options": dict(entry.options),
        },
        "settings": _settings(coordinator),
        "server": _server(coordinator),
        "devices": [
            _device(coordinator, device)
            for device in sorted(coordinator.devices, key=lambda device: device.id)
        ],
        "poll": _poll(coordinator),
    }


async def async_get_owserver_device_diagnostics(
    hass: HomeAssistant, entry: OwserverConfigEntry, device_entry: dr.DeviceEntry
) -> dict[str, Any]:
    """What the entry knows about one device (the hub: the server itself)."""
    coordinator = entry.runtime_data
    ids = {
        identifier
        for domain, identifier in device_entry.identifiers
        if domain == DOMAIN
    }
    devices = [
        device
        for device_id, device in coordinator.owfs.devices.items()
        if device_id in ids
    ]
    if not devices:
        return {"server": _server(coordinator), "poll": _poll(coordinator)}
    return _device(coordinator, devices[0])
