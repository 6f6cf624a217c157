"""MyHOME select: the thermoregulation central unit's operating mode (WHO 4).

One option per mode the unit runs the plant in: off, antifreeze, thermal
protection, manual, weekly programme 1-3, scenario 1-16 (not on 4-zone
units), holiday and vacation. The option shown is the mode the unit
reports, whoever set it (its keypad, an app, this entity); choosing one
sends the unit's command for it:

* *manual* sets every zone to the unit's last manual set point (20 °C if it
  never had one; the *Manual set point* number sets another);
* *holiday* lasts until midnight, *vacation* one day; both then return to
  the weekly programme that ran before. Their end is set on the *Holiday or
  vacation end* entity.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Final, override

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.thermo_central_unit import (
    PROGRAMMES,
    SCENARIOS,
    CentralUnitMode,
    ThermoCentralUnit,
)
from .coordinator import GatewayConfigEntry
from .entity import GatewayItemEntity
from .platform import ItemEntityDescription, async_setup_item_entities

DEFAULT_MANUAL_TEMPERATURE: Final = 20.0
DEFAULT_VACATION_DAYS: Final = 1
DEFAULT_PROGRAMME: Final = 1
WEEKLY: Final = "weekly_"
SCENARIO: Final = "scenario_"

type ModeCommand = Callable[[ThermoCentralUnit], Awaitable[None]]

#: The options that are a mode without a number, and their commands.
PLAIN_MODES: Final[dict[str, ModeCommand]] = {
    CentralUnitMode.OFF: lambda unit: unit.turn_off(),
    CentralUnitMode.ANTIFREEZE: lambda unit: unit.set_antifreeze(),
    CentralUnitMode.THERMAL_PROTECTION: lambda unit: unit.set_thermal_protection(),
    CentralUnitMode.MANUAL: lambda unit: unit.set_manual(
        unit.manual_temperature or DEFAULT_MANUAL_TEMPERATURE
    ),
    CentralUnitMode.HOLIDAY: lambda unit: unit.set_holiday(
        unit.programme or DEFAULT_PROGRAMME
    ),
    CentralUnitMode.VACATION: lambda unit: unit.set_vacation(
        DEFAULT_VACATION_DAYS, unit.programme or DEFAULT_PROGRAMME
    ),
}
WEEKLY_OPTIONS: Final = [f"{WEEKLY}{programme}" for programme in PROGRAMMES]
SCENARIO_OPTIONS: Final = [f"{SCENARIO}{scenario}" for scenario in SCENARIOS]


def mode_options(unit: ThermoCentralUnit) -> list[str]:
    """Every option the unit has (4-zone units have no scenarios)."""
    scenarios = [] if unit.is_four_zone else SCENARIO_OPTIONS
    return [
        CentralUnitMode.OFF,
        CentralUnitMode.ANTIFREEZE,
        CentralUnitMode.THERMAL_PROTECTION,
        CentralUnitMode.MANUAL,
        *WEEKLY_OPTIONS,
        *scenarios,
        CentralUnitMode.HOLIDAY,
        CentralUnitMode.VACATION,
    ]


def current_option(unit: ThermoCentralUnit) -> str | None:
    """The option of the mode the unit reports (None before it does)."""
    match unit.mode:
        case None:
            return None
        case CentralUnitMode.MANUAL_TIMED:
            return CentralUnitMode.MANUAL
        case CentralUnitMode.WEEKLY:
            return None if unit.programme is None else f"{WEEKLY}{unit.programme}"
        case CentralUnitMode.SCENARIO:
            return None if unit.scenario is None else f"{SCENARIO}{unit.scenario}"
    return unit.mode


def mode_command(unit: ThermoCentralUnit, option: str) -> Awaitable[None]:
    """The unit's command that puts it in the option's mode."""
    if option in PLAIN_MODES:
        return PLAIN_MODES[option](unit)
    if option.startswith(WEEKLY):
        return unit.set_weekly_programme(int(option.removeprefix(WEEKLY)))
    return unit.set_scenario(int(option.removeprefix(SCENARIO)))


@dataclass(frozen=True, kw_only=True)
class CentralUnitSelectDescription(
    SelectEntityDescription, ItemEntityDescription[ThermoCentralUnit]
):
    """The central unit's operating mode."""


OPERATING_MODE: Final = CentralUnitSelectDescription(
    key="operating_mode",
    translation_key="operating_mode",
    item_type=ThermoCentralUnit,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the operating mode of each central unit."""
    async_setup_item_entities(
        entry, async_add_entities, (OPERATING_MODE,), OperatingModeSelect
    )


class OperatingModeSelect(GatewayItemEntity, SelectEntity):
    """The mode the central unit runs the plant in."""

    item: ThermoCentralUnit

    @property
    @override
    def options(self) -> list[str]:
        """Every mode the unit has."""
        return mode_options(self.item)

    @property
    @override
    def current_option(self) -> str | None:
        """The mode the unit reports."""
        return current_option(self.item)

    @override
    async def async_select_option(self, option: str) -> None:
        """Send the unit the command of the chosen mode."""
        await self._command(mode_command(self.item, option))
