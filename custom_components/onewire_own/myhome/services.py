"""Actions of the MyHOME half: onewire_own.send_message, onewire_own.sync_time."""

from homeassistant.core import HomeAssistant, callback


@callback
def async_setup_myhome_services(hass: HomeAssistant) -> None:
    """Register the MyHOME actions (once, from async_setup)."""
