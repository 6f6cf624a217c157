"""Config flow steps for an OpenWebNet gateway (the MyHOME branch of the menu).

A gateway is accepted only once a command session to it opened with the given
password; the gateway's MAC address (WHO 13) is its unique id, so the same
gateway found again by SSDP or re-added by hand at a new address is recognised.
Re-added by hand it is only recognised: the flow aborts and leaves the entry
alone (moving an entry is what reconfigure is for); found by SSDP at a new
address, the entry follows it. A typed address that resolves to a configured
gateway's is recognised before any login (``same_gateway``): that entry holds
the gateway's few sessions, and a login beyond them would only wait.

Any text may come as a host: what cannot name a gateway is the form error
``invalid_host``, what does not answer ``cannot_connect``, never an exception.
The entry's data keeps the model SSDP announced and the WHO 13 model code,
which set the command sessions the options allow.
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_PORT
from homeassistant.helpers.service_info.ssdp import (
    ATTR_UPNP_FRIENDLY_NAME,
    ATTR_UPNP_MODEL_NAME,
    SsdpServiceInfo,
)
import voluptuous as vol

from ..const import CONF_KIND, DEFAULT_OPENWEBNET_PORT, EntryKind
from .const import CONF_MODEL, CONF_MODEL_ID
from .probe import GatewayIdentity, GatewayProbeError, probe_gateway
from .same_gateway import async_gateway_entry_at

PORT_VALIDATOR = vol.All(vol.Coerce(int), vol.Range(min=1, max=65535))


def gateway_schema() -> vol.Schema:
    """The manual form: address, port and an optional password."""
    return vol.Schema(
        {
            vol.Required(CONF_HOST): str,
            vol.Required(CONF_PORT, default=DEFAULT_OPENWEBNET_PORT): PORT_VALIDATOR,
            vol.Optional(CONF_PASSWORD): str,
        }
    )


def password_schema() -> vol.Schema:
    """A form with only the (optional) password."""
    return vol.Schema({vol.Optional(CONF_PASSWORD): str})


def entry_title(model: str | None, host: str) -> str:
    """Name an entry after the gateway's model and address."""
    return f"{model or 'MyHOME gateway'} ({host})"


class GatewayFlowMixin(ConfigFlow):
    """Steps that add, re-authenticate and reconfigure a MyHOME gateway."""

    _discovered_host: str
    _discovered_model: str

    async def _async_try_probe(
        self, host: str, port: int, password: str
    ) -> tuple[GatewayIdentity | None, dict[str, str]]:
        """Open a command session; return the identity or the form's errors."""
        try:
            return await probe_gateway(host, port, password), {}
        except GatewayProbeError as err:
            return None, {"base": err.reason}

    def _entry_data(
        self,
        identity: GatewayIdentity,
        host: str,
        port: int,
        password: str,
        model: str | None,
    ) -> dict[str, Any]:
        data: dict[str, Any] = {
            CONF_KIND: EntryKind.OPENWEBNET,
            CONF_HOST: host,
            CONF_PORT: port,
            CONF_PASSWORD: password,
        }
        if model is not None:
            data[CONF_MODEL] = model
        if identity.model_id is not None:
            data[CONF_MODEL_ID] = identity.model_id
        return data

    async def _async_create_gateway_entry(
        self,
        identity: GatewayIdentity,
        host: str,
        port: int,
        password: str,
        model: str | None = None,
    ) -> ConfigFlowResult:
        """Create the entry, unless this gateway is already one (then abort).

        ``model`` is the name SSDP announced; WHO 13 only gives a model
        number that several gateways share (F454 and MH202 both say 200).
        A discovered gateway at a new address moves its entry there; a
        gateway added by hand under another name leaves its entry as it is.
        """
        await self.async_set_unique_id(identity.unique_id(host, port))
        discovered = model is not None
        self._abort_if_unique_id_configured(
            updates=(
                {CONF_HOST: host, CONF_PORT: port, CONF_MODEL: model}
                if discovered
                else None
            ),
            reload_on_update=discovered,
        )
        return self.async_create_entry(
            title=entry_title(model or identity.model, host),
            data=self._entry_data(identity, host, port, password, model),
        )

    async def async_step_openwebnet(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the gateway's address and password, then prove they work."""
        errors: dict[str, str] = {}
        if user_input is not None:
            host: str = user_input[CONF_HOST].strip()
            port: int = user_input[CONF_PORT]
            password: str = user_input.get(CONF_PASSWORD, "")
            # Before logging in: the entry holds the gateway's sessions.
            if await async_gateway_entry_at(self.hass, host, port) is not None:
                return self.async_abort(reason="already_configured")
            identity, errors = await self._async_try_probe(host, port, password)
            if identity is not None:
                return await self._async_create_gateway_entry(
                    identity, host, port, password
                )
        return self.async_show_form(
            step_id="openwebnet",
            data_schema=self.add_suggested_values_to_schema(
                gateway_schema(), user_input
            ),
            errors=errors,
        )

    async def async_step_ssdp(
        self, discovery_info: SsdpServiceInfo
    ) -> ConfigFlowResult:
        """A gateway announced itself: confirm it with the user first."""
        try:
            host = urlparse(discovery_info.ssdp_location or "").hostname
        except ValueError:  # an announcement no gateway would make ("http://[")
            host = None
        if not host:
            return self.async_abort(reason="cannot_connect")
        self._discovered_host = host
        self._discovered_model = str(
            discovery_info.upnp.get(ATTR_UPNP_MODEL_NAME)
            or discovery_info.upnp.get(ATTR_UPNP_FRIENDLY_NAME)
            or "MyHOME"
        )
        # The MAC is learned only after connecting: until then an entry at the
        # same address (any port) or a flow for the same host is the same gateway.
        self._async_abort_entries_match({CONF_HOST: host})
        await self.async_set_unique_id(host)
        self._abort_if_unique_id_configured()
        # The card's title, as Home Assistant's reauth flows give it too.
        self.context["title_placeholders"] = {
            "name": entry_title(self._discovered_model, host)
        }
        return await self.async_step_ssdp_confirm()

    async def async_step_ssdp_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the discovered gateway's password (if it has one) and connect."""
        errors: dict[str, str] = {}
        host = self._discovered_host
        if user_input is not None:
            password: str = user_input.get(CONF_PASSWORD, "")
            identity, errors = await self._async_try_probe(
                host, DEFAULT_OPENWEBNET_PORT, password
            )
            if identity is not None:
                return await self._async_create_gateway_entry(
                    identity,
                    host,
                    DEFAULT_OPENWEBNET_PORT,
                    password,
                    model=self._discovered_model,
                )
        return self.async_show_form(
            step_id="ssdp_confirm",
            data_schema=password_schema(),
            description_placeholders={"model": self._discovered_model, "host": host},
            errors=errors,
        )

    async def async_step_reauth(
        self, entry_data: Mapping[str, Any]
    ) -> ConfigFlowResult:
        """The stored password stopped working: ask for the current one."""
        return await self.async_step_reauth_gateway()

    async def async_step_reauth_gateway(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Check the new password against the gateway, then reload the entry."""
        entry = self._get_reauth_entry()
        host: str = entry.data[CONF_HOST]
        port: int = entry.data[CONF_PORT]
        errors: dict[str, str] = {}
        if user_input is not None:
            password: str = user_input.get(CONF_PASSWORD, "")
            identity, errors = await self._async_try_probe(host, port, password)
            if identity is not None:
                # Our own reason: Home Assistant's default text is not
                # translated in every language this integration speaks.
                return self.async_update_reload_and_abort(
                    entry,
                    data_updates={CONF_PASSWORD: password},
                    reason="reauth_successful",
                )
        return self.async_show_form(
            step_id="reauth_gateway",
            data_schema=password_schema(),
            description_placeholders={"host": host},
            errors=errors,
        )

    async def async_step_reconfigure_gateway(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Move an entry to a new address or password; it must be the same gateway."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            host: str = user_input[CONF_HOST].strip()
            port: int = user_input[CONF_PORT]
            password: str = user_input.get(CONF_PASSWORD, "")
            if await async_gateway_entry_at(
                self.hass, host, port, besides=entry.entry_id
            ):
                return self.async_abort(reason="already_configured")
            identity, errors = await self._async_try_probe(host, port, password)
            if identity is not None:
                if identity.mac is not None:
                    await self.async_set_unique_id(identity.unique_id(host, port))
                    self._abort_if_unique_id_mismatch()
                updates: dict[str, Any] = {
                    CONF_HOST: host,
                    CONF_PORT: port,
                    CONF_PASSWORD: password,
                }
                if identity.model_id is not None:
                    updates[CONF_MODEL_ID] = identity.model_id
                return self.async_update_reload_and_abort(
                    entry, data_updates=updates, reason="reconfigure_successful"
                )
        suggested = user_input or {
            CONF_HOST: entry.data[CONF_HOST],
            CONF_PORT: entry.data[CONF_PORT],
        }
        return self.async_show_form(
            step_id="reconfigure_gateway",
            data_schema=self.add_suggested_values_to_schema(
                gateway_schema(), suggested
            ),
            errors=errors,
        )
