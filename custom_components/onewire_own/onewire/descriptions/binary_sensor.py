"""Binary sensor descriptions: sensed inputs, hub shorts, presence of ID chips."""

from collections.abc import Mapping
from dataclasses import dataclass

from homeassistant.components.binary_sensor import BinarySensorEntityDescription
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.const import EntityCategory

from .base import OwEntityDescription, ValueFn, as_bool


@dataclass(frozen=True, kw_only=True)
class OwBinarySensorDescription(OwEntityDescription, BinarySensorEntityDescription):
    """A 1-Wire binary sensor; ``value_fn`` turns the polled value into on/off."""

    value_fn: ValueFn[bool | None] = as_bool


def _sensed(channel: str) -> OwBinarySensorDescription:
    return OwBinarySensorDescription(
        key=f"sensed.{channel}",
        attribute=f"sensed.{channel}",
        entity_registry_enabled_default=False,
        translation_key="sensed_id",
        translation_placeholders={"id": channel},
    )


BINARY_SENSORS: Mapping[str, tuple[OwBinarySensorDescription, ...]] = {
    # DS2401/DS2411 carry nothing but their id: whether they answer is the value
    # (a key fob or a module that is plugged in or not).
    "01": (
        OwBinarySensorDescription(
            key="present",
            attribute=None,
            device_class=BinarySensorDeviceClass.CONNECTIVITY,
            translation_key="present",
        ),
    ),
    "05": (
        OwBinarySensorDescription(
            key="sensed",
            attribute="sensed",
            entity_registry_enabled_default=False,
            translation_key="sensed",
        ),
    ),
    "12": tuple(_sensed(channel) for channel in ("A", "B")),
    "29": tuple(_sensed(str(channel)) for channel in range(8)),
    "3A": tuple(_sensed(channel) for channel in ("A", "B")),
    "EF/HB_HUB": tuple(
        OwBinarySensorDescription(
            key=f"hub/short.{channel}",
            attribute=f"hub/short.{channel}",
            entity_registry_enabled_default=False,
            entity_category=EntityCategory.DIAGNOSTIC,
            device_class=BinarySensorDeviceClass.PROBLEM,
            translation_key="hub_short_id",
            translation_placeholders={"id": str(channel)},
        )
        for channel in range(4)
    ),
}
