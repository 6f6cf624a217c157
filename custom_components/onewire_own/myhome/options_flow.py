"""Options for a gateway entry (sessions, pacing, keep-alive, items)."""

from typing import Any

from homeassistant.config_entries import ConfigFlowResult, OptionsFlowWithReload


class GatewayOptionsFlow(OptionsFlowWithReload):
    """Tune how a gateway entry talks to its gateway."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the options form."""
        return self.async_create_entry(data=dict(self.config_entry.options))
