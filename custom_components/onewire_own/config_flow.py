"""Config flow for onewire_own: a menu, then the owserver or the gateway branch.

Each branch's steps live in its half (``onewire/config_flow.py``,
``myhome/config_flow.py``) as mixins; this class only joins them.
"""

from typing import Any, override

from homeassistant.config_entries import ConfigEntry, ConfigFlowResult, OptionsFlow
from homeassistant.core import callback

from .const import CONF_KIND, DOMAIN, EntryKind
from .myhome.config_flow import GatewayFlowMixin
from .myhome.options_flow import GatewayOptionsFlow
from .onewire.config_flow import OwserverFlowMixin
from .onewire.options_flow import OwserverOptionsFlow


class OneWireOwnConfigFlow(OwserverFlowMixin, GatewayFlowMixin, domain=DOMAIN):
    """Add a 1-Wire owserver or a MyHOME gateway."""

    VERSION = 1
    # 2: MyHOME items are named in the device registry (see async_migrate_entry).
    MINOR_VERSION = 2

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Let the user choose what to add."""
        return self.async_show_menu(
            step_id="user", menu_options=["owserver", "openwebnet"]
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Each kind of entry has its own reconfigure step."""
        if self._get_reconfigure_entry().data[CONF_KIND] == EntryKind.OWSERVER:
            return await self.async_step_reconfigure_owserver()
        return await self.async_step_reconfigure_gateway()

    @override
    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> OptionsFlow:
        """Each kind of entry has its own options."""
        if config_entry.data[CONF_KIND] == EntryKind.OWSERVER:
            return OwserverOptionsFlow()
        return GatewayOptionsFlow()
