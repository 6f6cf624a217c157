"""Config flow steps for an owserver (the 1-Wire branch of the menu).

An owserver is identified by ``host:port`` (the entry's unique id): two entries
for the same server would poll the same buses twice. Every address typed or
discovered is proven by a NOP exchange before it is accepted.
"""

from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo
import voluptuous as vol

from ..const import CONF_KIND, DEFAULT_OWSERVER_PORT, EntryKind
from ..owfs import OwfsError, check_server


def owserver_schema() -> vol.Schema:
    """Build the host/port form (values are suggested, not defaults)."""
    return vol.Schema(
        {
            vol.Required(CONF_HOST): str,
            vol.Required(CONF_PORT, default=DEFAULT_OWSERVER_PORT): vol.All(
                vol.Coerce(int), vol.Range(min=1, max=65535)
            ),
        }
    )


def owserver_unique_id(host: str, port: int) -> str:
    """The unique id of the entry for the owserver at host:port."""
    return f"{host}:{port}"


def owserver_title(host: str, port: int) -> str:
    """The title an owserver entry is given."""
    return f"owserver {host}:{port}"


async def owserver_answers(host: str, port: int) -> bool:
    """Whether the owserver at host:port answers a NOP."""
    try:
        await check_server(host, port)
    except OwfsError:
        return False
    return True


class OwserverFlowMixin(ConfigFlow):
    """Steps that add, discover and reconfigure an owserver."""

    _discovered_host: str
    _discovered_port: int

    def _create_owserver_entry(self, host: str, port: int) -> ConfigFlowResult:
        return self.async_create_entry(
            title=owserver_title(host, port),
            data={CONF_KIND: EntryKind.OWSERVER, CONF_HOST: host, CONF_PORT: port},
        )

    async def async_step_owserver(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the owserver's host and port."""
        errors: dict[str, str] = {}
        if user_input is not None:
            host: str = user_input[CONF_HOST]
            port: int = user_input[CONF_PORT]
            await self.async_set_unique_id(owserver_unique_id(host, port))
            self._abort_if_unique_id_configured()
            if await owserver_answers(host, port):
                return self._create_owserver_entry(host, port)
            errors["base"] = "cannot_connect"
        return self.async_show_form(
            step_id="owserver",
            data_schema=self.add_suggested_values_to_schema(
                owserver_schema(), user_input
            ),
            errors=errors,
        )

    async def async_step_zeroconf(
        self, discovery_info: ZeroconfServiceInfo
    ) -> ConfigFlowResult:
        """An owserver announced itself as ``_owserver._tcp``: confirm before adding."""
        host = discovery_info.host
        port = discovery_info.port or DEFAULT_OWSERVER_PORT
        await self.async_set_unique_id(owserver_unique_id(host, port))
        self._abort_if_unique_id_configured()
        if not await owserver_answers(host, port):
            return self.async_abort(reason="cannot_connect")
        self._discovered_host = host
        self._discovered_port = port
        self.context["title_placeholders"] = {"host": host, "port": str(port)}
        return await self.async_step_zeroconf_confirm()

    async def async_step_zeroconf_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Let the user confirm a discovered owserver."""
        if user_input is not None:
            return self._create_owserver_entry(
                self._discovered_host, self._discovered_port
            )
        self._set_confirm_only()
        return self.async_show_form(
            step_id="zeroconf_confirm",
            description_placeholders={
                "host": self._discovered_host,
                "port": str(self._discovered_port),
            },
        )

    async def async_step_reconfigure_owserver(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Move an owserver entry to another address, keeping its devices."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            host: str = user_input[CONF_HOST]
            port: int = user_input[CONF_PORT]
            unique_id = owserver_unique_id(host, port)
            if unique_id != entry.unique_id:
                await self.async_set_unique_id(unique_id)
                self._abort_if_unique_id_configured()
            if await owserver_answers(host, port):
                return self.async_update_reload_and_abort(
                    entry,
                    unique_id=unique_id,
                    title=owserver_title(host, port),
                    data_updates={CONF_HOST: host, CONF_PORT: port},
                )
            errors["base"] = "cannot_connect"
        return self.async_show_form(
            step_id="reconfigure_owserver",
            data_schema=self.add_suggested_values_to_schema(
                owserver_schema(), user_input or entry.data
            ),
            description_placeholders={"name": entry.title},
            errors=errors,
        )
