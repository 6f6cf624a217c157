"""Constants of the 1-Wire half: option keys, defaults, manufacturers."""

from datetime import timedelta
from typing import Final

CONF_POLL_INTERVAL: Final = "poll_interval"
CONF_SCAN_INTERVAL: Final = "scan_interval"
CONF_SIMULTANEOUS: Final = "simultaneous"
CONF_ALARM_POLLING: Final = "alarm_polling"
CONF_ALARM_INTERVAL: Final = "alarm_interval"
CONF_PRECISION: Final = "precision"
# The options flow's pick of devices to configure one by one.
CONF_DEVICES: Final = "devices"
# 1-Wire id -> {"poll_interval": seconds, "inverted": True}: what differs
# from the entry-wide settings for one device.
CONF_DEVICE_OPTIONS: Final = "device_options"
CONF_INVERTED: Final = "inverted"
CONF_CONVERSION_TIME: Final = "conversion_time"
CONF_CONNECTIONS: Final = "connections"

DEFAULT_POLL_INTERVAL: Final = timedelta(seconds=30)
DEFAULT_SCAN_INTERVAL: Final = timedelta(minutes=5)
DEFAULT_SIMULTANEOUS: Final = True
DEFAULT_ALARM_POLLING: Final = False
DEFAULT_ALARM_INTERVAL: Final = timedelta(seconds=1)
# A DS18B20's worst case at 12 bits; sensors whose resolution the engine
# knows are waited for only as long as that resolution needs.
DEFAULT_CONVERSION_TIME: Final = timedelta(milliseconds=750)
# A device's own poll interval, in seconds.
MIN_DEVICE_POLL_INTERVAL: Final = 1
MAX_DEVICE_POLL_INTERVAL: Final = 86400
# Persistent connections kept to the owserver (each costs it a thread).
DEFAULT_CONNECTIONS: Final = 2
MIN_CONNECTIONS: Final = 2
MAX_CONNECTIONS: Final = 8

# The plain ``temperature`` attribute: the chip's own configured resolution.
PRECISION_DEFAULT: Final = "default"
PRECISION_CHOICES: Final = (PRECISION_DEFAULT, "9", "10", "11", "12")
# Families whose temperature can be read at a chosen resolution (temperature9..12).
PRECISION_FAMILIES: Final = frozenset({"22", "28", "3B", "42"})
# Families with sensed inputs (DS2405, DS2406, DS2408, DS2413), which may be
# wired active-low: their "inverted" option flips what the inputs show.
INPUT_FAMILIES: Final = frozenset({"05", "12", "29", "3A"})
INPUT_ATTRIBUTE_BASE: Final = "sensed"

MANUFACTURER_MAXIM: Final = "Maxim Integrated"
MANUFACTURER_HOBBYBOARDS: Final = "Hobby Boards"
MANUFACTURER_EDS: Final = "Embedded Data Systems"
MANUFACTURER_BY_FAMILY: Final = {"7E": MANUFACTURER_EDS, "EF": MANUFACTURER_HOBBYBOARDS}
OWFS_MANUFACTURER: Final = "OWFS"
