"""MyHOME lights: WHO 1 points shown as lights (the default; see the options).

Brightness maps Home Assistant's 0-255 onto the gateway's percent: exact on
100-level dimmers (dimension 1), to the nearest 10 % on 10-level dimmers.
A transition becomes the gateway's fade speed, which it expresses in the
same units as seconds on the 100-level dimmers (0 = the dimmer's default).
A point chosen as a dimmer in the options is dimmable from the start (the
coordinator tells the item); others once they report a level.

The whole bus, each area and each group are lights too, disabled until the
user enables them: one frame switches every light of the set (``*1*1*3##``),
and the set shows its members (on while any is on). A group's members are
the lights the user put in it in the options (the bus cannot tell them).
"""

from dataclasses import dataclass
from typing import Any, Final, override

from homeassistant.components.light import LightEntity, LightEntityDescription
from homeassistant.components.light.const import (
    ATTR_BRIGHTNESS,
    ATTR_TRANSITION,
    ColorMode,
    LightEntityFeature,
)
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util.color import brightness_to_value, value_to_brightness

from ..openwebnet.items.light_sets import LightSet
from ..openwebnet.items.lighting import Light
from .coordinator import GatewayConfigEntry
from .entity import GatewayItemEntity
from .items import item_key
from .platform import ItemEntityDescription, async_setup_item_entities

PERCENT = (1, 100)
MAX_SPEED = 255


@dataclass(frozen=True, kw_only=True)
class LightDescription(LightEntityDescription, ItemEntityDescription[Light]):
    """A lighting point shown as a light."""


LIGHT: Final = LightDescription(
    key="light",
    name=None,
    item_type=Light,
    has_fn=lambda light, settings: (
        settings.point_kind(item_key(light)).platform is Platform.LIGHT
    ),
)


@dataclass(frozen=True, kw_only=True)
class LightSetDescription(LightEntityDescription, ItemEntityDescription[LightSet]):
    """The bus, an area or a group of lights shown as one light."""


LIGHT_SET: Final = LightSetDescription(
    key="light",
    name=None,
    translation_key="light_set",
    item_type=LightSet,
    # Optional: most installations switch their areas from keypads only.
    entity_registry_enabled_default=False,
)


def transition_speed(kwargs: dict[str, Any]) -> int | None:
    """The gateway's fade speed for a requested transition, if any."""
    if (transition := kwargs.get(ATTR_TRANSITION)) is None:
        return None
    return max(0, min(MAX_SPEED, round(float(transition))))


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a light per point shown as a light, and one per set of lights."""
    async_setup_item_entities(entry, async_add_entities, (LIGHT,), MyHomeLight)
    async_setup_item_entities(entry, async_add_entities, (LIGHT_SET,), MyHomeLightSet)


class MyHomeLight(GatewayItemEntity, LightEntity):
    """A light point: on/off, and brightness once it is known to be a dimmer."""

    _attr_supported_features = LightEntityFeature.TRANSITION
    item: Light

    @property
    @override
    def color_mode(self) -> ColorMode:
        """Brightness for dimmers, on/off for relays (learned from the bus)."""
        return ColorMode.BRIGHTNESS if self.item.is_dimmer else ColorMode.ONOFF

    @property
    @override
    def supported_color_modes(self) -> set[ColorMode]:
        """Exactly the current color mode."""
        return {self.color_mode}

    @property
    @override
    def is_on(self) -> bool | None:
        """On, off, or unknown before the first status."""
        return self.item.is_on

    @property
    @override
    def brightness(self) -> int | None:
        """The dimmer's level on Home Assistant's 0-255 scale."""
        if not self.item.is_dimmer or self.item.brightness is None:
            return None
        return value_to_brightness(PERCENT, self.item.brightness)

    @override
    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch on, at a brightness if one is asked for."""
        speed = transition_speed(kwargs)
        if (brightness := kwargs.get(ATTR_BRIGHTNESS)) is not None:
            percent = max(1, round(brightness_to_value(PERCENT, brightness)))
            await self._command(self.item.set_brightness(percent, speed))
        else:
            await self._command(self.item.turn_on(speed))

    @override
    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch off."""
        await self._command(self.item.turn_off(transition_speed(kwargs)))


class MyHomeLightSet(GatewayItemEntity, LightEntity):
    """The whole bus, an area or a group: one frame switches all its lights."""

    _attr_color_mode = ColorMode.ONOFF
    item: LightSet

    @property
    @override
    def supported_color_modes(self) -> set[ColorMode]:
        """On and off: the members may be relays and dimmers alike."""
        return {ColorMode.ONOFF}

    @property
    @override
    def is_on(self) -> bool | None:
        """On while any light of the set is on."""
        return self.item.is_on

    @property
    @override
    def extra_state_attributes(self) -> dict[str, int]:
        """How many lights of the set are known (an area's heard, a group's set)."""
        return {"lights": self.item.members}

    @override
    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch every light of the set on."""
        await self._command(self.item.turn_on())

    @override
    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch every light of the set off."""
        await self._command(self.item.turn_off())
