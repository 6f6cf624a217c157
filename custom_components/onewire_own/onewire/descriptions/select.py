"""Select descriptions: the resolution a temperature sensor converts at."""

from collections.abc import Mapping
from dataclasses import dataclass

from homeassistant.components.select import SelectEntityDescription
from homeassistant.const import EntityCategory

from .base import OwEntityDescription, ValueFn, as_option


@dataclass(frozen=True, kw_only=True)
class OwSelectDescription(OwEntityDescription, SelectEntityDescription):
    """A 1-Wire select: reads an attribute and writes the chosen option to it."""

    value_fn: ValueFn[str | None] = as_option


TEMPERATURE_RESOLUTION = OwSelectDescription(
    key="tempres",
    attribute="tempres",
    entity_category=EntityCategory.CONFIG,
    options=["9", "10", "11", "12"],
    translation_key="tempres",
    entity_registry_enabled_default=False,
)

SELECTS: Mapping[str, tuple[OwSelectDescription, ...]] = {
    "28": (TEMPERATURE_RESOLUTION,),
}
