"""MyHOME number: the thermoregulation central unit's manual set point (WHO 4).

Setting it puts the unit in manual mode with every zone at that
temperature (``*#4*#0*#14*TTTT*3##``); it shows the set point of the
unit's last manual mode, as the unit reports it (``*4*110#TTTT*#0##``).
"""

from dataclasses import dataclass
from typing import Final, override

from homeassistant.components.number import (
    NumberDeviceClass,
    NumberEntity,
    NumberEntityDescription,
    NumberMode,
)
from homeassistant.const import UnitOfTemperature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.thermo_central_unit import ThermoCentralUnit
from .coordinator import GatewayConfigEntry
from .entity import GatewayItemEntity
from .platform import ItemEntityDescription, async_setup_item_entities


@dataclass(frozen=True, kw_only=True)
class CentralUnitNumberDescription(
    NumberEntityDescription, ItemEntityDescription[ThermoCentralUnit]
):
    """A number of the central unit."""


#: Set points the central units take (BTicino's touch screen: 3-40 °C,
#: 0.5 °C steps on a 99-zone unit).
MANUAL_TEMPERATURE: Final = CentralUnitNumberDescription(
    key="manual_temperature",
    translation_key="manual_temperature",
    device_class=NumberDeviceClass.TEMPERATURE,
    native_unit_of_measurement=UnitOfTemperature.CELSIUS,
    native_min_value=3.0,
    native_max_value=40.0,
    native_step=0.5,
    mode=NumberMode.BOX,
    item_type=ThermoCentralUnit,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the manual set point of each central unit."""
    async_setup_item_entities(
        entry, async_add_entities, (MANUAL_TEMPERATURE,), ManualTemperatureNumber
    )


class ManualTemperatureNumber(GatewayItemEntity, NumberEntity):
    """The set point of the central unit's manual mode."""

    item: ThermoCentralUnit

    @property
    @override
    def native_value(self) -> float | None:
        """The last manual set point the unit reported."""
        return self.item.manual_temperature

    @override
    async def async_set_native_value(self, value: float) -> None:
        """Switch the unit to manual at this temperature."""
        await self._command(self.item.set_manual(value))
