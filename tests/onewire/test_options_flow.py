"""Options of an owserver entry, and that each one takes effect after the reload."""

from datetime import timedelta

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from ..peers.owserver import OwserverProcess
from .conftest import owserver_entry

DS1822 = "22.051758E95ED4"
DS18B20 = "28.54110E827441"
DS2406 = "12.54F81BE8E78D"
DS2423 = "1D.765A2E63339F"


def _fields(result: dict[str, object]) -> list[str]:
    return [str(key) for key in result["data_schema"].schema]  # type: ignore[attr-defined]


async def test_options_change_intervals_conversion_connections_alarms_and_devices(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "owserver"
    fields = [str(key) for key in result["data_schema"].schema]
    assert fields == [
        "poll_interval",
        "scan_interval",
        "simultaneous",
        "conversion_time",
        "alarm_polling",
        "alarm_interval",
        "connections",
        "devices",
    ]

    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            "poll_interval": 10,
            "scan_interval": 60,
            "simultaneous": False,
            "conversion_time": 375,
            "alarm_polling": True,
            "alarm_interval": 2,
            "connections": 5,
            "devices": [DS1822, DS18B20],
        },
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "device_options"
    assert result["description_placeholders"] == {"device_id": DS1822}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"precision": "9"}
    )
    assert result["description_placeholders"] == {"device_id": DS18B20}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"precision": "default"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()

    assert loaded_entry.options == {
        "poll_interval": 10,
        "scan_interval": 60,
        "simultaneous": False,
        "conversion_time": 375,
        "alarm_polling": True,
        "alarm_interval": 2,
        "connections": 5,
        "precision": {DS1822: "9"},
        "device_options": {},
    }
    coordinator = loaded_entry.runtime_data
    assert coordinator.update_interval == timedelta(seconds=10)
    assert coordinator.server.scan_interval == 60
    assert coordinator.settings.simultaneous is False
    assert coordinator.settings.alarm_interval == timedelta(seconds=2)
    assert coordinator.settings.conversion_time == timedelta(milliseconds=375)
    assert coordinator.server.connections_wanted == 5
    watched = coordinator.watched_attributes()
    assert watched["22"] == ["temperature9"]
    assert watched["28"] == ["temperature"]
    assert coordinator.data.value(DS1822, "temperature9") is not None


async def test_setting_a_sensor_back_to_default_forgets_its_precision(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    entry = owserver_entry(bus, options={"precision": {DS18B20: "12"}})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.runtime_data.watched_attributes()["28"] == ["temperature12"]

    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            "poll_interval": 30,
            "scan_interval": 300,
            "simultaneous": True,
            "alarm_polling": False,
            "alarm_interval": 1,
            "devices": [DS18B20],
        },
    )
    schema = result["data_schema"].schema
    assert {str(key): key.default() for key in schema if str(key) == "precision"} == {
        "precision": "12"
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"precision": "default"}
    )
    await hass.async_block_till_done()
    assert entry.options["precision"] == {}
    assert entry.runtime_data.watched_attributes()["28"] == ["temperature"]
    await hass.config_entries.async_unload(entry.entry_id)


async def test_without_devices_to_configure_the_options_are_one_step(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    with OwserverProcess(fake=["10"]) as server:
        entry = owserver_entry(server)
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        result = await hass.config_entries.options.async_init(entry.entry_id)
        assert "devices" in _fields(result)
        result = await hass.config_entries.options.async_configure(
            result["flow_id"],
            {
                "poll_interval": 5,
                "scan_interval": 300,
                "simultaneous": True,
                "alarm_polling": False,
                "alarm_interval": 1,
            },
        )
        assert result["type"] is FlowResultType.CREATE_ENTRY
        await hass.async_block_till_done()
        assert entry.runtime_data.update_interval == timedelta(seconds=5)
        await hass.config_entries.async_unload(entry.entry_id)


async def test_conversion_time_and_connections_default_and_bounds(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    defaults = {str(key): key.default() for key in result["data_schema"].schema}
    assert defaults["conversion_time"] == 750
    assert defaults["connections"] == 2
    assert loaded_entry.runtime_data.server.connections_wanted == 2

    for too_many_or_few in (1, 9):
        with pytest.raises(InvalidData):
            await hass.config_entries.options.async_configure(
                result["flow_id"],
                {**defaults, "connections": too_many_or_few, "devices": []},
            )


async def test_each_picked_device_is_asked_what_applies_to_it(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    defaults = {str(key): key.default() for key in result["data_schema"].schema}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**defaults, "devices": [DS2406, DS2423, DS18B20]}
    )
    # One step per device, in the order they were picked.
    assert result["description_placeholders"] == {"device_id": DS2406}
    assert _fields(result) == ["poll_interval", "inverted"]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"poll_interval": 2, "inverted": True}
    )
    assert result["description_placeholders"] == {"device_id": DS2423}
    assert _fields(result) == ["poll_interval"]
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert result["description_placeholders"] == {"device_id": DS18B20}
    assert _fields(result) == ["poll_interval", "precision"]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"poll_interval": 600, "precision": "default"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()

    assert loaded_entry.options["device_options"] == {
        DS2406: {"poll_interval": 2, "inverted": True},
        DS18B20: {"poll_interval": 600},
    }
    settings = loaded_entry.runtime_data.settings
    assert settings.poll_tick == timedelta(seconds=2)
    assert settings.poll_interval_of(DS18B20) == timedelta(seconds=600)
    assert settings.poll_interval_of(DS2423) == timedelta(seconds=30)
    assert settings.inverted == {DS2406}
    assert loaded_entry.runtime_data.update_interval == timedelta(seconds=2)


async def test_a_device_set_back_to_the_entrys_settings_is_forgotten(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    entry = owserver_entry(
        bus,
        options={"device_options": {DS2406: {"poll_interval": 5, "inverted": True}}},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    result = await hass.config_entries.options.async_init(entry.entry_id)
    defaults = {str(key): key.default() for key in result["data_schema"].schema}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**defaults, "devices": [DS2406]}
    )
    suggested = {
        str(key): (key.description or {}).get("suggested_value")
        for key in result["data_schema"].schema
    }
    assert suggested["poll_interval"] == 5
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"inverted": False}
    )
    await hass.async_block_till_done()
    assert entry.options["device_options"] == {}
    assert entry.runtime_data.settings.inverted == frozenset()
    await hass.config_entries.async_unload(entry.entry_id)
