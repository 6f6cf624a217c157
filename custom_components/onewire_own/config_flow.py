"""Config flow for onewire_own: a menu, then the owserver or the gateway branch."""

from typing import Any

from homeassistant.config_entries import ConfigFlowResult

from .const import DOMAIN
from .myhome.config_flow import GatewayFlowMixin
from .onewire.config_flow import OwserverFlowMixin


class OneWireOwnConfigFlow(OwserverFlowMixin, GatewayFlowMixin, domain=DOMAIN):
    """Add a 1-Wire owserver or a MyHOME gateway."""

    VERSION = 1

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Let the user choose what to add."""
        return self.async_show_menu(
            step_id="user", menu_options=["owserver", "openwebnet"]
        )
