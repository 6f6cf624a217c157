"""Config flow steps for an owserver (the 1-Wire branch of the menu).

One owserver, one entry: two entries for one server would poll the same buses
twice. A server already configured is recognised whatever name or address
reaches it (``same_server``): by the addresses its host resolves to, then,
once it answers, by the 1-Wire devices it lists. A flow that finds one aborts
naming that entry and leaves it as it is; only discovery moves an entry whose
server now answers at the discovered address.

Every address typed or discovered is proven by a NOP exchange before it is
accepted; any host text gets a form error (``invalid_host``,
``unknown_host``, ``cannot_connect``), never an exception.
"""

from typing import Any

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigEntryState,
    ConfigFlow,
    ConfigFlowResult,
)
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo
import voluptuous as vol

from ..const import CONF_KIND, DEFAULT_OWSERVER_PORT, EntryKind
from ..owfs import (
    OwfsError,
    OwfsInvalidHostError,
    OwfsUnknownHostError,
    ServerIdentity,
    check_server,
    resolve_host,
)
from .coordinator import OwserverCoordinator
from .same_server import RESOLVE_TIMEOUT, async_same_owserver

CHECK_TIMEOUT = 5.0


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


def connect_error(err: OwfsError) -> str:
    """The form error that says why an address could not be used."""
    if isinstance(err, OwfsInvalidHostError):
        return "invalid_host"
    if isinstance(err, OwfsUnknownHostError):
        return "unknown_host"
    return "cannot_connect"


class OwserverFlowMixin(ConfigFlow):
    """Steps that add, discover and reconfigure an owserver."""

    _discovered_host: str
    _discovered_port: int

    def _create_owserver_entry(self, host: str, port: int) -> ConfigFlowResult:
        return self.async_create_entry(
            title=owserver_title(host, port),
            data={CONF_KIND: EntryKind.OWSERVER, CONF_HOST: host, CONF_PORT: port},
        )

    def _abort_already_configured(self, entry: ConfigEntry) -> ConfigFlowResult:
        return self.async_abort(
            reason="owserver_already_configured",
            description_placeholders={"title": entry.title},
        )

    async def _identify(
        self, host: str, port: int, errors: dict[str, str], besides: str | None
    ) -> ServerIdentity | ConfigEntry | None:
        """Prove host:port; the entry that already serves it, else its identity.

        None (with errors["base"] set) when nothing usable answers there.
        """
        try:
            addresses = await resolve_host(host, port, RESOLVE_TIMEOUT)
        except OwfsError as err:
            errors["base"] = connect_error(err)
            return None
        known = await async_same_owserver(
            self.hass, ServerIdentity(addresses, port, frozenset()), besides=besides
        )
        if known is not None:
            return known
        try:
            identity = await check_server(host, port, CHECK_TIMEOUT)
        except OwfsError as err:
            errors["base"] = connect_error(err)
            return None
        return await async_same_owserver(self.hass, identity, besides=besides) or (
            identity
        )

    async def async_step_owserver(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the owserver's host and port."""
        errors: dict[str, str] = {}
        if user_input is not None:
            host: str = user_input[CONF_HOST].strip()
            port: int = user_input[CONF_PORT]
            found = await self._identify(host, port, errors, besides=None)
            if isinstance(found, ConfigEntry):
                return self._abort_already_configured(found)
            if found is not None:
                await self.async_set_unique_id(owserver_unique_id(host, port))
                self._abort_if_unique_id_configured()
                return self._create_owserver_entry(host, port)
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
        """An owserver announced itself as ``_owserver._tcp``: confirm before adding.

        A server some entry already serves is not offered again; if that
        entry's server does not answer at its configured address, the entry
        moves to the announced one (the server got a new address).
        """
        host = discovery_info.host
        port = discovery_info.port or DEFAULT_OWSERVER_PORT
        await self.async_set_unique_id(owserver_unique_id(host, port))
        self._abort_if_unique_id_configured()
        errors: dict[str, str] = {}
        found = await self._identify(host, port, errors, besides=None)
        if isinstance(found, ConfigEntry):
            return self._moved_or_known(found, host, port)
        if found is None:
            return self.async_abort(reason="cannot_connect")
        self._discovered_host = host
        self._discovered_port = port
        # The card's title, as Home Assistant's reauth flows give it too.
        self.context["title_placeholders"] = {"name": owserver_title(host, port)}
        return await self.async_step_zeroconf_confirm()

    def _moved_or_known(
        self, entry: ConfigEntry, host: str, port: int
    ) -> ConfigFlowResult:
        coordinator: OwserverCoordinator | None = getattr(entry, "runtime_data", None)
        answering = (
            entry.state is ConfigEntryState.LOADED
            and coordinator is not None
            and coordinator.connected
        )
        if answering:
            return self.async_abort(reason="already_configured")
        old_title = owserver_title(entry.data[CONF_HOST], entry.data[CONF_PORT])
        return self.async_update_reload_and_abort(
            entry,
            unique_id=owserver_unique_id(host, port),
            title=owserver_title(host, port)
            if entry.title == old_title
            else entry.title,
            data_updates={CONF_HOST: host, CONF_PORT: port},
            reason="already_configured",
        )

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
            host: str = user_input[CONF_HOST].strip()
            port: int = user_input[CONF_PORT]
            found = await self._identify(host, port, errors, besides=entry.entry_id)
            if isinstance(found, ConfigEntry):
                return self._abort_already_configured(found)
            if found is not None:
                return self.async_update_reload_and_abort(
                    entry,
                    unique_id=owserver_unique_id(host, port),
                    title=owserver_title(host, port),
                    data_updates={CONF_HOST: host, CONF_PORT: port},
                    # Our own text: Home Assistant's is not in every language.
                    reason="reconfigure_successful",
                )
        return self.async_show_form(
            step_id="reconfigure_owserver",
            data_schema=self.add_suggested_values_to_schema(
                owserver_schema(), user_input or entry.data
            ),
            description_placeholders={"name": entry.title},
            errors=errors,
        )
