"""Sensor platform: 1-Wire values (owserver entries), MyHOME meters and gateway uptime (gateway entries)."""

from .myhome import sensor as myhome_sensor
from .onewire import sensor as onewire_sensor
from .platform_dispatch import setup_by_entry_kind

# Home Assistant reads this from the platform module: reads and writes are
# already queued and paced by the owserver pool and the gateway's sessions.
PARALLEL_UPDATES = 0

async_setup_entry = setup_by_entry_kind(
    owserver=onewire_sensor.async_setup_entry, gateway=myhome_sensor.async_setup_entry
)
