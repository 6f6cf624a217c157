"""Thermoregulation in Home Assistant: the central unit, zones at work, probes.

The sample house has a 99-zone central unit running weekly programme 1,
three zones (zone 3 with a fan coil that cools), a slave probe in zone 1
and an external probe. Every state shown is the one the simulated bus
reports; commands are checked on the bus itself.
"""

from collections.abc import Awaitable, Callable
import dataclasses
from datetime import UTC, datetime

from homeassistant.components.climate import (
    ATTR_FAN_MODE,
    ATTR_HVAC_ACTION,
    DOMAIN as CLIMATE_DOMAIN,
    SERVICE_SET_FAN_MODE,
    SERVICE_SET_TEMPERATURE,
    HVACAction,
)
from homeassistant.components.datetime import DOMAIN as DATETIME_DOMAIN
from homeassistant.components.number import DOMAIN as NUMBER_DOMAIN, SERVICE_SET_VALUE
from homeassistant.components.select import (
    DOMAIN as SELECT_DOMAIN,
    SERVICE_SELECT_OPTION,
)
from homeassistant.const import (
    ATTR_TEMPERATURE,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.onewire_own.openwebnet import Command, Where
from simulator.openwebnet import GatewaySimulator, Installation, SessionKind

from .conftest import FAST_OPTIONS, gateway_entry, state_of, wait_for
from .test_commands import attribute, call

MODE = "select.central_unit_operating_mode"
MANUAL = "number.central_unit_manual_set_point"
HOLIDAY_END = "datetime.central_unit_holiday_or_vacation_end"
BATTERY = "binary_sensor.central_unit_battery"
FAILURE = "binary_sensor.central_unit_failure"


def sent_since(gateway: GatewaySimulator, mark: int) -> list[str]:
    """The frame texts the gateway received after the first mark frames.

    A command is looked for among them, not taken as the last one: a session
    that opens meanwhile puts its handshake after it.
    """
    return [frame.text for frame in gateway.received[mark:]]


async def select_mode(hass: HomeAssistant, option: str) -> None:
    await call(hass, SELECT_DOMAIN, SERVICE_SELECT_OPTION, MODE, option=option)


@pytest.mark.usefixtures("loaded_entry")
async def test_the_central_unit_mode_follows_the_bus_and_home_assistant_both_ways(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    assert state_of(hass, MODE) == "weekly_1"

    # From Home Assistant: weekly programme 2, then a holiday, then off.
    await select_mode(hass, "weekly_2")
    await wait_for(lambda: state_of(hass, MODE) == "weekly_2")
    assert gateway.central_unit.what == "1102"
    await select_mode(hass, "holiday")
    await wait_for(lambda: state_of(hass, MODE) == "holiday")
    # Until midnight, then back to the programme that ran.
    assert (gateway.central_unit.what, gateway.central_unit.params) == (
        "115",
        ("1102",),
    )
    mark = len(gateway.received)
    await select_mode(hass, "off")
    await wait_for(lambda: state_of(hass, MODE) == "off")
    assert gateway.central_unit.what == "103"
    assert "*4*303*#0##" in sent_since(gateway, mark)

    # From the unit's own keypad: programme 2, a holiday, off.
    for what, option in (("1102", "weekly_2"), ("115#1102", "holiday"), ("103", "off")):
        await gateway.set_central_unit_mode(what)
        await wait_for(lambda option=option: state_of(hass, MODE) == option)


@pytest.mark.usefixtures("loaded_entry")
async def test_every_option_reaches_the_unit(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    for option, reported in (
        ("scenario_12", "1212"),
        ("antifreeze", "102"),
        ("manual", "110#0200"),  # no manual set point yet: 20 °C
        ("vacation", "13002"),  # one day, reported with today counted
        ("weekly_3", "1103"),
    ):
        await select_mode(hass, option)
        await wait_for(lambda option=option: state_of(hass, MODE) == option)
        assert "#".join((gateway.central_unit.what, *gateway.central_unit.params)) == (
            reported
        )
    # The unit heats: thermal protection (conditioning) is refused.
    with pytest.raises(HomeAssistantError) as error:
        await select_mode(hass, "thermal_protection")
    assert error.value.translation_placeholders == {"frame": "*4*202*#0##"}
    assert state_of(hass, MODE) == "weekly_3"


@pytest.mark.usefixtures("loaded_entry")
async def test_the_manual_set_point_switches_the_unit_to_manual(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    assert state_of(hass, MANUAL) == STATE_UNKNOWN
    mark = len(gateway.received)
    await call(hass, NUMBER_DOMAIN, SERVICE_SET_VALUE, MANUAL, value=22.5)
    await wait_for(lambda: state_of(hass, MANUAL) == "22.5")
    assert state_of(hass, MODE) == "manual"
    assert "*#4*#0*#14*0225*3##" in sent_since(gateway, mark)
    # Every zone takes the set point.
    await wait_for(lambda: attribute(hass, "climate.zone_2", "temperature") == 22.5)
    # Back to the programme, then manual again: the last set point is kept.
    await select_mode(hass, "weekly_1")
    await wait_for(lambda: state_of(hass, MODE) == "weekly_1")
    await select_mode(hass, "manual")
    await wait_for(lambda: gateway.central_unit.params == ("0225",))


async def test_a_holiday_end_is_set_and_shown(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    loaded_entry: MockConfigEntry,
    gateway: GatewaySimulator,
) -> None:
    await hass.config.async_set_time_zone("Europe/Rome")
    assert state_of(hass, HOLIDAY_END) == STATE_UNKNOWN
    end = datetime(2026, 12, 27, 17, 0, tzinfo=UTC)  # 18:00 in Rome

    with pytest.raises(ServiceValidationError) as error:
        await call(hass, DATETIME_DOMAIN, SERVICE_SET_VALUE, HOLIDAY_END, datetime=end)
    assert error.value.translation_key == "no_holiday_to_end"

    await select_mode(hass, "vacation")
    await wait_for(lambda: state_of(hass, MODE) == "vacation")
    await call(hass, DATETIME_DOMAIN, SERVICE_SET_VALUE, HOLIDAY_END, datetime=end)
    assert (gateway.central_unit.end_date, gateway.central_unit.end_time) == (
        ("27", "12", "2026"),
        ("18", "00"),
    )
    await wait_for(lambda: dt_util.parse_datetime(state_of(hass, HOLIDAY_END)) == end)
    # The diagnostics show the central unit as it is now.
    diagnostics = await get_diagnostics_for_config_entry(
        hass, hass_client, loaded_entry
    )
    unit = diagnostics["items"]["4-#0"]
    assert (unit["mode"], unit["end_date"], unit["end_time"]) == (
        "vacation",
        "2026-12-27",
        "18:00:00",
    )
    await select_mode(hass, "weekly_1")
    await wait_for(lambda: state_of(hass, HOLIDAY_END) == STATE_UNKNOWN)


@pytest.mark.usefixtures("loaded_entry")
async def test_a_holiday_begun_at_the_unit_shows_its_end(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    # Someone starts a holiday at the unit, with an end (set on its keypad).
    gateway.central_unit.end_date = ("01", "01", "2027")
    gateway.central_unit.end_time = ("06", "30")
    await gateway.set_central_unit_mode("115#1101")

    await wait_for(lambda: state_of(hass, HOLIDAY_END) != STATE_UNKNOWN)
    shown = dt_util.parse_datetime(state_of(hass, HOLIDAY_END))
    assert shown is not None
    assert dt_util.as_local(shown).replace(tzinfo=None) == datetime(  # noqa: DTZ001
        2027, 1, 1, 6, 30
    )
    assert [r.build() for r in gateway.requests(4)][-2:] == [
        "*#4*#0*30##",
        "*#4*#0*31##",
    ]


async def test_battery_and_failure_come_and_go_with_the_unit_status(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    assert (state_of(hass, BATTERY), state_of(hass, FAILURE)) == (STATE_OFF, STATE_OFF)

    await gateway.set_central_unit_health(battery_low=True, failure=True)
    await wait_for(lambda: state_of(hass, BATTERY) == STATE_ON)
    await wait_for(lambda: state_of(hass, FAILURE) == STATE_ON)

    # The battery is changed: the unit says nothing, until its next status
    # answer leaves the battery out (at the next reconnection).
    await gateway.set_central_unit_health(battery_low=False)
    await hass.async_block_till_done()
    assert state_of(hass, BATTERY) == STATE_ON
    gateway.drop_sessions(SessionKind.EVENT)
    await wait_for(lambda: state_of(hass, BATTERY) == STATE_UNAVAILABLE)
    await wait_for(lambda: state_of(hass, BATTERY) == STATE_OFF, timeout=30)
    assert state_of(hass, FAILURE) == STATE_ON


@pytest.mark.usefixtures("loaded_entry")
async def test_a_zone_heats_while_its_valve_is_open(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    # Zone 1: 20.5 °C for 21 °C wanted: the heating valve is open.
    assert attribute(hass, "climate.zone_1", ATTR_HVAC_ACTION) == HVACAction.HEATING
    assert gateway.zone(1).valves == ("0", "1")

    await gateway.set_temperature(1, 21.5)
    await wait_for(
        lambda: attribute(hass, "climate.zone_1", ATTR_HVAC_ACTION) == HVACAction.IDLE
    )
    assert gateway.zone(1).valves == ("0", "0")
    await gateway.set_temperature(1, 19.0)
    await wait_for(
        lambda: attribute(hass, "climate.zone_1", ATTR_HVAC_ACTION)
        == HVACAction.HEATING
    )
    # The knob at off switches the zone off at the probe.
    await gateway.turn_knob(1, "4")
    await wait_for(lambda: state_of(hass, "sensor.zone_1_local_offset") == "off")
    assert attribute(hass, "climate.zone_1", ATTR_HVAC_ACTION) == HVACAction.OFF


@pytest.mark.usefixtures("loaded_entry")
async def test_the_knob_moves_the_local_offset(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    assert state_of(hass, "sensor.zone_2_local_offset") == "plus_1"
    await gateway.turn_knob(2, "12")
    await wait_for(lambda: state_of(hass, "sensor.zone_2_local_offset") == "minus_2")


@pytest.mark.usefixtures("loaded_entry")
async def test_a_fan_coil_zone_cools_at_its_fan_speed(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    office = "climate.zone_3"
    assert attribute(hass, office, ATTR_HVAC_ACTION) == HVACAction.COOLING
    assert attribute(hass, office, ATTR_FAN_MODE) == "medium"
    # Zones without a fan coil have no fan mode.
    assert attribute(hass, "climate.zone_1", ATTR_FAN_MODE) is None

    mark = len(gateway.received)
    await call(hass, CLIMATE_DOMAIN, SERVICE_SET_FAN_MODE, office, fan_mode="high")
    await wait_for(lambda: attribute(hass, office, ATTR_FAN_MODE) == "high")
    assert gateway.zone(3).fan_speed == "3"
    assert "*#4*3*#11*3##" in sent_since(gateway, mark)
    await call(hass, CLIMATE_DOMAIN, SERVICE_SET_FAN_MODE, office, fan_mode="off")
    await wait_for(lambda: attribute(hass, office, ATTR_HVAC_ACTION) == HVACAction.IDLE)


@pytest.mark.usefixtures("loaded_entry")
async def test_probe_readings_reach_their_sensors(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    assert state_of(hass, "sensor.zone_1_probe_1") == "19.8"
    assert state_of(hass, "sensor.external_probe_5") == "7.5"
    await gateway.set_probe_temperature("101", 22.4)
    await gateway.set_probe_temperature("500", -3.5)
    await wait_for(lambda: state_of(hass, "sensor.zone_1_probe_1") == "22.4")
    await wait_for(lambda: state_of(hass, "sensor.external_probe_5") == "-3.5")
    # A probe's reading is not its zone's temperature.
    assert attribute(hass, "climate.zone_1", "current_temperature") == 20.5


async def test_standalone_zones_have_no_central_unit_entities_nor_requests(
    hass: HomeAssistant,
    start_gateway: Callable[..., Awaitable[GatewaySimulator]],
    sample_installation: Installation,
) -> None:
    standalone = dataclasses.replace(sample_installation, central_unit=None)
    sim = await start_gateway(standalone, auth="sha256", password="abcde12345")
    entry = gateway_entry(sim, options=FAST_OPTIONS)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert state_of(hass, "climate.zone_1") == "auto"
    assert hass.states.get(MODE) is None
    assert hass.states.get(BATTERY) is None
    assert [r.build() for r in sim.requests(4)] == ["*#4*0##"]
    # A standalone thermostat is written at its own address.
    await call(
        hass,
        CLIMATE_DOMAIN,
        SERVICE_SET_TEMPERATURE,
        "climate.zone_1",
        **{ATTR_TEMPERATURE: 22.0},
    )
    assert sim.requests(4)[-1].build() == "*#4*1*#14*0220*1##"  # heating
    await wait_for(lambda: attribute(hass, "climate.zone_1", "temperature") == 22.0)
    await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.usefixtures("loaded_entry")
async def test_a_zone_that_tells_only_its_function_shows_it_as_its_mode(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    # Standalone F455 thermostats report ``*4*1*Z##`` (heating) or
    # ``*4*0*Z##`` (cooling) and no mode (OpenWebNet-HA/MyHOME issue 674).
    await gateway.emit(Command(4, "1", (), Where("7")))
    await wait_for(
        lambda: getattr(hass.states.get("climate.zone_7"), "state", None) == "heat"
    )
    await gateway.emit(Command(4, "0", (), Where("7")))
    await wait_for(lambda: state_of(hass, "climate.zone_7") == "cool")
