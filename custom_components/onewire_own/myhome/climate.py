"""MyHOME thermoregulation zones (WHO 4): temperatures, set point, modes, humidity.

Zone modes map onto HVAC modes: off and protection are ``off``, programme is
``auto``, manual is ``heat``, ``cool`` or ``heat_cool`` after the zone's
function. Setting a mode sends the zone's mode command through the central
unit (``*4*<what>*#<zone>##``), setting a temperature writes the set point.
"""

from typing import Any, Final, override

from homeassistant.components.climate import ClimateEntity
from homeassistant.components.climate.const import ClimateEntityFeature, HVACMode
from homeassistant.const import ATTR_TEMPERATURE, PRECISION_TENTHS, UnitOfTemperature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet import Command, Where
from ..openwebnet.items.thermoregulation import ThermoFunction, ThermoMode, ThermoZone
from .commands import gateway_command
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .entity import GatewayItemEntity
from .platform import async_setup_item_entities, one_entity_per

WHO_THERMO: Final = 4
MANUAL_MODES: Final = {
    ThermoFunction.HEATING: HVACMode.HEAT,
    ThermoFunction.COOLING: HVACMode.COOL,
    ThermoFunction.GENERIC: HVACMode.HEAT_COOL,
}
# Mode WHATs: function digit (1 heat, 2 cool, 3 generic) then the mode.
MODE_COMMANDS: Final = {
    HVACMode.OFF: "303",
    HVACMode.AUTO: "311",
    HVACMode.HEAT: "110",
    HVACMode.COOL: "210",
    HVACMode.HEAT_COOL: "310",
}
SET_POINT_FUNCTIONS: Final = {
    HVACMode.HEAT: ThermoFunction.HEATING,
    HVACMode.COOL: ThermoFunction.COOLING,
}


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
    async_setup_item_entities(
        entry, async_add_entities, one_entity_per(ThermoZone, MyHomeClimate)
    )


class MyHomeClimate(GatewayItemEntity, ClimateEntity):
    """A zone of the central unit."""

    _attr_name = None
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

    def __init__(self, coordinator: GatewayCoordinator, item: ThermoZone) -> None:
        """Show the zone."""
        super().__init__(coordinator, item, "climate")
        self._attr_hvac_modes = list(MODE_COMMANDS)

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
        """Send the zone's mode command."""
        command = Command(
            WHO_THERMO, MODE_COMMANDS[hvac_mode], (), Where("", (self.item.where,))
        )
        await gateway_command(self.coordinator.async_send(command), str(command))

    @override
    async def async_set_temperature(self, **kwargs: Any) -> None:
        """Write the zone's set point."""
        function = SET_POINT_FUNCTIONS.get(
            zone_hvac_mode(self.item) or HVACMode.OFF,
            self.item.function or ThermoFunction.GENERIC,
        )
        await gateway_command(
            self.item.set_set_point(float(kwargs[ATTR_TEMPERATURE]), function)
        )
