"""The coordinator's memory of earlier runs: which entities each item had.

Sweeps do not find everything: scenario buttons and energy meters are heard
only when they act, motion detectors only when they report. Without a memory
their entities would be missing, or unavailable, after every restart until
then. So at setup the coordinator recreates the items of earlier runs, and
the platforms bring back at once the entities that appear only after a first
report (``GatewayCoordinator.remembers``).

The memory is one pass over the entity registry, not a store of our own:

* the registry already persists exactly what must come back (the entities a
  user has seen, kept, perhaps renamed or disabled);
* it forgets them when the user deletes a device, which is how a user says an
  item is gone (the bus cannot say it); a separate store would have to follow
  every deletion, and would disagree with the registry when it did not;
* it needs no migration of its own, and existing installations have it.

Unique ids are read back by one function, the inverse of the one that builds
them (``items.parse_item_entity_unique_id``).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Self

from homeassistant.helpers import entity_registry as er

from ..openwebnet.items.base import Item
from .items import parse_item_entity_unique_id

type Address = tuple[int, str]
#: Decides, from (who, where, entity domain), that an entity must go.
type Hidden = Callable[[int, str, str], bool]


@dataclass(frozen=True, slots=True)
class KnownEntities:
    """Entity keys by item address (WHO, WHERE), as registered by earlier runs."""

    keys: Mapping[Address, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_registry(
        cls,
        registry: er.EntityRegistry,
        config_entry_id: str,
        gateway_unique_id: str,
        hidden: Hidden,
    ) -> Self:
        """Read the entry's entities once; remove those ``hidden`` says must go.

        Entities of the gateway itself (not of an item) are not remembered:
        the gateway is always there.
        """
        keys: dict[Address, set[str]] = {}
        for entry in er.async_entries_for_config_entry(registry, config_entry_id):
            parsed = parse_item_entity_unique_id(gateway_unique_id, entry.unique_id)
            if parsed is None:
                continue
            if hidden(parsed.who, parsed.where, entry.domain):
                registry.async_remove(entry.entity_id)
                continue
            keys.setdefault((parsed.who, parsed.where), set()).add(parsed.key)
        return cls({address: frozenset(found) for address, found in keys.items()})

    @property
    def addresses(self) -> Iterable[Address]:
        """Every item that had an entity."""
        return self.keys.keys()

    def has(self, item: Item, key: str) -> bool:
        """Whether item had an entity showing key."""
        return key in self.keys.get(item.key, frozenset())
