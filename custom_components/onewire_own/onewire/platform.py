"""What every 1-Wire platform does: add entities for the devices now, and for later ones."""

from collections.abc import Awaitable, Callable, Sequence

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..owfs import Device
from .coordinator import OwserverConfigEntry, OwserverCoordinator

type EntityFactory = Callable[
    [OwserverCoordinator, Device], Awaitable[Sequence[Entity]]
]


async def async_setup_device_entities(
    hass: HomeAssistant,
    entry: OwserverConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
    entities_for: EntityFactory,
) -> None:
    """Add the entities of every located device, and of each device located later."""
    coordinator = entry.runtime_data

    async def add(devices: Sequence[Device]) -> None:
        entities: list[Entity] = []
        for device in devices:
            entities.extend(await entities_for(coordinator, device))
        async_add_entities(entities)

    @callback
    def add_later(devices: list[Device]) -> None:
        entry.async_create_background_task(
            hass, add(devices), f"onewire_own add entities of {devices}"
        )

    await add(coordinator.devices)
    entry.async_on_unload(coordinator.async_add_new_devices_listener(add_later))
