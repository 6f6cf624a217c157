"""MyHOME sensors: energy meters (WHO 18) and the gateway's uptime (WHO 13)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import override

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory, UnitOfEnergy, UnitOfPower
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.util import dt as dt_util

from ..openwebnet.items.base import Item, ItemEvent
from ..openwebnet.items.energy import EnergyMeter
from ..openwebnet.items.gateway_info import GatewayInfo
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .entity import GatewayEntity, GatewayItemEntity
from .platform import ItemEntityDescription, async_setup_item_entities


@dataclass(frozen=True, kw_only=True)
class MeterSensorDescription(
    SensorEntityDescription, ItemEntityDescription[EnergyMeter]
):
    """A value of an energy meter (its power is pushed: the coordinator keeps it flowing)."""

    value_fn: Callable[[EnergyMeter], StateType]


def _kwh(watt_hours: int | None) -> float | None:
    return None if watt_hours is None else watt_hours / 1000


METER_SENSORS: tuple[MeterSensorDescription, ...] = (
    MeterSensorDescription(
        key="power",
        device_class=SensorDeviceClass.POWER,
        native_unit_of_measurement=UnitOfPower.WATT,
        state_class=SensorStateClass.MEASUREMENT,
        item_type=EnergyMeter,
        value_fn=lambda meter: meter.power,
    ),
    MeterSensorDescription(
        key="energy",
        device_class=SensorDeviceClass.ENERGY,
        native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
        state_class=SensorStateClass.TOTAL_INCREASING,
        suggested_display_precision=3,
        item_type=EnergyMeter,
        value_fn=lambda meter: _kwh(meter.energy_total),
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
    """Add the meters' sensors, and the gateway's uptime."""
    coordinator = entry.runtime_data
    async_add_entities([UptimeSensor(coordinator, coordinator.gateway.info, UPTIME)])
    async_setup_item_entities(entry, async_add_entities, METER_SENSORS, MeterSensor)


class MeterSensor(GatewayItemEntity, SensorEntity):
    """Active power (pushed while enabled) or total energy of a meter."""

    entity_description: MeterSensorDescription
    item: EnergyMeter

    @property
    @override
    def native_value(self) -> StateType:
        """The meter's latest value."""
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
