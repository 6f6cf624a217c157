"""The owserver's own counters shown as diagnostic sensors of its hub device.

Disabled by default: they matter when a bus misbehaves. Each is a total since
owserver started (it starts again from 0 when owserver restarts).
"""

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.sensor import SensorEntityDescription, SensorStateClass
from homeassistant.const import EntityCategory

from ...owfs import ServerStatistics


@dataclass(frozen=True, kw_only=True)
class OwStatisticsDescription(SensorEntityDescription):
    """One counter of owserver's ``/statistics`` (or of its bus masters)."""

    value_fn: Callable[[ServerStatistics], int]
    entity_category: EntityCategory | None = EntityCategory.DIAGNOSTIC
    entity_registry_enabled_default: bool = False
    state_class: SensorStateClass | None = SensorStateClass.TOTAL_INCREASING


STATISTICS_SENSORS: tuple[OwStatisticsDescription, ...] = (
    OwStatisticsDescription(
        key="bus_errors",
        translation_key="bus_errors",
        value_fn=lambda statistics: statistics.bus_errors,
    ),
    OwStatisticsDescription(
        key="crc_errors",
        translation_key="crc_errors",
        value_fn=lambda statistics: statistics.crc_errors,
    ),
    OwStatisticsDescription(
        key="read_retries",
        translation_key="read_retries",
        value_fn=lambda statistics: statistics.read_retries,
    ),
    OwStatisticsDescription(
        key="write_retries",
        translation_key="write_retries",
        value_fn=lambda statistics: statistics.write_retries,
    ),
    OwStatisticsDescription(
        key="bus_timeouts",
        translation_key="bus_timeouts",
        value_fn=lambda statistics: statistics.bus_timeouts,
    ),
)
