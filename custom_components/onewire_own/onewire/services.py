"""Actions of the 1-Wire half: onewire_own.scan, onewire_own.read, onewire_own.write."""

from homeassistant.core import HomeAssistant, callback


@callback
def async_setup_onewire_services(hass: HomeAssistant) -> None:
    """Register the 1-Wire actions (once, from async_setup)."""
