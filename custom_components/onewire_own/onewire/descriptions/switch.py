"""Switch descriptions: PIO outputs, latches, hub branches, A/D and sensor modes."""

from collections.abc import Mapping
from dataclasses import dataclass

from homeassistant.components.switch import SwitchEntityDescription
from homeassistant.const import EntityCategory

from .base import OwEntityDescription, ValueFn, as_bool


@dataclass(frozen=True, kw_only=True)
class OwSwitchDescription(OwEntityDescription, SwitchEntityDescription):
    """A 1-Wire switch: reads and writes a yes/no attribute (``1``/``0``)."""

    value_fn: ValueFn[bool | None] = as_bool


def _switch(
    key: str,
    translation_key: str,
    channel: str | None = None,
    category: EntityCategory | None = None,
) -> OwSwitchDescription:
    return OwSwitchDescription(
        key=key,
        attribute=key,
        entity_registry_enabled_default=False,
        entity_category=category,
        translation_key=translation_key,
        translation_placeholders=None if channel is None else {"id": channel},
    )


def _pio_and_latch(channels: tuple[str, ...]) -> tuple[OwSwitchDescription, ...]:
    return tuple(_switch(f"PIO.{c}", "pio_id", c) for c in channels) + tuple(
        _switch(f"latch.{c}", "latch_id", c) for c in channels
    )


EIGHT = tuple(str(channel) for channel in range(8))
FOUR = tuple(str(channel) for channel in range(4))

SWITCHES: Mapping[str, tuple[OwSwitchDescription, ...]] = {
    "05": (_switch("PIO", "pio"),),
    "12": _pio_and_latch(("A", "B")),
    "26": (_switch("IAD", "iad", category=EntityCategory.CONFIG),),
    "29": _pio_and_latch(EIGHT),
    "3A": tuple(_switch(f"PIO.{c}", "pio_id", c) for c in ("A", "B")),
    "EF/HB_HUB": tuple(
        _switch(f"hub/branch.{c}", "hub_branch_id", c, EntityCategory.CONFIG)
        for c in FOUR
    ),
    "EF/HB_MOISTURE_METER": tuple(
        _switch(f"moisture/is_leaf.{c}", "leaf_sensor_id", c, EntityCategory.CONFIG)
        for c in FOUR
    )
    + tuple(
        _switch(
            f"moisture/is_moisture.{c}", "moisture_sensor_id", c, EntityCategory.CONFIG
        )
        for c in FOUR
    ),
}
