"""Options for an owserver entry (poll and scan intervals, conversion, alarms)."""

from typing import Any

from homeassistant.config_entries import ConfigFlowResult, OptionsFlowWithReload


class OwserverOptionsFlow(OptionsFlowWithReload):
    """Tune how an owserver entry polls its buses."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the options form."""
        return self.async_create_entry(data=dict(self.config_entry.options))
