"""Config flow steps for an owserver (the 1-Wire branch of the menu)."""

from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_HOST, CONF_PORT
import voluptuous as vol

from ..const import CONF_KIND, DEFAULT_OWSERVER_PORT, EntryKind
from ..owfs import OwfsError, check_server


def owserver_schema(host: str = "", port: int = DEFAULT_OWSERVER_PORT) -> vol.Schema:
    """Build the host/port form, pre-filled with the given values."""
    return vol.Schema(
        {
            vol.Required(CONF_HOST, default=host): str,
            vol.Required(CONF_PORT, default=port): vol.All(
                vol.Coerce(int), vol.Range(min=1, max=65535)
            ),
        }
    )


class OwserverFlowMixin(ConfigFlow):
    """Steps that add an owserver: ask the address, prove it answers a NOP."""

    async def async_step_owserver(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the owserver's host and port."""
        errors: dict[str, str] = {}
        if user_input is not None:
            host: str = user_input[CONF_HOST]
            port: int = user_input[CONF_PORT]
            self._async_abort_entries_match({CONF_HOST: host, CONF_PORT: port})
            try:
                await check_server(host, port)
            except OwfsError:
                errors["base"] = "cannot_connect"
            else:
                return self.async_create_entry(
                    title=f"owserver {host}:{port}",
                    data={
                        CONF_KIND: EntryKind.OWSERVER,
                        CONF_HOST: host,
                        CONF_PORT: port,
                    },
                )
        return self.async_show_form(
            step_id="owserver",
            data_schema=self.add_suggested_values_to_schema(
                owserver_schema(), user_input
            ),
            errors=errors,
        )
