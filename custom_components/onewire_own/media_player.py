"""Media player platform: MyHOME sound zones and sources (gateway entries only)."""

from .myhome import media_player as myhome_media_player
from .platform_dispatch import setup_by_entry_kind

# Home Assistant reads this from the platform module: reads and writes are
# already queued and paced by the owserver pool and the gateway's sessions.
PARALLEL_UPDATES = 0

async_setup_entry = setup_by_entry_kind(gateway=myhome_media_player.async_setup_entry)
