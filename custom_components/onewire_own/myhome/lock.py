"""MyHOME actuator locks (WHO 14): lock the local pushbuttons of a point.

Locked, the point's own pushbuttons do nothing (``*14*0*<point>##``);
unlocked, they work again (``*14*1*<point>##``). The options name the points
that have a lock (the bus never mentions them: a point's lock is not
reported on the event session and cannot be asked). The state is therefore
assumed: the last command the gateway acknowledged, or a general or area
lock heard on the bus, and after a restart the state Home Assistant last
showed (the actuators may have been unlocked meanwhile, by a power cut or
another client).
"""

from dataclasses import dataclass
from typing import Any, Final, override

from homeassistant.components.lock import LockEntity, LockEntityDescription
from homeassistant.components.lock.const import LockState
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity

from ..openwebnet.items.actuator_lock import ActuatorLock
from .coordinator import GatewayConfigEntry
from .entity import GatewayItemEntity
from .platform import ItemEntityDescription, async_setup_item_entities


@dataclass(frozen=True, kw_only=True)
class ActuatorLockDescription(
    LockEntityDescription, ItemEntityDescription[ActuatorLock]
):
    """The lock of a point's pushbuttons."""


ACTUATOR_LOCK: Final = ActuatorLockDescription(
    key="lock",
    name=None,
    item_type=ActuatorLock,
    has_fn=lambda lock, settings: lock.where in settings.actuator_locks,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a lock per point the options name."""
    async_setup_item_entities(
        entry, async_add_entities, (ACTUATOR_LOCK,), MyHomeActuatorLock
    )


class MyHomeActuatorLock(GatewayItemEntity, LockEntity, RestoreEntity):
    """A point's pushbutton lock, in an assumed state."""

    item: ActuatorLock
    _attr_assumed_state = True

    def __init__(self, *args: Any) -> None:
        """Show the point's lock; the restored state waits for the entity's addition."""
        super().__init__(*args)
        self._restored: bool | None = None

    @override
    async def async_added_to_hass(self) -> None:
        """Take the state shown before the restart while the bus has told nothing."""
        await super().async_added_to_hass()
        last = await self.async_get_last_state()
        if last is not None and last.state in (LockState.LOCKED, LockState.UNLOCKED):
            self._restored = last.state == LockState.LOCKED

    @property
    @override
    def is_locked(self) -> bool | None:
        """What the gateway acknowledged or reported, else the restored state."""
        return self.item.locked if self.item.locked is not None else self._restored

    @override
    async def async_lock(self, **kwargs: Any) -> None:
        """Disable the point's pushbuttons."""
        await self._command(self.item.lock())

    @override
    async def async_unlock(self, **kwargs: Any) -> None:
        """Enable the point's pushbuttons."""
        await self._command(self.item.unlock())
