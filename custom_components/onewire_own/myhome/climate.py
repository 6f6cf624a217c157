"""MyHOME thermoregulation zones (WHO 4): temperatures, set point, modes, humidity.

Zone modes map onto HVAC modes: off and protection are ``off``, programme is
``auto``, manual is ``heat``, ``cool`` or ``heat_cool`` after the zone's
function. Setting a mode or a temperature calls the zone's own commands
(``ThermoZone.set_mode``, ``ThermoZone.set_set_point``).

What the zone does right now (``hvac_action``) comes from its valves and
actuators (``ThermoZone.demand``): heating while a heating valve or an
actuator of a heating zone is open, cooling for conditioning, idle when
they are closed, off when the zone is off or its knob is at off. Zones with
a fan coil report its speed, shown as the fan mode (auto, low, medium,
high, off) and set at the zone.
"""

from dataclasses import dataclass
from typing import Any, Final, override

from homeassistant.components.climate import ClimateEntity, ClimateEntityDescription
from homeassistant.components.climate.const import (
    FAN_AUTO,
    FAN_HIGH,
    FAN_LOW,
    FAN_MEDIUM,
    FAN_OFF,
    ClimateEntityFeature,
    HVACAction,
    HVACMode,
)
from homeassistant.const import ATTR_TEMPERATURE, PRECISION_TENTHS, UnitOfTemperature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.thermoregulation import (
    FanCoilSpeed,
    LocalOffset,
    ThermoFunction,
    ThermoMode,
    ThermoZone,
    ZoneDemand,
)
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
HVAC_ACTIONS: Final = {
    ZoneDemand.HEATING: HVACAction.HEATING,
    ZoneDemand.COOLING: HVACAction.COOLING,
    ZoneDemand.IDLE: HVACAction.IDLE,
}
FAN_MODES: Final = {
    FanCoilSpeed.AUTO: FAN_AUTO,
    FanCoilSpeed.LOW: FAN_LOW,
    FanCoilSpeed.MEDIUM: FAN_MEDIUM,
    FanCoilSpeed.HIGH: FAN_HIGH,
    FanCoilSpeed.OFF: FAN_OFF,
}
FAN_SPEEDS: Final = {mode: speed for speed, mode in FAN_MODES.items()}
BASE_FEATURES: Final = (
    ClimateEntityFeature.TARGET_TEMPERATURE
    | ClimateEntityFeature.TURN_OFF
    | ClimateEntityFeature.TURN_ON
)


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
        case None if zone.function in (ThermoFunction.HEATING, ThermoFunction.COOLING):
            # A thermostat that tells only what it does (``*4*1*Z##``: a
            # standalone F455 zone heating) works in that function.
            return MANUAL_MODES[zone.function]
    return None


def zone_hvac_action(zone: ThermoZone) -> HVACAction | None:
    """Off, or what the valves and actuators do; None before they report."""
    if zone.mode is ThermoMode.OFF or zone.local_offset is LocalOffset.OFF:
        return HVACAction.OFF
    demand = zone.demand
    return None if demand is None else HVAC_ACTIONS[demand]


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
        self._attr_fan_modes = list(FAN_MODES.values())

    @property
    @override
    def supported_features(self) -> ClimateEntityFeature:
        """Fan modes only for zones that report a fan coil's speed."""
        if self.item.fan_coil_speed is None:
            return BASE_FEATURES
        return BASE_FEATURES | ClimateEntityFeature.FAN_MODE

    @property
    @override
    def hvac_action(self) -> HVACAction | None:
        """Heating, cooling or idle from the valves and actuators; off."""
        return zone_hvac_action(self.item)

    @property
    @override
    def fan_mode(self) -> str | None:
        """The fan coil's speed."""
        speed = self.item.fan_coil_speed
        return None if speed is None else FAN_MODES[speed]

    @override
    async def async_set_fan_mode(self, fan_mode: str) -> None:
        """Set the fan coil's speed (at the zone itself)."""
        await self._command(self.item.set_fan_coil_speed(FAN_SPEEDS[fan_mode]))

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
