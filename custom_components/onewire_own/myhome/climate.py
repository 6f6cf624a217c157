"""MyHOME thermoregulation zones (WHO 4): temperatures, set point, modes, humidity.

Zone modes map onto HVAC modes: off and protection are ``off``, programme is
``auto``, manual is ``heat``, ``cool`` or ``heat_cool`` after the zone's
function. Setting a mode or a temperature calls the zone's own commands
(``ThermoZone.set_mode``, ``ThermoZone.set_set_point``), which write through
the central unit.
"""

from dataclasses import dataclass
from typing import Any, Final, override

from homeassistant.components.climate import ClimateEntity, ClimateEntityDescription
from homeassistant.components.climate.const import ClimateEntityFeature, HVACMode
from homeassistant.const import ATTR_TEMPERATURE, PRECISION_TENTHS, UnitOfTemperature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.thermoregulation import ThermoFunction, ThermoMode, ThermoZone
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .entity import GatewayItemEntity
from .platform import ItemEntityDescription, async_setup_item_entities

MANUAL_MODES: Final = {
    ThermoFunction.HEATING: HVACMode.HEAT,
    ThermoFunction.COOLING: HVACMode.COOL,
    ThermoFunction.GENERIC: HVACMode.HEAT_COOL,
}
# What each HVAC mode asks the zone for: (mode, function).
ZONE_MODES: Final = {
    HVACMode.OFF: (ThermoMode.OFF, ThermoFunction.GENERIC),
    HVACMode.AUTO: (ThermoMode.PROGRAMME, ThermoFunction.GENERIC),
    HVACMode.HEAT: (ThermoMode.MANUAL, ThermoFunction.HEATING),
    HVACMode.COOL: (ThermoMode.MANUAL, ThermoFunction.COOLING),
    HVACMode.HEAT_COOL: (ThermoMode.MANUAL, ThermoFunction.GENERIC),
}
SET_POINT_FUNCTIONS: Final = {
    HVACMode.HEAT: ThermoFunction.HEATING,
    HVACMode.COOL: ThermoFunction.COOLING,
}


@dataclass(frozen=True, kw_only=True)
class ClimateDescription(ClimateEntityDescription, ItemEntityDescription[ThermoZone]):
    """A zone of the central unit."""


ZONE: Final = ClimateDescription(key="climate", name=None, item_type=ThermoZone)


def zone_hvac_mode(zone: ThermoZone) -> HVACMode | None:
    """The HVAC mode a zone's function and mode amount to."""
    match zone.mode:
        case ThermoMode.OFF | ThermoMode.PROTECTION:
            return HVACMode.OFF
        case ThermoMode.PROGRAMME:
            return HVACMode.AUTO
        case ThermoMode.MANUAL:
            return MANUAL_MODES[zone.function or ThermoFunction.GENERIC]
    return None


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a climate entity per zone."""
    async_setup_item_entities(entry, async_add_entities, (ZONE,), MyHomeClimate)


class MyHomeClimate(GatewayItemEntity, ClimateEntity):
    """A zone of the central unit."""

    _attr_temperature_unit = UnitOfTemperature.CELSIUS
    _attr_precision = PRECISION_TENTHS
    _attr_target_temperature_step = 0.5
    _attr_min_temp = 3.0
    _attr_max_temp = 40.0
    _attr_supported_features = (
        ClimateEntityFeature.TARGET_TEMPERATURE
        | ClimateEntityFeature.TURN_OFF
        | ClimateEntityFeature.TURN_ON
    )
    item: ThermoZone

    def __init__(
        self,
        coordinator: GatewayCoordinator,
        item: ThermoZone,
        description: ClimateDescription,
    ) -> None:
        """Show the zone, with every mode it can be switched to."""
        super().__init__(coordinator, item, description)
        self._attr_hvac_modes = list(ZONE_MODES)

    @property
    @override
    def current_temperature(self) -> float | None:
        """What the zone's probe measures."""
        return self.item.temperature

    @property
    @override
    def target_temperature(self) -> float | None:
        """The zone's set point."""
        return self.item.set_point

    @property
    @override
    def current_humidity(self) -> float | None:
        """Relative humidity, on probes that measure it."""
        return None if self.item.humidity is None else float(self.item.humidity)

    @property
    @override
    def hvac_mode(self) -> HVACMode | None:
        """Off, auto (programme) or the manual function."""
        return zone_hvac_mode(self.item)

    @override
    async def async_set_hvac_mode(self, hvac_mode: HVACMode) -> None:
        """Switch the zone to the mode and function the HVAC mode stands for."""
        await self._command(self.item.set_mode(*ZONE_MODES[hvac_mode]))

    @override
    async def async_set_temperature(self, **kwargs: Any) -> None:
        """Write the zone's set point, for the function it is in."""
        function = SET_POINT_FUNCTIONS.get(
            zone_hvac_mode(self.item) or HVACMode.OFF,
            self.item.function or ThermoFunction.GENERIC,
        )
        await self._command(
            self.item.set_set_point(float(kwargs[ATTR_TEMPERATURE]), function)
        )
