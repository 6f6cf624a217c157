"""The burglar alarm in Home Assistant, against the simulated central unit.

The sample house has an alarm with 8 zones (7 and 8 left out when armed).
Its state at start comes from one status request (``*#5*0##``), then every
change from the event session; after a reboot the status request again.
Arming goes through the aux commands the central unit is programmed for,
which the options name.
"""

import dataclasses
import json
from typing import Any

from homeassistant.components.alarm_control_panel import (
    DOMAIN as ALARM_DOMAIN,
    AlarmControlPanelEntityFeature,
    AlarmControlPanelState,
)
from homeassistant.const import (
    ATTR_CODE,
    ATTR_SUPPORTED_FEATURES,
    SERVICE_ALARM_ARM_AWAY,
    SERVICE_ALARM_ARM_HOME,
    SERVICE_ALARM_DISARM,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from simulator.openwebnet import PROFILES, GatewaySimulator, Installation

from .conftest import LoadEntry, gateway_entry, state_of, wait_for

PANEL = "alarm_control_panel.burglar_alarm"
ZONES = range(1, 9)
ARMING = {
    "arm_away_aux": 4,
    "arm_away_command": "on",
    "arm_home_aux": 5,
    "arm_home_command": "on",
    "disarm_aux": 4,
    "disarm_command": "off",
}


def zone(number: int, what: str) -> str:
    return f"binary_sensor.alarm_zone_{number}_{what}"


def zone_states(hass: HomeAssistant, what: str) -> list[str]:
    return [state_of(hass, zone(number, what)) for number in ZONES]


def attribute(hass: HomeAssistant, entity_id: str, name: str) -> Any:
    state = hass.states.get(entity_id)
    assert state is not None
    return state.attributes.get(name)


async def alarm_service(
    hass: HomeAssistant, service: str, code: str | None = None
) -> None:
    data = {"entity_id": PANEL} | ({ATTR_CODE: code} if code is not None else {})
    await hass.services.async_call(ALARM_DOMAIN, service, data, blocking=True)


@pytest.mark.usefixtures("loaded_entry")
async def test_the_panel_and_its_eight_zones_are_right_at_start(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    assert state_of(hass, PANEL) == AlarmControlPanelState.DISARMED
    assert zone_states(hass, "engaged") == [STATE_ON] * 6 + [STATE_OFF] * 2
    assert zone_states(hass, "intrusion") == [STATE_OFF] * 8
    assert zone_states(hass, "tamper") == [STATE_OFF] * 8
    assert state_of(hass, "binary_sensor.burglar_alarm_battery") == STATE_OFF
    assert state_of(hass, "binary_sensor.burglar_alarm_battery_fault") == STATE_OFF
    assert state_of(hass, "binary_sensor.burglar_alarm_mains_power") == STATE_ON
    assert state_of(hass, "binary_sensor.burglar_alarm_maintenance") == STATE_OFF
    # Panic, technical and silent alarms appear only once reported.
    assert hass.states.get(zone(9, "panic")) is None
    # One status request gave it all.
    assert [request.build() for request in gateway.requests(5)] == ["*#5*0##"]
    # Without programmed aux commands the panel cannot arm.
    assert attribute(hass, PANEL, ATTR_SUPPORTED_FEATURES) == 0
    assert attribute(hass, PANEL, "code_format") is None


@pytest.mark.usefixtures("loaded_entry")
async def test_the_panel_and_zones_follow_the_central_unit(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await gateway.arm_alarm()
    await wait_for(lambda: state_of(hass, PANEL) == AlarmControlPanelState.ARMED_AWAY)

    await gateway.trigger_alarm(3)
    await wait_for(lambda: state_of(hass, PANEL) == AlarmControlPanelState.TRIGGERED)
    assert state_of(hass, zone(3, "intrusion")) == STATE_ON
    assert state_of(hass, zone(2, "intrusion")) == STATE_OFF

    await gateway.disarm_alarm()
    await wait_for(lambda: state_of(hass, PANEL) == AlarmControlPanelState.DISARMED)
    assert state_of(hass, zone(3, "intrusion")) == STATE_OFF

    # Arming only zones 1, 3 and 4 leaves the others out.
    await gateway.arm_alarm(zones=[1, 3, 4])
    await wait_for(lambda: state_of(hass, zone(2, "engaged")) == STATE_OFF)
    assert zone_states(hass, "engaged") == [
        STATE_ON,
        STATE_OFF,
        STATE_ON,
        STATE_ON,
        STATE_OFF,
        STATE_OFF,
        STATE_OFF,
        STATE_OFF,
    ]
    assert state_of(hass, PANEL) == AlarmControlPanelState.ARMED_AWAY


@pytest.mark.usefixtures("loaded_entry")
async def test_new_alarm_kinds_and_special_zones_appear_when_reported(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await gateway.trigger_alarm(9, "panic")
    await wait_for(lambda: hass.states.get(zone(9, "panic")) is not None)
    assert state_of(hass, zone(9, "panic")) == STATE_ON
    assert state_of(hass, PANEL) == AlarmControlPanelState.TRIGGERED
    await gateway.trigger_alarm(12, "tamper")
    await gateway.trigger_alarm(2, "technical")
    await wait_for(lambda: hass.states.get(zone(12, "tamper")) is not None)
    await wait_for(lambda: hass.states.get(zone(2, "technical_alarm")) is not None)
    assert state_of(hass, zone(12, "tamper")) == STATE_ON
    # A special zone has no detectors: no engaged or intrusion sensor.
    assert hass.states.get(zone(12, "intrusion")) is None
    await gateway.reset_technical_alarm(2)
    await wait_for(lambda: state_of(hass, zone(2, "technical_alarm")) == STATE_OFF)
    await gateway.end_alarm_delay()
    await wait_for(lambda: state_of(hass, PANEL) == AlarmControlPanelState.DISARMED)
    assert state_of(hass, zone(9, "panic")) == STATE_OFF


@pytest.mark.usefixtures("loaded_entry")
async def test_battery_mains_and_maintenance_are_diagnostics(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await gateway.set_alarm_battery("fault")
    await gateway.set_alarm_mains(present=False)
    await gateway.set_alarm_maintenance(on=True)
    await wait_for(
        lambda: state_of(hass, "binary_sensor.burglar_alarm_maintenance") == STATE_ON
    )
    assert state_of(hass, "binary_sensor.burglar_alarm_battery_fault") == STATE_ON
    assert state_of(hass, "binary_sensor.burglar_alarm_mains_power") == STATE_OFF
    await gateway.set_alarm_battery("unloaded")
    await wait_for(
        lambda: state_of(hass, "binary_sensor.burglar_alarm_battery") == STATE_ON
    )
    assert state_of(hass, "binary_sensor.burglar_alarm_battery_fault") == STATE_OFF


async def test_the_alarm_is_right_again_after_a_gateway_reboot(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    reboot = hass.async_create_task(gateway.reboot(downtime=20.0))
    await wait_for(lambda: state_of(hass, PANEL) == STATE_UNAVAILABLE)
    # Armed and set off while Home Assistant could not hear it.
    await gateway.arm_alarm()
    await gateway.trigger_alarm(5)
    await reboot

    await wait_for(lambda: state_of(hass, PANEL) == AlarmControlPanelState.TRIGGERED)
    assert state_of(hass, zone(5, "intrusion")) == STATE_ON
    assert zone_states(hass, "engaged") == [STATE_ON] * 6 + [STATE_OFF] * 2


async def test_programmed_aux_commands_arm_and_disarm_with_the_code(
    hass: HomeAssistant, load_entry: LoadEntry, gateway: GatewaySimulator
) -> None:
    await load_entry(items={"5-0": {**ARMING, "code": "1234"}})
    assert attribute(hass, PANEL, ATTR_SUPPORTED_FEATURES) == (
        AlarmControlPanelEntityFeature.ARM_AWAY
        | AlarmControlPanelEntityFeature.ARM_HOME
    )
    assert attribute(hass, PANEL, "code_format") == "number"

    await alarm_service(hass, SERVICE_ALARM_ARM_AWAY, "1234")
    # The panel follows the central unit, not the command.
    assert state_of(hass, PANEL) == AlarmControlPanelState.DISARMED
    await wait_for(lambda: state_of(hass, PANEL) == AlarmControlPanelState.ARMED_AWAY)
    assert "*9*1*4##" in [request.build() for request in gateway.requests(9)]

    with pytest.raises(ServiceValidationError) as refused:
        await alarm_service(hass, SERVICE_ALARM_DISARM, "0000")
    assert refused.value.translation_key == "alarm_code_invalid"
    with pytest.raises(ServiceValidationError):
        await alarm_service(hass, SERVICE_ALARM_DISARM)
    assert gateway.alarm.armed

    await alarm_service(hass, SERVICE_ALARM_DISARM, "1234")
    await wait_for(lambda: state_of(hass, PANEL) == AlarmControlPanelState.DISARMED)

    await alarm_service(hass, SERVICE_ALARM_ARM_HOME, "1234")
    await wait_for(lambda: state_of(hass, PANEL) == AlarmControlPanelState.ARMED_AWAY)
    assert [n for n, engaged in gateway.alarm.zones.items() if engaged] == [1, 3, 4]


async def test_without_a_programmed_aux_command_disarming_is_refused(
    hass: HomeAssistant, load_entry: LoadEntry, gateway: GatewaySimulator
) -> None:
    await load_entry(items={"5-0": {"arm_away_aux": 4, "arm_away_command": "on"}})
    assert attribute(hass, PANEL, ATTR_SUPPORTED_FEATURES) == (
        AlarmControlPanelEntityFeature.ARM_AWAY
    )
    with pytest.raises(ServiceValidationError) as refused:
        await alarm_service(hass, SERVICE_ALARM_DISARM)
    assert refused.value.translation_key == "alarm_disarm_not_programmed"
    # Only the start's sweep of the aux channels: no command was sent.
    assert [request.build() for request in gateway.requests(9)] == ["*#9*0##"]


async def test_a_gateway_that_refuses_the_status_request_is_asked_its_web_server(
    hass: HomeAssistant, start_gateway: Any, socket_enabled: None
) -> None:
    profile = dataclasses.replace(
        PROFILES["F454"],
        unsupported_requests=frozenset({"*#16*0##", "*#5*0##"}),
    )
    gateway: GatewaySimulator = await start_gateway(
        auth="sha256", password="abcde12345", profile=profile
    )
    entry = gateway_entry(gateway, options={"keepalive_s": 0.4, "pacing_ms": 5})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    # No alarm heard yet: nothing more is asked, and there is no panel.
    assert [request.build() for request in gateway.requests(5)] == ["*#5*0##"]
    assert hass.states.get(PANEL) is None

    await gateway.arm_alarm()
    await wait_for(lambda: hass.states.get(PANEL) is not None)
    await wait_for(lambda: state_of(hass, PANEL) == AlarmControlPanelState.ARMED_AWAY)

    # After a reconnect, the alarm being known, *#5## gives the zones too.
    gateway.drop_sessions()
    await wait_for(lambda: state_of(hass, PANEL) == STATE_UNAVAILABLE)
    await wait_for(lambda: state_of(hass, PANEL) == AlarmControlPanelState.ARMED_AWAY)
    assert "*#5##" in [request.build() for request in gateway.requests(5)]
    await wait_for(lambda: hass.states.get(zone(1, "engaged")) is not None)
    await hass.config_entries.async_unload(entry.entry_id)


async def test_diagnostics_tell_how_the_alarm_was_heard_and_hide_its_code(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    load_entry: LoadEntry,
    gateway: GatewaySimulator,
) -> None:
    entry = await load_entry(items={"5-0": {**ARMING, "code": "4321"}})
    await gateway.arm_alarm()
    await gateway.trigger_alarm(3)
    await wait_for(lambda: state_of(hass, PANEL) == AlarmControlPanelState.TRIGGERED)
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)

    assert diagnostics["entry"]["options"]["items"]["5-0"]["code"] == "**REDACTED**"
    assert "4321" not in json.dumps(diagnostics)
    alarm = diagnostics["burglar_alarm"]
    assert alarm["system_heard"] is True
    assert alarm["status_request_answered"] == "*#5*0##"
    assert "MyHOMEServer1" in alarm["gateways_not_forwarding_alarm_frames"]
    system = diagnostics["items"]["5-0"]
    assert system["armed"] is True
    assert system["alarms"] == [["intrusion", "#3"]]
    assert system["arming"]["arm_away"] == {"channel": 4, "on": True}
    assert diagnostics["items"]["5-#3"]["alarms"]["intrusion"] is True


async def test_a_myhomeserver1_forwards_no_alarm_and_diagnostics_say_so(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    start_gateway: Any,
) -> None:
    gateway: GatewaySimulator = await start_gateway(
        auth="sha256", password="abcde12345", profile="MyHOMEServer1"
    )
    entry = gateway_entry(gateway, options={"keepalive_s": 0.4, "pacing_ms": 5})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    await gateway.arm_alarm()

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    assert hass.states.get(PANEL) is None
    assert diagnostics["refused_sweeps"] == ["*#5*0##"]
    assert diagnostics["burglar_alarm"]["system_heard"] is False
    assert diagnostics["burglar_alarm"]["status_request_answered"] is None
    await hass.config_entries.async_unload(entry.entry_id)


async def test_an_f454_style_unit_with_an_alarm_memory_starts_disarmed(
    hass: HomeAssistant, start_gateway: Any
) -> None:
    # F454/F453AV gateways write the system with an empty WHERE, and a
    # disengaged unit lists the intrusion it remembers (*5*15*#2##).
    sample = Installation.load("simulator/installations/sample.yaml")
    assert sample.alarm is not None
    alarm = dataclasses.replace(sample.alarm, system_where="", memory=(2,))
    gateway: GatewaySimulator = await start_gateway(
        dataclasses.replace(sample, alarm=alarm), auth="sha256", password="abcde12345"
    )
    entry = gateway_entry(gateway, options={"keepalive_s": 0.4, "pacing_ms": 5})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert state_of(hass, PANEL) == AlarmControlPanelState.DISARMED
    assert zone_states(hass, "intrusion") == [STATE_OFF] * 8
    assert entry.runtime_data.gateway.items[(5, "#2")].intrusion_memory
    await hass.config_entries.async_unload(entry.entry_id)
