"""MyHOME sensors: energy meters (WHO 18), probes and zone knobs (WHO 4), uptime (WHO 13).

Energy for the Energy dashboard: a meter's totalizer (*Energy*), today's and
this month's energy are ``total_increasing``. The daily and monthly counters
restart at the meter's own midnight, by the gateway's clock; Home
Assistant's statistics take a value that drops as the start of a new cycle
and count it from zero, so neither the moment of the restart nor the
gateway's clock has to be known. ``total`` with a ``last_reset`` would
need that moment: computed from Home Assistant's clock, it would count a
whole day twice, or a day's energy as negative, whenever the two clocks
disagree around midnight. The coordinator reads the energies often enough
(``ENERGY_POLL_INTERVAL``) that the first read after midnight is far below
the day's total, which is what the statistics need to see the restart.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, override

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import (
    EntityCategory,
    UnitOfEnergy,
    UnitOfPower,
    UnitOfTemperature,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.util import dt as dt_util

from ..openwebnet.items.base import Item, ItemEvent
from ..openwebnet.items.energy import EnergyMeter
from ..openwebnet.items.gateway_info import GatewayInfo
from ..openwebnet.items.thermo_probes import ThermoProbe
from ..openwebnet.items.thermoregulation import LocalOffset, ThermoZone
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .entity import GatewayEntity, GatewayItemEntity
from .platform import ItemEntityDescription, async_setup_item_entities


@dataclass(frozen=True, kw_only=True)
class MyHomeSensorDescription[I: Item](
    SensorEntityDescription, ItemEntityDescription[I]
):
    """One value of an item."""

    value_fn: Callable[[I], StateType]


def _kwh(watt_hours: int | None) -> float | None:
    return None if watt_hours is None else watt_hours / 1000


def _energy(
    key: str, read: Callable[[EnergyMeter], int | None], translation_key: str | None
) -> MyHomeSensorDescription[EnergyMeter]:
    """An energy of a meter, in kWh, shown once the meter has reported it."""
    return MyHomeSensorDescription[EnergyMeter](
        key=key,
        translation_key=translation_key,
        device_class=SensorDeviceClass.ENERGY,
        native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
        state_class=SensorStateClass.TOTAL_INCREASING,
        suggested_display_precision=3,
        item_type=EnergyMeter,
        has_fn=lambda meter, settings: read(meter) is not None,
        value_fn=lambda meter: _kwh(read(meter)),
    )


#: The knob positions as sensor states (translated in strings.json).
LOCAL_OFFSETS: Final = {offset: offset.name.lower() for offset in LocalOffset}

SENSORS: Final = (
    # Pushed: the coordinator keeps it flowing.
    MyHomeSensorDescription[EnergyMeter](
        key="power",
        device_class=SensorDeviceClass.POWER,
        native_unit_of_measurement=UnitOfPower.WATT,
        state_class=SensorStateClass.MEASUREMENT,
        item_type=EnergyMeter,
        value_fn=lambda meter: meter.power,
    ),
    _energy("energy", lambda meter: meter.energy_total, None),
    _energy("energy_today", lambda meter: meter.energy_today, "energy_today"),
    _energy("energy_month", lambda meter: meter.energy_month, "energy_month"),
    MyHomeSensorDescription[ThermoProbe](
        key="temperature",
        name=None,
        device_class=SensorDeviceClass.TEMPERATURE,
        native_unit_of_measurement=UnitOfTemperature.CELSIUS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        item_type=ThermoProbe,
        value_fn=lambda probe: probe.temperature,
    ),
    # The knob on a zone's probe: an offset to the set point, off or protection.
    MyHomeSensorDescription[ThermoZone](
        key="local_offset",
        translation_key="local_offset",
        device_class=SensorDeviceClass.ENUM,
        options=list(LOCAL_OFFSETS.values()),
        entity_category=EntityCategory.DIAGNOSTIC,
        item_type=ThermoZone,
        has_fn=lambda zone, settings: zone.local_offset is not None,
        value_fn=lambda zone: (
            None if zone.local_offset is None else LOCAL_OFFSETS[zone.local_offset]
        ),
    ),
)

UPTIME = SensorEntityDescription(
    key="uptime",
    translation_key="uptime",
    device_class=SensorDeviceClass.TIMESTAMP,
    entity_category=EntityCategory.DIAGNOSTIC,
)
# The start time moves by a second or two between reads (the uptime has
# whole seconds, the read takes time): only a larger move is a restart.
START_TIME_TOLERANCE = timedelta(minutes=1)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the meters', probes' and knobs' sensors, and the gateway's uptime."""
    coordinator = entry.runtime_data
    async_add_entities([UptimeSensor(coordinator, coordinator.gateway.info, UPTIME)])
    async_setup_item_entities(entry, async_add_entities, SENSORS, MyHomeSensor)


class MyHomeSensor(GatewayItemEntity, SensorEntity):
    """One value of an item: a meter's power or energy, a probe, a knob."""

    entity_description: MyHomeSensorDescription[Item]

    @property
    @override
    def native_value(self) -> StateType:
        """The item's latest value."""
        return self.entity_description.value_fn(self.item)


class UptimeSensor(GatewayEntity, SensorEntity):
    """When the gateway started, from the uptime it reports (at every resync).

    A start time stays right between reads, where an uptime in seconds would
    go stale.
    """

    item: GatewayInfo

    def __init__(
        self,
        coordinator: GatewayCoordinator,
        info: GatewayInfo,
        description: SensorEntityDescription,
    ) -> None:
        """Show the gateway's start time on the hub device."""
        super().__init__(coordinator, info, description)
        self._started: datetime | None = None
        self._update_start_time()

    def _update_start_time(self) -> None:
        uptime = self.item.uptime
        if uptime is None:
            return
        started = dt_util.utcnow().replace(microsecond=0) - uptime
        if self._started is None or abs(started - self._started) > START_TIME_TOLERANCE:
            self._started = started

    @override
    def _handle_item_event(self, item: Item, event: ItemEvent) -> None:
        self._update_start_time()
        super()._handle_item_event(item, event)

    @property
    @override
    def native_value(self) -> datetime | None:
        """The moment the gateway started."""
        return self._started
