"""MyHOME shutters (WHO 2): open, close, stop, and a position.

Advanced actuators report and take a position (dimensions 10 and 11). Basic
ones only move; with the travel time from the options the item estimates the
position from how long they moved, and reaches a position by moving then
sending stop.
"""

from typing import Any, override

from homeassistant.components.cover import (
    ATTR_POSITION,
    CoverDeviceClass,
    CoverEntity,
    CoverEntityFeature,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.automation import Movement, Shutter
from .commands import gateway_command
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .entity import GatewayItemEntity
from .items import item_key
from .platform import async_setup_item_entities, one_entity_per

BASIC_FEATURES = (
    CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE | CoverEntityFeature.STOP
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a cover per shutter actuator."""
    async_setup_item_entities(
        entry, async_add_entities, one_entity_per(Shutter, MyHomeCover)
    )


class MyHomeCover(GatewayItemEntity, CoverEntity):
    """A shutter actuator."""

    _attr_name = None
    _attr_device_class = CoverDeviceClass.SHUTTER
    item: Shutter

    def __init__(self, coordinator: GatewayCoordinator, item: Shutter) -> None:
        """Show the shutter; a basic one estimates with the configured travel time."""
        super().__init__(coordinator, item, "cover")
        travel_time = coordinator.settings.travel_time(item_key(item))
        item.configure_travel_times(travel_time, travel_time)

    @property
    @override
    def supported_features(self) -> CoverEntityFeature:
        """Every shutter moves; positions need a known or estimated position."""
        return BASIC_FEATURES | CoverEntityFeature.SET_POSITION

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
        await gateway_command(self.item.open())

    @override
    async def async_close_cover(self, **kwargs: Any) -> None:
        """Move down."""
        await gateway_command(self.item.close())

    @override
    async def async_stop_cover(self, **kwargs: Any) -> None:
        """Stop."""
        await gateway_command(self.item.stop())

    @override
    async def async_set_cover_position(self, **kwargs: Any) -> None:
        """Go to a position (estimated on basic actuators)."""
        await gateway_command(self.item.set_position(int(kwargs[ATTR_POSITION])))
