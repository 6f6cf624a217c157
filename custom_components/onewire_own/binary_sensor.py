"""Binary sensor platform: 1-Wire inputs and presence, MyHOME dry contacts and motion."""

from .myhome import binary_sensor as myhome_binary_sensor
from .onewire import binary_sensor as onewire_binary_sensor
from .platform_dispatch import setup_by_entry_kind

# Home Assistant reads this from the platform module: reads and writes are
# already queued and paced by the owserver pool and the gateway's sessions.
PARALLEL_UPDATES = 0

async_setup_entry = setup_by_entry_kind(
    owserver=onewire_binary_sensor.async_setup_entry,
    gateway=myhome_binary_sensor.async_setup_entry,
)
