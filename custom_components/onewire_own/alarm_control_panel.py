"""Alarm control panel platform: the MyHOME burglar alarm (gateway entries only)."""

from .myhome import alarm_control_panel as myhome_alarm_control_panel
from .platform_dispatch import setup_by_entry_kind

# Home Assistant reads this from the platform module: reads and writes are
# already queued and paced by the owserver pool and the gateway's sessions.
PARALLEL_UPDATES = 0

async_setup_entry = setup_by_entry_kind(
    gateway=myhome_alarm_control_panel.async_setup_entry
)
