"""Select platform: 1-Wire temperature resolution (owserver entries), the MyHOME central unit's mode (gateway entries)."""

from .myhome import select as myhome_select
from .onewire import select as onewire_select
from .platform_dispatch import setup_by_entry_kind

# Home Assistant reads this from the platform module: reads and writes are
# already queued and paced by the owserver pool and the gateway's sessions.
PARALLEL_UPDATES = 0

async_setup_entry = setup_by_entry_kind(
    owserver=onewire_select.async_setup_entry, gateway=myhome_select.async_setup_entry
)
