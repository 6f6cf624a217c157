"""Select platform: 1-Wire temperature resolution (owserver entries only)."""

from .onewire import select as onewire_select
from .platform_dispatch import setup_by_entry_kind

# Home Assistant reads this from the platform module: reads and writes are
# already queued and paced by the owserver pool and the gateway's sessions.
PARALLEL_UPDATES = 0

async_setup_entry = setup_by_entry_kind(owserver=onewire_select.async_setup_entry)
