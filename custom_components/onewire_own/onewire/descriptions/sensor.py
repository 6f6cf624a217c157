"""Sensor descriptions: temperatures, humidities, pressures, voltages, counters."""

from collections.abc import Mapping
from dataclasses import dataclass

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import (
    LIGHT_LUX,
    PERCENTAGE,
    UnitOfElectricPotential,
    UnitOfPressure,
    UnitOfTemperature,
)

from .base import OwEntityDescription, ValueFn, as_number


@dataclass(frozen=True, kw_only=True)
class OwSensorDescription(OwEntityDescription, SensorEntityDescription):
    """A 1-Wire sensor.

    Attributes:
        value_fn: turns the polled value into the state.
        wetness_when_leaf: a HobbyBoards moisture channel that reads wetness
            (percent) instead of soil tension when it is wired to a leaf sensor.
    """

    value_fn: ValueFn[float | int | None] = as_number
    wetness_when_leaf: bool = False


def _temperature(
    key: str,
    *,
    enabled: bool = True,
    precision_selectable: bool = False,
    translation_key: str | None = None,
) -> OwSensorDescription:
    return OwSensorDescription(
        key=key,
        attribute=key,
        device_class=SensorDeviceClass.TEMPERATURE,
        native_unit_of_measurement=UnitOfTemperature.CELSIUS,
        state_class=SensorStateClass.MEASUREMENT,
        entity_registry_enabled_default=enabled,
        precision_selectable=precision_selectable,
        translation_key=translation_key,
    )


def _measurement(
    key: str,
    device_class: SensorDeviceClass,
    unit: str,
    *,
    enabled: bool = True,
    translation_key: str | None = None,
    placeholders: Mapping[str, str] | None = None,
    probe: bool = False,
) -> OwSensorDescription:
    return OwSensorDescription(
        key=key,
        attribute=key,
        device_class=device_class,
        native_unit_of_measurement=unit,
        state_class=SensorStateClass.MEASUREMENT,
        entity_registry_enabled_default=enabled,
        translation_key=translation_key,
        translation_placeholders=placeholders,
        probe=probe,
    )


def _humidity(
    key: str, translation_key: str | None = None, *, enabled: bool = False
) -> OwSensorDescription:
    return _measurement(
        key,
        SensorDeviceClass.HUMIDITY,
        PERCENTAGE,
        enabled=enabled,
        translation_key=translation_key,
    )


def _volt(
    key: str,
    translation_key: str | None = None,
    *,
    enabled: bool = False,
    placeholders: Mapping[str, str] | None = None,
) -> OwSensorDescription:
    return _measurement(
        key,
        SensorDeviceClass.VOLTAGE,
        UnitOfElectricPotential.VOLT,
        enabled=enabled,
        translation_key=translation_key,
        placeholders=placeholders,
    )


TEMPERATURE = _temperature("temperature")
SELECTABLE_TEMPERATURE = _temperature("temperature", precision_selectable=True)

SENSORS: Mapping[str, tuple[OwSensorDescription, ...]] = {
    "10": (TEMPERATURE,),
    "12": (
        _measurement(
            "TAI8570/temperature",
            SensorDeviceClass.TEMPERATURE,
            UnitOfTemperature.CELSIUS,
            enabled=False,
            translation_key="tai8570_temperature",
            probe=True,
        ),
        _measurement(
            "TAI8570/pressure",
            SensorDeviceClass.PRESSURE,
            UnitOfPressure.MBAR,
            enabled=False,
            translation_key="tai8570_pressure",
            probe=True,
        ),
    ),
    "1D": tuple(
        OwSensorDescription(
            key=f"counter.{channel}",
            attribute=f"counter.{channel}",
            state_class=SensorStateClass.TOTAL_INCREASING,
            translation_key="counter_id",
            translation_placeholders={"id": channel},
        )
        for channel in ("A", "B")
    ),
    "20": tuple(
        _volt(
            f"latestvolt.{channel}",
            "latest_voltage_id",
            placeholders={"id": channel},
        )
        for channel in ("A", "B", "C", "D")
    )
    + tuple(
        _volt(
            f"volt.{channel}", "voltage_id", enabled=True, placeholders={"id": channel}
        )
        for channel in ("A", "B", "C", "D")
    ),
    "22": (SELECTABLE_TEMPERATURE,),
    "26": (
        TEMPERATURE,
        _humidity("humidity"),
        _humidity("HIH3600/humidity", "humidity_hih3600"),
        _humidity("HIH4000/humidity", "humidity_hih4000"),
        _humidity("HIH5030/humidity", "humidity_hih5030"),
        _humidity("HTM1735/humidity", "humidity_htm1735"),
        _measurement(
            "B1-R1-A/pressure",
            SensorDeviceClass.PRESSURE,
            UnitOfPressure.MBAR,
            enabled=False,
            translation_key="pressure_b1_r1_a",
        ),
        _measurement(
            "S3-R1-A/illuminance",
            SensorDeviceClass.ILLUMINANCE,
            LIGHT_LUX,
            enabled=False,
            translation_key="illuminance_s3_r1_a",
        ),
        _volt("VAD", "voltage_vad"),
        _volt("VDD", "voltage_vdd"),
        _volt("vis", "voltage_vis"),
    ),
    "28": (SELECTABLE_TEMPERATURE,),
    "30": (
        TEMPERATURE,
        _temperature(
            "typeK/temperature",
            enabled=False,
            translation_key="thermocouple_temperature_k",
        ),
        _volt("volt"),
        _volt("vis", "voltage_vis_gradient"),
    ),
    "3B": (SELECTABLE_TEMPERATURE,),
    "42": (SELECTABLE_TEMPERATURE,),
    "7E/EDS0065": (
        _temperature("EDS0065/temperature"),
        _humidity("EDS0065/humidity", enabled=True),
    ),
    "7E/EDS0066": (
        _temperature("EDS0066/temperature"),
        _measurement(
            "EDS0066/pressure", SensorDeviceClass.PRESSURE, UnitOfPressure.MBAR
        ),
    ),
    "7E/EDS0068": (
        _temperature("EDS0068/temperature"),
        _measurement(
            "EDS0068/pressure", SensorDeviceClass.PRESSURE, UnitOfPressure.MBAR
        ),
        _measurement("EDS0068/light", SensorDeviceClass.ILLUMINANCE, LIGHT_LUX),
        _humidity("EDS0068/humidity", enabled=True),
    ),
    "EF/HobbyBoards_EF": (
        _humidity("humidity/humidity_corrected", enabled=True),
        _humidity("humidity/humidity_raw", "humidity_raw", enabled=True),
        _temperature("humidity/temperature"),
    ),
    "EF/HB_MOISTURE_METER": tuple(
        OwSensorDescription(
            key=f"moisture/sensor.{channel}",
            attribute=f"moisture/sensor.{channel}",
            device_class=SensorDeviceClass.PRESSURE,
            native_unit_of_measurement=UnitOfPressure.CBAR,
            state_class=SensorStateClass.MEASUREMENT,
            translation_key="moisture_id",
            translation_placeholders={"id": channel},
            wetness_when_leaf=True,
        )
        for channel in ("0", "1", "2", "3")
    ),
}
