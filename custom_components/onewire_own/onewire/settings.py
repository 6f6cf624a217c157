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
    CONF_DEVICE_OPTIONS,
    CONF_INVERTED,
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
    INPUT_ATTRIBUTE_BASE,
    MAX_CONNECTIONS,
    MAX_DEVICE_POLL_INTERVAL,
    MIN_CONNECTIONS,
    MIN_DEVICE_POLL_INTERVAL,
    PRECISION_CHOICES,
)


def _interval(options: Mapping[str, Any], key: str, default: timedelta) -> timedelta:
    seconds = options.get(key)
    return default if seconds is None else timedelta(seconds=float(seconds))


def _device_poll_intervals(options: Mapping[str, Any]) -> dict[str, timedelta]:
    intervals: dict[str, timedelta] = {}
    for device_id, device in dict(options.get(CONF_DEVICE_OPTIONS, {})).items():
        seconds = dict(device).get(CONF_POLL_INTERVAL)
        if seconds is not None:
            bounded = max(
                MIN_DEVICE_POLL_INTERVAL, min(MAX_DEVICE_POLL_INTERVAL, float(seconds))
            )
            intervals[device_id] = timedelta(seconds=bounded)
    return intervals


def _inverted(options: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(
        device_id
        for device_id, device in dict(options.get(CONF_DEVICE_OPTIONS, {})).items()
        if dict(device).get(CONF_INVERTED)
    )


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
    # 1-Wire id -> its own poll interval; others are polled every poll_interval.
    device_poll_intervals: Mapping[str, timedelta] = field(default_factory=dict)
    # 1-Wire ids whose sensed inputs are wired active-low (shown inverted).
    inverted: frozenset[str] = frozenset()

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
            device_poll_intervals=_device_poll_intervals(options),
            inverted=_inverted(options),
        )

    @property
    def poll_tick(self) -> timedelta:
        """How often the coordinator wakes up: the shortest of all poll intervals."""
        return min([self.poll_interval, *self.device_poll_intervals.values()])

    def poll_interval_of(self, device_id: str) -> timedelta:
        """How often one device is polled."""
        return self.device_poll_intervals.get(device_id, self.poll_interval)

    def shows_inverted(self, device_id: str, attribute: str) -> bool:
        """Whether this attribute of the device is an input shown inverted."""
        return device_id in self.inverted and (
            attribute.split(".")[0] == INPUT_ATTRIBUTE_BASE
        )

    def temperature_attribute(self, device_id: str) -> str:
        """The attribute that reads this sensor's temperature at its chosen resolution."""
        bits = self.precision.get(device_id)
        return (
            "temperature"
            if bits is None or not bits.isdigit()
            else f"temperature{bits}"
        )
