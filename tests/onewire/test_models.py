"""Entities of devices known by model, and of optional add-ons.

The fake adapter gives EDS (7E) and HobbyBoards (EF) devices a random model
name, so these tests name the model on the engine's Device the way a real
owserver's ``type``/``device_type`` would, then build the entities against the
real server (which serves every attribute of those families).
"""

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.onewire import binary_sensor, sensor, switch
from custom_components.onewire_own.owfs import Device

EDS = "7E.3C54EC18DB5C"
HOBBYBOARDS = "EF.021AFE43FBFA"


@pytest.mark.parametrize(
    ("device_id", "model", "sensors", "binary_sensors", "switches"),
    [
        (EDS, "EDS0065", 2, 0, 0),
        (EDS, "EDS0066", 2, 0, 0),
        (EDS, "EDS0068", 4, 0, 0),
        (HOBBYBOARDS, "HobbyBoards_EF", 3, 0, 0),
        (HOBBYBOARDS, "HB_HUB", 0, 4, 4),
        (HOBBYBOARDS, "HB_MOISTURE_METER", 4, 0, 8),
    ],
)
async def test_a_known_model_gets_its_entities(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    device_id: str,
    model: str,
    sensors: int,
    binary_sensors: int,
    switches: int,
) -> None:
    coordinator = loaded_entry.runtime_data
    device = coordinator.owfs.devices[device_id]
    device.type = model
    assert len(await sensor.entities_for(coordinator, device)) == sensors
    assert len(await binary_sensor.entities_for(coordinator, device)) == (
        binary_sensors
    )
    assert len(await switch.entities_for(coordinator, device)) == switches


async def test_a_moisture_channel_wired_to_a_leaf_sensor_shows_wetness(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    coordinator = loaded_entry.runtime_data
    device = coordinator.owfs.devices[HOBBYBOARDS]
    device.type = "HB_MOISTURE_METER"
    for entity in await sensor.entities_for(coordinator, device):
        description = entity.entity_description
        # is_leaf.N is random on the fake: each channel must be one or the other.
        if description.translation_key == "wetness_id":
            assert description.native_unit_of_measurement == "%"
        else:
            assert description.translation_key == "moisture_id"
            assert description.native_unit_of_measurement == "cbar"


async def test_a_ds2406_without_a_tai8570_gets_no_tai8570_sensors(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    coordinator = loaded_entry.runtime_data
    with_tai8570 = coordinator.owfs.devices["12.54F81BE8E78D"]
    assert len(await sensor.entities_for(coordinator, with_tai8570)) == 2
    not_on_the_bus = Device("12.000000000000")
    assert await sensor.entities_for(coordinator, not_on_the_bus) == []
