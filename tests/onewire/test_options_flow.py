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


async def test_options_change_intervals_conversion_connections_alarms_and_precision(
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
        "precision_devices",
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
            "precision_devices": [DS1822, DS18B20],
        },
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "device_precision"
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
            "precision_devices": [DS18B20],
        },
    )
    schema = result["data_schema"].schema
    assert [key.default() for key in schema] == ["12"]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"precision": "default"}
    )
    await hass.async_block_till_done()
    assert entry.options["precision"] == {}
    assert entry.runtime_data.watched_attributes()["28"] == ["temperature"]
    await hass.config_entries.async_unload(entry.entry_id)


async def test_an_entry_without_thermometers_offers_no_precision_step(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    with OwserverProcess(fake=["10"]) as server:
        entry = owserver_entry(server)
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        result = await hass.config_entries.options.async_init(entry.entry_id)
        assert "precision_devices" not in [
            str(key) for key in result["data_schema"].schema
        ]
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
                {**defaults, "connections": too_many_or_few, "precision_devices": []},
            )
