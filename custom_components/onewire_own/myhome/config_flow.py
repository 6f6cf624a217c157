"""Config flow steps for an OpenWebNet gateway (the MyHOME branch of the menu)."""

from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult


class GatewayFlowMixin(ConfigFlow):
    """Steps that add a MyHOME gateway."""

    async def async_step_openwebnet(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Add a gateway (the OpenWebNet client is not in this release yet)."""
        return self.async_abort(reason="openwebnet_not_supported")
