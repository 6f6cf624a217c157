"""What every MyHOME platform does: add entities for the items now, and for later ones."""

from collections.abc import Callable, Iterable

from homeassistant.core import callback
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.base import Item
from .coordinator import GatewayConfigEntry, GatewayCoordinator

type EntityFactory = Callable[[GatewayCoordinator, Item], Iterable[Entity]]


def one_entity_per[I: Item](
    item_type: type[I], entity: Callable[[GatewayCoordinator, I], Entity]
) -> EntityFactory:
    """An entity factory: one ``entity`` for every item of ``item_type``."""

    def entities_for(coordinator: GatewayCoordinator, item: Item) -> list[Entity]:
        return [entity(coordinator, item)] if isinstance(item, item_type) else []

    return entities_for


def async_setup_item_entities(
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
    entities_for: EntityFactory,
) -> None:
    """Add the entities of every known item, and of each item heard later.

    Items heard for the first time on the event session (a point added to the
    installation, a button pressed) get their devices and entities without a
    reload.
    """
    coordinator = entry.runtime_data

    @callback
    def add(items: Iterable[Item]) -> None:
        entities = [
            entity for item in items for entity in entities_for(coordinator, item)
        ]
        if entities:
            async_add_entities(entities)

    add(list(coordinator.gateway.items.values()))
    entry.async_on_unload(coordinator.async_add_new_items_listener(add))
