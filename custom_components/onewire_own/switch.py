"""Switch platform: 1-Wire outputs and latches, MyHOME points used as switches and WHO 9 aux."""

from .myhome import switch as myhome_switch
from .onewire import switch as onewire_switch
from .platform_dispatch import setup_by_entry_kind

# Home Assistant reads this from the platform module: reads and writes are
# already queued and paced by the owserver pool and the gateway's sessions.
PARALLEL_UPDATES = 0

async_setup_entry = setup_by_entry_kind(
    owserver=onewire_switch.async_setup_entry, gateway=myhome_switch.async_setup_entry
)
