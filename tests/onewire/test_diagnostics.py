"""Diagnostics of an owserver entry and of its devices.

Values and timings of the fake bus are random: the snapshot holds their types.
"""

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.diagnostics import (
    async_get_config_entry_diagnostics,
    async_get_device_diagnostics,
)

from ..peers.owserver import OwserverProcess


def _shape(value: Any, port: int) -> Any:
    """Keep the structure, replace what the fake makes random by its type."""
    if isinstance(value, dict):
        return {key: _shape(item, port) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item, port) for item in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value if value != port else "<port>"
    if value == port:
        return "<port>"
    return type(value).__name__


async def test_entry_diagnostics(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    bus: OwserverProcess,
    snapshot: SnapshotAssertion,
) -> None:
    diagnostics = await async_get_config_entry_diagnostics(hass, loaded_entry)
    assert diagnostics["entry"]["data"]["host"] == "**REDACTED**"
    for device in diagnostics["devices"]:
        if device["family"] in ("7E", "EF"):
            device["type"] = "<random>"
    assert _shape(diagnostics, bus.port) == snapshot


async def test_device_diagnostics(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    bus: OwserverProcess,
    snapshot: SnapshotAssertion,
) -> None:
    registry = dr.async_get(hass)
    thermometer = registry.async_get_device_by_identifier(
        (DOMAIN, "28.54110E827441"), loaded_entry.entry_id
    )
    hub = registry.async_get_device_by_identifier(
        (DOMAIN, f"owserver_{loaded_entry.entry_id}"), loaded_entry.entry_id
    )
    assert thermometer is not None
    assert hub is not None
    device = await async_get_device_diagnostics(hass, loaded_entry, thermometer)
    assert device["values"]["temperature"] > -56
    server = await async_get_device_diagnostics(hass, loaded_entry, hub)
    assert _shape(device, bus.port) == snapshot(name="thermometer")
    assert _shape(server, bus.port) == snapshot(name="owserver")
