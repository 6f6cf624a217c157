"""Options for the burglar alarm's arming and for the pushbutton locks."""

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .conftest import state_of


async def open_step(hass: HomeAssistant, entry: MockConfigEntry, step: str) -> dict:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": step}
    )
    assert result["step_id"] == step
    return result


async def test_the_alarm_arms_on_the_aux_channels_the_options_name(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await open_step(hass, loaded_entry, "gateway_alarm")
    # Arming is an aux channel's on command, disarming its off, by default.
    defaults = {
        str(key): key.default()
        for key in result["data_schema"].schema
        if str(key).endswith("_command")
    }
    assert defaults == {
        "arm_away_command": "on",
        "arm_home_command": "on",
        "disarm_command": "off",
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            "arm_away_aux": 4,
            "arm_away_command": "on",
            "arm_home_command": "on",
            "disarm_aux": 4,
            "disarm_command": "off",
            "code": "1234",
        },
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert loaded_entry.options["items"]["5-0"] == {
        "arm_away_aux": 4,
        "arm_away_command": "on",
        "arm_home_command": "on",
        "disarm_aux": 4,
        "disarm_command": "off",
        "code": "1234",
    }
    panel = hass.states.get("alarm_control_panel.burglar_alarm")
    assert panel is not None
    assert panel.attributes["supported_features"] == 2  # arm away only
    assert panel.attributes["code_format"] == "number"

    # The form shows the choices again, so clearing one removes it.
    result = await open_step(hass, loaded_entry, "gateway_alarm")
    suggested = {
        str(key): key.description["suggested_value"]
        for key in result["data_schema"].schema
        if key.description
    }
    assert suggested["arm_away_aux"] == 4
    assert suggested["arm_home_aux"] is None


async def test_points_to_lock_are_picked_or_typed(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await open_step(hass, loaded_entry, "gateway_locks")
    offered = result["data_schema"].schema["actuator_locks"].config["options"]
    # Every known light and shutter point (WHO 14 has no local-bus form).
    assert offered == ["0015", "11", "12", "13", "14", "21", "22"]

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"actuator_locks": ["12", "1", "21#4#01"]}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"actuator_locks": "not_a_point"}

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"actuator_locks": ["12", " 0016 ", "12"]}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert loaded_entry.options["actuator_locks"] == ["0016", "12"]
    assert state_of(hass, "lock.pushbutton_lock_12") == "unknown"
    assert state_of(hass, "lock.pushbutton_lock_0016") == "unknown"
