"""What every 1-Wire platform does: add entities for the devices now, and for later ones."""

from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..owfs import Device
from .coordinator import OwserverConfigEntry, OwserverCoordinator
from .descriptions.base import OwEntityDescription
from .descriptions.lookup import descriptions_for

type EntityFactory = Callable[
    [OwserverCoordinator, Device], Awaitable[Sequence[Entity]]
]
type PlatformSetup = Callable[
    [HomeAssistant, OwserverConfigEntry, AddConfigEntryEntitiesCallback],
    Coroutine[Any, Any, None],
]
type EntityClass[D: OwEntityDescription] = Callable[
    [OwserverCoordinator, Device, D, str | None], Entity
]


def described_entities[D: OwEntityDescription](
    table: Mapping[str, tuple[D, ...]], entity_class: EntityClass[D]
) -> EntityFactory:
    """Entities of a device: one per description of its family in table."""

    async def entities_for(
        coordinator: OwserverCoordinator, device: Device
    ) -> Sequence[Entity]:
        return [
            entity_class(coordinator, device, description, description.attribute)
            for description in descriptions_for(table, device)
        ]

    return entities_for


def device_entities_setup(entities_for: EntityFactory) -> PlatformSetup:
    """A platform's async_setup_entry: entities_for every device, now and later."""

    async def async_setup_entry(
        hass: HomeAssistant,
        entry: OwserverConfigEntry,
        async_add_entities: AddConfigEntryEntitiesCallback,
    ) -> None:
        """Add the entities of every located device, and of each one located later."""
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

    return async_setup_entry
