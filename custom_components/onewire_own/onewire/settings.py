"""The options of an owserver entry, read once into a typed, defaulted object."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Self

from .const import (
    CONF_ALARM_INTERVAL,
    CONF_ALARM_POLLING,
    CONF_CONNECTIONS,
    CONF_CONVERSION_TIME,
    CONF_POLL_INTERVAL,
    CONF_PRECISION,
    CONF_SCAN_INTERVAL,
    CONF_SIMULTANEOUS,
    DEFAULT_ALARM_INTERVAL,
    DEFAULT_ALARM_POLLING,
    DEFAULT_CONNECTIONS,
    DEFAULT_CONVERSION_TIME,
    DEFAULT_POLL_INTERVAL,
    DEFAULT_SCAN_INTERVAL,
    DEFAULT_SIMULTANEOUS,
    MAX_CONNECTIONS,
    MIN_CONNECTIONS,
    PRECISION_CHOICES,
)


def _interval(options: Mapping[str, Any], key: str, default: timedelta) -> timedelta:
    seconds = options.get(key)
    return default if seconds is None else timedelta(seconds=float(seconds))


def _connections(options: Mapping[str, Any]) -> int:
    wanted = int(options.get(CONF_CONNECTIONS, DEFAULT_CONNECTIONS))
    return max(MIN_CONNECTIONS, min(MAX_CONNECTIONS, wanted))


@dataclass(frozen=True, slots=True, kw_only=True)
class OwserverSettings:
    """How an owserver entry polls: what the options flow lets a user change."""

    poll_interval: timedelta = DEFAULT_POLL_INTERVAL
    scan_interval: timedelta = DEFAULT_SCAN_INTERVAL
    simultaneous: bool = DEFAULT_SIMULTANEOUS
    alarm_polling: bool = DEFAULT_ALARM_POLLING
    alarm_interval: timedelta = DEFAULT_ALARM_INTERVAL
    # The wait after a simultaneous conversion, for sensors of unknown resolution.
    conversion_time: timedelta = DEFAULT_CONVERSION_TIME
    # Persistent connections to the owserver (MIN_CONNECTIONS..MAX_CONNECTIONS).
    connections: int = DEFAULT_CONNECTIONS
    # 1-Wire id -> "9".."12"; a sensor not listed is read at its own resolution.
    precision: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> Self:
        """Read the entry's options, falling back to defaults for missing keys."""
        return cls(
            poll_interval=_interval(options, CONF_POLL_INTERVAL, DEFAULT_POLL_INTERVAL),
            scan_interval=_interval(options, CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL),
            simultaneous=bool(options.get(CONF_SIMULTANEOUS, DEFAULT_SIMULTANEOUS)),
            alarm_polling=bool(options.get(CONF_ALARM_POLLING, DEFAULT_ALARM_POLLING)),
            alarm_interval=_interval(
                options, CONF_ALARM_INTERVAL, DEFAULT_ALARM_INTERVAL
            ),
            conversion_time=timedelta(
                milliseconds=float(
                    options.get(
                        CONF_CONVERSION_TIME,
                        DEFAULT_CONVERSION_TIME.total_seconds() * 1000,
                    )
                )
            ),
            connections=_connections(options),
            precision={
                device_id: bits
                for device_id, bits in options.get(CONF_PRECISION, {}).items()
                if bits in PRECISION_CHOICES
            },
        )

    def temperature_attribute(self, device_id: str) -> str:
        """The attribute that reads this sensor's temperature at its chosen resolution."""
        bits = self.precision.get(device_id)
        return (
            "temperature"
            if bits is None or not bits.isdigit()
            else f"temperature{bits}"
        )
