"""Switches and selects write to the owserver; a failed write is a translated error."""

from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from ..peers.owserver import OwserverProcess

PIO = "switch.29_213ddc8770e9_programmed_input_output_0"
RESOLUTION = "select.28_54110e827441_temperature_resolution"


async def _enable(
    hass: HomeAssistant, entry: MockConfigEntry, *entity_ids: str
) -> None:
    registry = er.async_get(hass)
    for entity_id in entity_ids:
        registry.async_update_entity(entity_id, disabled_by=None)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()


async def test_switch_and_select_write_to_the_device(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    await _enable(hass, loaded_entry, PIO, RESOLUTION)
    for service in ("turn_on", "turn_off"):
        await hass.services.async_call(
            "switch", service, {ATTR_ENTITY_ID: PIO}, blocking=True
        )
    await hass.services.async_call(
        "select",
        "select_option",
        {ATTR_ENTITY_ID: RESOLUTION, "option": "10"},
        blocking=True,
    )


async def test_a_write_to_a_stopped_owserver_fails_with_a_translated_error(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, bus: OwserverProcess
) -> None:
    await _enable(hass, loaded_entry, PIO)
    bus.stop()
    with pytest.raises(HomeAssistantError) as raised:
        await hass.services.async_call(
            "switch", "turn_on", {ATTR_ENTITY_ID: PIO}, blocking=True
        )
    assert raised.value.translation_key == "owserver_unreachable"
    assert raised.value.translation_placeholders == {
        "host": bus.host,
        "port": str(bus.port),
    }
