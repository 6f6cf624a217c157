"""MyHOME date/time: when the central unit's holiday or vacation ends (WHO 4).

It has a value while the unit is in holiday or vacation: the end the unit
keeps (``*#4*#0*30##`` date, ``*#4*#0*31##`` time, read when the holiday
begins). Setting it writes a new end to the unit (BTicino's touch screen
does the same); outside a holiday or vacation there is nothing to end, and
the entity says so. The unit keeps local time: Home Assistant's time zone.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Final, override

from homeassistant.components.datetime import DateTimeEntity, DateTimeEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from ..const import DOMAIN
from ..openwebnet.items.thermo_central_unit import ENDING_MODES, ThermoCentralUnit
from .coordinator import GatewayConfigEntry
from .entity import GatewayItemEntity
from .platform import ItemEntityDescription, async_setup_item_entities


@dataclass(frozen=True, kw_only=True)
class CentralUnitDateTimeDescription(
    DateTimeEntityDescription, ItemEntityDescription[ThermoCentralUnit]
):
    """A moment of the central unit."""


HOLIDAY_END: Final = CentralUnitDateTimeDescription(
    key="holiday_end", translation_key="holiday_end", item_type=ThermoCentralUnit
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the holiday end of each central unit."""
    async_setup_item_entities(entry, async_add_entities, (HOLIDAY_END,), HolidayEnd)


class HolidayEnd(GatewayItemEntity, DateTimeEntity):
    """When the running holiday or vacation ends."""

    item: ThermoCentralUnit

    @property
    @override
    def native_value(self) -> datetime | None:
        """The end the unit keeps, while a holiday or vacation runs."""
        end = self.item.holiday_end
        if end is None:
            return None
        return end.replace(tzinfo=dt_util.get_default_time_zone())

    @override
    async def async_set_value(self, value: datetime) -> None:
        """Write a new end (only a running holiday or vacation has one)."""
        if self.item.mode not in ENDING_MODES:
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="no_holiday_to_end"
            )
        local = dt_util.as_local(value).replace(tzinfo=None)
        await self._command(self.item.set_holiday_end(local))
