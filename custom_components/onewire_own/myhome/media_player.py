"""MyHOME sound system (WHO 16 and 22): a media player per zone and per source.

A zone (amplifier) is switched on and off, has a volume (the bus's 0-31 on
Home Assistant's 0-1), a mute (volume 0, back to the earlier volume: the bus
has no mute), and a source: the matrix input its environment plays. A zone
of environment 0 cannot be switched between sources (it has no routing
address). Sources are listed as ``Source <n>``, or by the name the user gave
the source's device.

A source is switched on and off; a tuner also shows its station (its RDS
name, or its frequency) and steps through its memorised stations with the
next/previous track controls.

Zones and sources are found by the sound sweep that runs in the background
after setup, or when the bus first mentions them.
"""

from dataclasses import dataclass
from typing import Final, override

from homeassistant.components.media_player import (
    MediaPlayerEntity,
    MediaPlayerEntityDescription,
)
from homeassistant.components.media_player.const import (
    MediaPlayerDeviceClass,
    MediaPlayerEntityFeature,
    MediaPlayerState,
    MediaType,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr, translation
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..const import DOMAIN
from ..openwebnet.items.sound import MAX_VOLUME, SoundSource, SoundZone
from .coordinator import GatewayConfigEntry
from .entity import GatewayItemEntity
from .items import item_device_identifier
from .platform import ItemEntityDescription, async_setup_item_entities

#: The inputs of a sound matrix (F441/F441M), offered before any source is heard.
MATRIX_INPUTS: Final = range(1, 5)
# strings.json device.sound_source.name, for when translations are not loaded.
UNNAMED_SOURCE: Final = "Sound source {where}"
ZONE_FEATURES: Final = (
    MediaPlayerEntityFeature.TURN_ON
    | MediaPlayerEntityFeature.TURN_OFF
    | MediaPlayerEntityFeature.VOLUME_SET
    | MediaPlayerEntityFeature.VOLUME_STEP
    | MediaPlayerEntityFeature.VOLUME_MUTE
)
SOURCE_FEATURES: Final = (
    MediaPlayerEntityFeature.TURN_ON | MediaPlayerEntityFeature.TURN_OFF
)
TUNER_FEATURES: Final = (
    MediaPlayerEntityFeature.NEXT_TRACK | MediaPlayerEntityFeature.PREVIOUS_TRACK
)


@dataclass(frozen=True, kw_only=True)
class ZoneDescription(MediaPlayerEntityDescription, ItemEntityDescription[SoundZone]):
    """A sound zone (amplifier)."""


@dataclass(frozen=True, kw_only=True)
class SourceDescription(
    MediaPlayerEntityDescription, ItemEntityDescription[SoundSource]
):
    """A source of the sound system."""


ZONE: Final = ZoneDescription(
    key="media_player",
    name=None,
    device_class=MediaPlayerDeviceClass.SPEAKER,
    item_type=SoundZone,
)
SOURCE: Final = SourceDescription(
    key="media_player",
    name=None,
    device_class=MediaPlayerDeviceClass.RECEIVER,
    item_type=SoundSource,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a media player per sound zone and per source, now and as they are heard."""
    async_setup_item_entities(entry, async_add_entities, (ZONE,), SoundZonePlayer)
    async_setup_item_entities(entry, async_add_entities, (SOURCE,), SoundSourcePlayer)


class PoweredPlayer(GatewayItemEntity, MediaPlayerEntity):
    """A zone or a source: switched on and off."""

    item: SoundZone | SoundSource

    @property
    @override
    def state(self) -> MediaPlayerState | None:
        """On, off, or unknown before the first report."""
        if self.item.is_on is None:
            return None
        return MediaPlayerState.ON if self.item.is_on else MediaPlayerState.OFF

    @override
    async def async_turn_on(self) -> None:
        """Switch it on."""
        await self._command(self.item.turn_on())

    @override
    async def async_turn_off(self) -> None:
        """Switch it off."""
        await self._command(self.item.turn_off())


class SoundZonePlayer(PoweredPlayer):
    """An amplifier: power, volume, mute and the source its environment plays."""

    item: SoundZone

    @property
    @override
    def supported_features(self) -> MediaPlayerEntityFeature:
        """Source selection only where the zone's environment can be routed."""
        if self.item.can_select_source:
            return ZONE_FEATURES | MediaPlayerEntityFeature.SELECT_SOURCE
        return ZONE_FEATURES

    @property
    @override
    def volume_level(self) -> float | None:
        """The volume, 0-31 on the bus, as 0-1."""
        volume = self.item.volume
        return None if volume is None else volume / MAX_VOLUME

    @property
    @override
    def is_volume_muted(self) -> bool | None:
        """Muted while the volume is 0."""
        return self.item.is_muted

    @property
    @override
    def source(self) -> str | None:
        """The source the zone's environment was last switched to."""
        number = self.item.source
        return None if number is None else self._source_names().get(number)

    @property
    @override
    def source_list(self) -> list[str] | None:
        """The sources heard on the bus (the matrix's four inputs before any)."""
        if not self.item.can_select_source:
            return None
        return list(self._source_names().values())

    def _source_names(self) -> dict[int, str]:
        """Source number -> the name of its device, as the device page shows it.

        The user's name, else the translated one (``Sound source 2``); a
        matrix input no source device stands for yet is named the same way.
        """
        numbers = {
            item.number
            for item in self.coordinator.gateway.items.values()
            if isinstance(item, SoundSource)
        } or set(MATRIX_INPUTS)
        if self.item.source is not None:
            numbers.add(self.item.source)
        names = {number: self._unnamed_source(number) for number in sorted(numbers)}
        registry = dr.async_get(self.hass)
        gateway_id = self.coordinator.gateway_unique_id
        entry_id = self.coordinator.config_entry.entry_id
        for item in self.coordinator.gateway.items.values():
            if not isinstance(item, SoundSource):
                continue
            identifier = (DOMAIN, item_device_identifier(gateway_id, item))
            device = registry.async_get_device_by_identifier(identifier, entry_id)
            if device is not None and (name := device.name_by_user or device.name):
                names[item.number] = name
        return names

    def _unnamed_source(self, number: int) -> str:
        """A source's device name in Home Assistant's language, without the device."""
        template = translation.async_get_cached_translations(
            self.hass, self.hass.config.language, "device", DOMAIN
        ).get(f"component.{DOMAIN}.device.sound_source.name", UNNAMED_SOURCE)
        return template.replace("{where}", str(number))

    @override
    async def async_set_volume_level(self, volume: float) -> None:
        """Set the volume (0-1, to the nearest of the bus's 32 steps)."""
        await self._command(self.item.set_volume(round(volume * MAX_VOLUME)))

    @override
    async def async_volume_up(self) -> None:
        """One step up, as a wall panel's button."""
        await self._command(self.item.step_volume(1))

    @override
    async def async_volume_down(self) -> None:
        """One step down."""
        await self._command(self.item.step_volume(-1))

    @override
    async def async_mute_volume(self, mute: bool) -> None:
        """Mute (volume 0), or back to the volume before the mute."""
        await self._command(self.item.set_muted(mute))

    @override
    async def async_select_source(self, source: str) -> None:
        """Switch the zone's environment to a source, by its name."""
        numbers = {name: number for number, name in self._source_names().items()}
        if source not in numbers:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="unknown_source",
                translation_placeholders={"source": source},
            )
        await self._command(self.item.select_source(numbers[source]))


class SoundSourcePlayer(PoweredPlayer):
    """A source: power; a tuner's station and its next and previous."""

    item: SoundSource

    @property
    @override
    def supported_features(self) -> MediaPlayerEntityFeature:
        """Station stepping once the source is known to be a tuner."""
        if self.item.is_tuner:
            return SOURCE_FEATURES | TUNER_FEATURES
        return SOURCE_FEATURES

    @property
    @override
    def media_content_type(self) -> MediaType | None:
        """A tuner plays a channel."""
        return MediaType.CHANNEL if self.item.is_tuner else None

    @property
    @override
    def media_channel(self) -> str | None:
        """The tuner's memorised station number."""
        station = self.item.station
        return None if station is None else str(station)

    @property
    @override
    def media_title(self) -> str | None:
        """The station's RDS name, or its frequency (``96.20 MHz``)."""
        if self.item.rds is not None:
            return self.item.rds
        if self.item.frequency_khz is not None:
            return f"{self.item.frequency_khz / 1000:.2f} MHz"
        return None

    @override
    async def async_media_next_track(self) -> None:
        """The tuner's next memorised station."""
        await self._command(self.item.next_station())

    @override
    async def async_media_previous_track(self) -> None:
        """The tuner's previous memorised station."""
        await self._command(self.item.previous_station())
