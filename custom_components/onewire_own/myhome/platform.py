"""What every MyHOME platform does: describe its entities, add them as items appear.

A platform lists ``ItemEntityDescription``s (subclassed with the platform's
own ``EntityDescription``, and a ``value_fn`` where the entity shows one
value). A description says which items have the entity:

* ``item_type``: the item class it shows;
* ``has_fn(item, settings)``: whether this item has it now, from the item's
  state and the user's options (by default every item of the type does).

``async_setup_item_entities`` adds an entity for every known item that has
it, then for every item heard later (a point added to the installation, a
button pressed) without a reload. ``has_fn`` is asked again after each event
of the item, so an entity can appear when the item first shows it (a
point's motion detector at its first report); once added it stays, and
after a restart it is back at once if an earlier run had it (the
coordinator's memory), before any report.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from homeassistant.core import callback
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.base import Item, ItemEvent
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .settings import GatewaySettings


@dataclass(frozen=True, kw_only=True)
class ItemEntityDescription[I: Item](EntityDescription):
    """An entity of items of one type; ``has_fn`` picks the items that have it."""

    item_type: type[I]
    has_fn: Callable[[I, GatewaySettings], bool] = lambda item, settings: True


# The item argument is of the description's item_type.
type EntityClass[D] = Callable[[GatewayCoordinator, Any, D], Entity]


def async_setup_item_entities[D: ItemEntityDescription[Any]](
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
    descriptions: Iterable[D],
    entity_class: EntityClass[D],
) -> None:
    """Add the described entities of every item, now and as items appear or act."""
    coordinator = entry.runtime_data
    descriptions = tuple(descriptions)
    added: set[tuple[tuple[int, str], str]] = set()

    def has(item: Item, description: D) -> bool:
        return description.has_fn(item, coordinator.settings) or coordinator.remembers(
            item, description.key
        )

    @callback
    def add(items: Iterable[Item]) -> None:
        entities = []
        for item in items:
            for description in descriptions:
                if not isinstance(item, description.item_type):
                    continue
                key = (item.key, description.key)
                if key not in added and has(item, description):
                    added.add(key)
                    entities.append(entity_class(coordinator, item, description))
        if entities:
            async_add_entities(entities)

    @callback
    def item_acted(item: Item, event: ItemEvent) -> None:
        add([item])

    add(list(coordinator.gateway.items.values()))
    entry.async_on_unload(coordinator.async_add_new_items_listener(add))
    entry.async_on_unload(coordinator.gateway.add_callback(item_acted))
