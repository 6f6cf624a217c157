"""Commands from Home Assistant move the simulated bus; the new state comes back.

Entities never assume a command worked: the state shown is the one the
gateway echoes on the event session after carrying it out.
"""

from homeassistant.components.climate import (
    DOMAIN as CLIMATE_DOMAIN,
    SERVICE_SET_HVAC_MODE,
    SERVICE_SET_TEMPERATURE,
)
from homeassistant.components.cover import (
    DOMAIN as COVER_DOMAIN,
    SERVICE_OPEN_COVER,
    SERVICE_SET_COVER_POSITION,
    SERVICE_STOP_COVER,
)
from homeassistant.components.light import DOMAIN as LIGHT_DOMAIN
from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.const import (
    ATTR_TEMPERATURE,
    SERVICE_CLOSE_COVER,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.openwebnet import Command, Where
from simulator.openwebnet import GatewaySimulator

from .conftest import LoadEntry, state_of, wait_for


def attribute(hass: HomeAssistant, entity_id: str, name: str) -> object:
    state = hass.states.get(entity_id)
    assert state is not None
    return state.attributes.get(name)


async def call(
    hass: HomeAssistant, domain: str, service: str, entity_id: str, **data: object
) -> None:
    await hass.services.async_call(
        domain, service, {"entity_id": entity_id, **data}, blocking=True
    )


@pytest.mark.usefixtures("loaded_entry")
async def test_light_switched_on_and_off_from_home_assistant(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await call(hass, LIGHT_DOMAIN, SERVICE_TURN_ON, "light.light_11")
    await wait_for(lambda: state_of(hass, "light.light_11") == STATE_ON)
    assert gateway.light("11").on

    await call(hass, LIGHT_DOMAIN, SERVICE_TURN_OFF, "light.light_11")
    await wait_for(lambda: state_of(hass, "light.light_11") == STATE_OFF)
    assert not gateway.light("11").on


@pytest.mark.usefixtures("loaded_entry")
async def test_ten_level_dimmer_goes_to_the_nearest_ten_percent(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await call(hass, LIGHT_DOMAIN, SERVICE_TURN_ON, "light.light_13", brightness=128)
    await wait_for(lambda: gateway.light("13").level == 50)
    await wait_for(lambda: attribute(hass, "light.light_13", "brightness") == 128)


@pytest.mark.usefixtures("loaded_entry")
async def test_hundred_level_dimmer_learned_on_first_use_then_dims_exactly(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    # Off at start, the sweep cannot tell it is a dimmer; switching it on can.
    await call(hass, LIGHT_DOMAIN, SERVICE_TURN_ON, "light.light_14")
    await wait_for(
        lambda: attribute(hass, "light.light_14", "color_mode") == "brightness"
    )

    await call(
        hass,
        LIGHT_DOMAIN,
        SERVICE_TURN_ON,
        "light.light_14",
        brightness=79,
        transition=2,
    )
    await wait_for(lambda: gateway.light("14").level == 31)
    await wait_for(lambda: attribute(hass, "light.light_14", "brightness") == 79)
    assert gateway.light("14").speed == "2"

    await call(hass, LIGHT_DOMAIN, SERVICE_TURN_OFF, "light.light_14", transition=1)
    await wait_for(lambda: state_of(hass, "light.light_14") == STATE_OFF)


@pytest.mark.usefixtures("loaded_entry")
async def test_aux_channel_is_a_switch(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await call(hass, SWITCH_DOMAIN, SERVICE_TURN_ON, "switch.auxiliary_1")
    await wait_for(lambda: state_of(hass, "switch.auxiliary_1") == STATE_ON)
    assert gateway.aux("1").on

    await call(hass, SWITCH_DOMAIN, SERVICE_TURN_OFF, "switch.auxiliary_1")
    await wait_for(lambda: state_of(hass, "switch.auxiliary_1") == STATE_OFF)


async def test_point_chosen_as_switch_is_a_switch_and_not_a_light(
    hass: HomeAssistant, gateway: GatewaySimulator, load_entry: LoadEntry
) -> None:
    await load_entry(items={"1-12": {"as": "switch"}})

    assert hass.states.get("light.light_12") is None
    assert state_of(hass, "switch.light_12") == STATE_ON
    await call(hass, SWITCH_DOMAIN, SERVICE_TURN_OFF, "switch.light_12")
    await wait_for(lambda: state_of(hass, "switch.light_12") == STATE_OFF)
    assert not gateway.light("12").on


@pytest.mark.usefixtures("loaded_entry")
async def test_advanced_shutter_goes_to_a_position(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await call(
        hass, COVER_DOMAIN, SERVICE_SET_COVER_POSITION, "cover.shutter_22", position=40
    )
    await wait_for(lambda: state_of(hass, "cover.shutter_22") == "closing")
    await wait_for(
        lambda: attribute(hass, "cover.shutter_22", "current_position") == 40
        and state_of(hass, "cover.shutter_22") == "open"
    )
    assert gateway.shutter("22").level == 40


@pytest.mark.usefixtures("loaded_entry")
async def test_basic_shutter_moves_and_stops(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await call(hass, COVER_DOMAIN, SERVICE_OPEN_COVER, "cover.shutter_21")
    await wait_for(lambda: state_of(hass, "cover.shutter_21") == "opening")
    assert gateway.shutter("21").motion.name != "STOPPED"
    await call(hass, COVER_DOMAIN, SERVICE_STOP_COVER, "cover.shutter_21")
    await wait_for(lambda: state_of(hass, "cover.shutter_21") != "opening")
    await call(hass, COVER_DOMAIN, SERVICE_CLOSE_COVER, "cover.shutter_21")
    await wait_for(lambda: state_of(hass, "cover.shutter_21") == "closing")


@pytest.mark.usefixtures("loaded_entry")
async def test_basic_shutter_without_a_known_position_refuses_a_position(
    hass: HomeAssistant,
) -> None:
    with pytest.raises(ServiceValidationError) as error:
        await call(
            hass,
            COVER_DOMAIN,
            SERVICE_SET_COVER_POSITION,
            "cover.shutter_21",
            position=50,
        )
    assert error.value.translation_key == "position_unknown"


@pytest.mark.usefixtures("loaded_entry")
async def test_zone_set_point_and_modes(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await call(
        hass,
        CLIMATE_DOMAIN,
        SERVICE_SET_TEMPERATURE,
        "climate.zone_1",
        **{ATTR_TEMPERATURE: 22.5},
    )
    await wait_for(lambda: attribute(hass, "climate.zone_1", "temperature") == 22.5)
    assert gateway.zone(1).set_point == 22.5

    for hvac_mode, what in (("off", "303"), ("heat", "110"), ("cool", "210")):
        await call(
            hass,
            CLIMATE_DOMAIN,
            SERVICE_SET_HVAC_MODE,
            "climate.zone_1",
            hvac_mode=hvac_mode,
        )
        await wait_for(lambda mode=hvac_mode: state_of(hass, "climate.zone_1") == mode)
        assert gateway.zone(1).mode == what


@pytest.mark.usefixtures("loaded_entry")
async def test_measured_values_are_pushed(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await gateway.set_temperature(2, 17.5)
    await gateway.set_humidity(1, 61)
    await gateway.set_contact("301", closed=True)
    await gateway.set_power("51", 250)

    await wait_for(
        lambda: attribute(hass, "climate.zone_2", "current_temperature") == 17.5
    )
    await wait_for(lambda: attribute(hass, "climate.zone_1", "current_humidity") == 61)
    await wait_for(lambda: state_of(hass, "binary_sensor.contact_01") == STATE_ON)
    await wait_for(lambda: state_of(hass, "sensor.energy_meter_51_power") == "250")


async def test_refused_command_is_an_error_for_the_caller(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    # The installation has no light 99: the gateway NACKs the command.
    light = loaded_entry.runtime_data.gateway.get_item(1, "99")
    await hass.async_block_till_done()
    assert er.async_get(hass).async_get_entity_id(
        LIGHT_DOMAIN, "onewire_own", f"{loaded_entry.unique_id}-1-99-light"
    )
    assert light is not None
    with pytest.raises(HomeAssistantError) as error:
        await call(hass, LIGHT_DOMAIN, SERVICE_TURN_ON, "light.light_99")
    assert error.value.translation_key == "command_refused"
    assert error.value.translation_placeholders == {"frame": "*1*1*99##"}


async def test_zone_the_gateway_does_not_know_refuses_a_mode(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    loaded_entry.runtime_data.gateway.get_item(4, "9")
    await hass.async_block_till_done()
    assert state_of(hass, "climate.zone_9") == "unknown"

    with pytest.raises(HomeAssistantError) as error:
        await call(
            hass,
            CLIMATE_DOMAIN,
            SERVICE_SET_HVAC_MODE,
            "climate.zone_9",
            hvac_mode="off",
        )
    # The zone's own command (ThermoZone.set_mode), through the central unit
    # the sample house has (standalone zones: test_thermoregulation.py).
    assert error.value.translation_placeholders == {"frame": "*4*303*#9##"}


async def test_point_chosen_as_dimmer_is_dimmable_while_still_off(
    hass: HomeAssistant, gateway: GatewaySimulator, load_entry: LoadEntry
) -> None:
    await load_entry(items={"1-14": {"as": "dimmer"}})

    assert state_of(hass, "light.light_14") == STATE_OFF
    assert attribute(hass, "light.light_14", "supported_color_modes") == ["brightness"]
    await call(hass, LIGHT_DOMAIN, SERVICE_TURN_ON, "light.light_14", brightness=128)
    await wait_for(lambda: gateway.light("14").level == 50)


async def test_a_point_first_heard_on_the_bus_becomes_a_light(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    assert hass.states.get("light.light_77") is None

    await gateway.emit(Command(1, "1", (), Where("77")))

    await wait_for(lambda: hass.states.get("light.light_77") is not None)
    assert state_of(hass, "light.light_77") == STATE_ON
