"""MyHOME shutters (WHO 2): open, close, stop, and a position.

Advanced actuators report and take a position (dimensions 10 and 11). Basic
ones only move; with the travel time from the options (given to the item by
the coordinator) the item estimates the position from how long they moved,
and reaches a position by moving then sending stop.
"""

from dataclasses import dataclass
from typing import Any, Final, override

from homeassistant.components.cover import (
    ATTR_POSITION,
    CoverDeviceClass,
    CoverEntity,
    CoverEntityDescription,
    CoverEntityFeature,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.automation import Movement, Shutter
from .coordinator import GatewayConfigEntry
from .entity import GatewayItemEntity
from .platform import ItemEntityDescription, async_setup_item_entities

FEATURES: Final = (
    CoverEntityFeature.OPEN
    | CoverEntityFeature.CLOSE
    | CoverEntityFeature.STOP
    | CoverEntityFeature.SET_POSITION
)


@dataclass(frozen=True, kw_only=True)
class CoverDescription(CoverEntityDescription, ItemEntityDescription[Shutter]):
    """A shutter actuator."""


SHUTTER: Final = CoverDescription(
    key="cover", name=None, device_class=CoverDeviceClass.SHUTTER, item_type=Shutter
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a cover per shutter actuator."""
    async_setup_item_entities(entry, async_add_entities, (SHUTTER,), MyHomeCover)


class MyHomeCover(GatewayItemEntity, CoverEntity):
    """A shutter actuator: every one moves; positions need a known or estimated one."""

    _attr_supported_features = FEATURES
    item: Shutter

    @property
    @override
    def current_cover_position(self) -> int | None:
        """0 closed to 100 open: reported (advanced) or estimated (basic)."""
        return self.item.position

    @property
    @override
    def is_closed(self) -> bool | None:
        """Closed at position 0; unknown while the position is."""
        position = self.item.position
        return None if position is None else position == 0

    @property
    @override
    def is_opening(self) -> bool:
        """Moving up."""
        return self.item.movement is Movement.OPENING

    @property
    @override
    def is_closing(self) -> bool:
        """Moving down."""
        return self.item.movement is Movement.CLOSING

    @override
    async def async_open_cover(self, **kwargs: Any) -> None:
        """Move up."""
        await self._command(self.item.open())

    @override
    async def async_close_cover(self, **kwargs: Any) -> None:
        """Move down."""
        await self._command(self.item.close())

    @override
    async def async_stop_cover(self, **kwargs: Any) -> None:
        """Stop."""
        await self._command(self.item.stop())

    @override
    async def async_set_cover_position(self, **kwargs: Any) -> None:
        """Go to a position (estimated on basic actuators)."""
        await self._command(self.item.set_position(int(kwargs[ATTR_POSITION])))
