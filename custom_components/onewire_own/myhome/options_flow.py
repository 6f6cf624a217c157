"""Options for a gateway entry: how to talk to the gateway, and per-item choices.

Step ids carry a ``gateway_`` prefix because the options of both kinds of
entry share one ``options`` section of strings.json. Item choices live under
``options["items"][item_key]`` (``item_key`` is ``"<who>-<where>"``); changing
any option reloads the entry (``OptionsFlowWithReload``).

The command sessions allowed are the gateway model's (``openwebnet.models``):
known from the model SSDP announced or its WHO 13 answer, as the running
gateway or the entry's data has them. Asking for more is refused with the
reason; with the model unknown, up to four may be asked.
"""

from typing import Any

from homeassistant.config_entries import ConfigFlowResult, OptionsFlowWithReload
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)
import voluptuous as vol

from ..openwebnet.command_pool import MAX_SESSIONS
from ..openwebnet.items.automation import Shutter
from ..openwebnet.items.base import Item
from ..openwebnet.items.lighting import Light
from ..openwebnet.models import SessionLimits, session_limits
from .const import (
    CONF_COMMAND_SESSIONS,
    CONF_DISCOVERY,
    CONF_ITEM_AS,
    CONF_ITEM_NAME,
    CONF_ITEMS,
    CONF_KEEPALIVE,
    CONF_MODEL,
    CONF_MODEL_ID,
    CONF_PACING,
    CONF_TRAVEL_TIME,
    DEFAULT_TRAVEL_TIME_S,
    PointKind,
)
from .items import is_device, item_key, item_label
from .settings import GatewaySettings


def _number(minimum: float, maximum: float, step: float, unit: str) -> NumberSelector:
    return NumberSelector(
        NumberSelectorConfig(
            min=minimum,
            max=maximum,
            step=step,
            unit_of_measurement=unit,
            mode=NumberSelectorMode.BOX,
        )
    )


def connection_schema(settings: GatewaySettings, limits: SessionLimits) -> vol.Schema:
    """The connection tuning form, pre-filled with the entry's settings.

    An entry saved before its model was known may ask for more command
    sessions than the model holds: the form offers the model's limit then.
    The pause defaults to the model's.
    """
    allowed = limits.command_sessions or MAX_SESSIONS
    pacing_ms = settings.pacing_ms
    if pacing_ms is None:
        pacing_ms = round(limits.pacing * 1000)
    return vol.Schema(
        {
            vol.Required(
                CONF_COMMAND_SESSIONS, default=min(settings.command_sessions, allowed)
            ): vol.All(_number(1, MAX_SESSIONS, 1, "sessions"), vol.Coerce(int)),
            vol.Required(CONF_PACING, default=pacing_ms): vol.All(
                _number(0, 1000, 10, "ms"), vol.Coerce(int)
            ),
            vol.Required(CONF_KEEPALIVE, default=settings.keepalive_s): vol.All(
                _number(10, 600, 5, "s"), vol.Coerce(int)
            ),
            vol.Required(CONF_DISCOVERY, default=settings.discovery_sweeps): bool,
        }
    )


def item_schema(item: Item, choices: dict[str, Any]) -> vol.Schema:
    """The per-item form: a name, plus what only this kind of item offers."""
    fields: dict[Any, Any] = {
        vol.Optional(
            CONF_ITEM_NAME,
            description={"suggested_value": choices.get(CONF_ITEM_NAME)},
        ): str
    }
    if isinstance(item, Light):
        fields[
            vol.Required(
                CONF_ITEM_AS, default=choices.get(CONF_ITEM_AS, PointKind.LIGHT)
            )
        ] = SelectSelector(
            SelectSelectorConfig(
                options=[kind.value for kind in PointKind],
                translation_key="point_kind",
                mode=SelectSelectorMode.LIST,
            )
        )
    if isinstance(item, Shutter) and not item.is_advanced:
        fields[
            vol.Required(
                CONF_TRAVEL_TIME,
                default=choices.get(CONF_TRAVEL_TIME, DEFAULT_TRAVEL_TIME_S),
            )
        ] = vol.All(_number(1, 300, 0.5, "s"), vol.Coerce(float))
    return vol.Schema(fields)


class GatewayOptionsFlow(OptionsFlowWithReload):
    """Tune how a gateway entry talks to its gateway and shows its items."""

    _item: Item

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Start at the gateway menu."""
        return await self.async_step_gateway()

    async def async_step_gateway(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer the connection settings, or the items when the entry is loaded."""
        menu = ["gateway_connection"]
        if self._known_items():
            menu.append("gateway_item")
        return self.async_show_menu(step_id="gateway", menu_options=menu)

    def _known_items(self) -> dict[str, Item]:
        """The items the loaded entry's coordinator knows, by key."""
        coordinator = getattr(self.config_entry, "runtime_data", None)
        if coordinator is None:
            return {}
        items: dict[str, Item] = coordinator.items
        return {key: item for key, item in items.items() if is_device(item)}

    def _save(self, **changes: Any) -> ConfigFlowResult:
        return self.async_create_entry(data={**self.config_entry.options, **changes})

    def _limits(self) -> SessionLimits:
        """What the gateway's model allows, as far as it is known."""
        coordinator = getattr(self.config_entry, "runtime_data", None)
        if coordinator is not None:
            limits: SessionLimits = coordinator.gateway.limits
            return limits
        data = self.config_entry.data
        return session_limits(data.get(CONF_MODEL), data.get(CONF_MODEL_ID))

    async def async_step_gateway_connection(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Command sessions (up to the model's limit), pacing, keep-alive, sweeps."""
        limits = self._limits()
        allowed = limits.command_sessions or MAX_SESSIONS
        errors: dict[str, str] = {}
        if user_input is not None:
            if user_input[CONF_COMMAND_SESSIONS] <= allowed:
                return self._save(**user_input)
            errors[CONF_COMMAND_SESSIONS] = "above_gateway_limit"
        settings = GatewaySettings.from_options(self.config_entry.options)
        return self.async_show_form(
            step_id="gateway_connection",
            data_schema=self.add_suggested_values_to_schema(
                connection_schema(settings, limits), user_input
            ),
            errors=errors,
            description_placeholders={
                "model": limits.label or self.config_entry.title,
                "limit": str(allowed),
            },
        )

    async def async_step_gateway_item(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Choose the item to name or to reconfigure."""
        items = self._known_items()
        if user_input is not None:
            self._item = items[user_input["item"]]
            return await self.async_step_gateway_item_options()
        options = [
            SelectOptionDict(value=key, label=item_label(item))
            for key, item in sorted(items.items())
        ]
        return self.async_show_form(
            step_id="gateway_item",
            data_schema=vol.Schema(
                {
                    vol.Required("item"): SelectSelector(
                        SelectSelectorConfig(
                            options=options, mode=SelectSelectorMode.DROPDOWN
                        )
                    )
                }
            ),
        )

    async def async_step_gateway_item_options(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Name the item; a point as light or switch; a shutter's travel time."""
        item = self._item
        all_choices: dict[str, dict[str, Any]] = dict(
            self.config_entry.options.get(CONF_ITEMS, {})
        )
        if user_input is not None:
            choices = {key: value for key, value in user_input.items() if value != ""}
            all_choices[item_key(item)] = choices
            return self._save(**{CONF_ITEMS: all_choices})
        return self.async_show_form(
            step_id="gateway_item_options",
            data_schema=item_schema(item, all_choices.get(item_key(item), {})),
            description_placeholders={"item": item_label(item)},
        )
