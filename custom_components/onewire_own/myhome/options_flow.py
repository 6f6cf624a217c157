"""Options for a gateway entry: how to talk to the gateway, and per-item choices.

Step ids carry a ``gateway_`` prefix because the options of both kinds of
entry share one ``options`` section of strings.json. Item choices live under
``options["items"][item_key]`` (``item_key`` is ``"<who>-<where>"``); changing
any option reloads the entry (``OptionsFlowWithReload``), and the coordinator
applies them to the items. Every label comes from the translations: items
are listed by their bus address, under a translated field name.

A light group's members are chosen here too (``options["items"]["1-#G"]``
holds them): the bus cannot tell which lights a group switches, and with
them known a group command heard on the bus switches its lights at once and
the group's light shows them.

The command sessions allowed are the gateway model's (``openwebnet.models``):
known from the model SSDP announced or its WHO 13 answer, as the running
gateway or the entry's data has them. Asking for more is refused with the
reason; with the model unknown, up to four may be asked.

The burglar alarm's choices (which auxiliary command the central unit is
programmed to arm and disarm on, and a code) are the alarm system's item
choices; the points whose pushbuttons may be locked (WHO 14) are a list of
WHEREs under ``options["actuator_locks"]``, picked from the known lights and
shutters or typed (the bus never names a point's lock).
"""

from collections.abc import Awaitable, Callable
from typing import Any, Final

from homeassistant.config_entries import ConfigFlowResult, OptionsFlowWithReload
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import voluptuous as vol

from ..openwebnet.command_pool import MAX_SESSIONS
from ..openwebnet.items.alarm import AlarmSystem
from ..openwebnet.items.automation import Shutter
from ..openwebnet.items.base import Item
from ..openwebnet.items.light_sets import LightSet
from ..openwebnet.items.lighting import Light
from ..openwebnet.models import SessionLimits, session_limits
from ..openwebnet.where import Where, WhereKind
from .const import (
    ALARM_ACTIONS,
    CONF_ACTUATOR_LOCKS,
    CONF_ALARM_CODE,
    CONF_BUS_EVENTS,
    CONF_COMMAND_SESSIONS,
    CONF_DISCOVERY,
    CONF_ITEM_AS,
    CONF_ITEMS,
    CONF_KEEPALIVE,
    CONF_MEMBERS,
    CONF_MODEL,
    CONF_MODEL_ID,
    CONF_PACING,
    CONF_TRAVEL_TIME,
    DEFAULT_TRAVEL_TIME_S,
    AuxCommandValue,
    PointKind,
)
from .items import address_key, item_key
from .settings import GatewaySettings

# The picker's field: the chosen item's key.
CONF_ITEM: Final = "item"
# Auxiliary channels a burglar-alarm central unit can act on.
AUX_CHANNELS: Final = (1, 9)
# The group picker's field: a group number, ``3`` (``3#4#01`` on a local bus).
CONF_GROUP: Final = "group"
MAX_GROUP: Final = 255


def _number(
    minimum: float,
    maximum: float,
    step: float,
    unit: str,
    translation_key: str | None = None,
) -> NumberSelector:
    """A number box; a unit that is a word (not a symbol) needs a translation_key.

    The frontend translates a unit only through
    ``selector.<translation_key>.unit_of_measurement.<unit>``.
    """
    config = NumberSelectorConfig(
        min=minimum,
        max=maximum,
        step=step,
        unit_of_measurement=unit,
        mode=NumberSelectorMode.BOX,
    )
    if translation_key is not None:
        config["translation_key"] = translation_key
    return NumberSelector(config)


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
            ): vol.All(
                _number(1, MAX_SESSIONS, 1, "sessions", "command_sessions"),
                vol.Coerce(int),
            ),
            vol.Required(CONF_PACING, default=pacing_ms): vol.All(
                _number(0, 1000, 10, "ms"), vol.Coerce(int)
            ),
            vol.Required(CONF_KEEPALIVE, default=settings.keepalive_s): vol.All(
                _number(10, 600, 5, "s"), vol.Coerce(int)
            ),
            vol.Required(CONF_DISCOVERY, default=settings.discovery_sweeps): bool,
            vol.Required(CONF_BUS_EVENTS, default=settings.bus_events): bool,
        }
    )


def point_schema(choices: dict[str, Any]) -> vol.Schema:
    """A lighting point's form: a light, a dimmable light, or a switch."""
    return vol.Schema(
        {
            vol.Required(
                CONF_ITEM_AS, default=choices.get(CONF_ITEM_AS, PointKind.LIGHT)
            ): SelectSelector(
                SelectSelectorConfig(
                    options=[kind.value for kind in PointKind],
                    translation_key="point_kind",
                    mode=SelectSelectorMode.LIST,
                )
            )
        }
    )


def shutter_schema(choices: dict[str, Any]) -> vol.Schema:
    """A basic shutter's form: its travel time."""
    return vol.Schema(
        {
            vol.Required(
                CONF_TRAVEL_TIME,
                default=choices.get(CONF_TRAVEL_TIME, DEFAULT_TRAVEL_TIME_S),
            ): vol.All(_number(1, 300, 0.5, "s"), vol.Coerce(float))
        }
    )


def alarm_schema(choices: dict[str, Any]) -> vol.Schema:
    """The burglar alarm's form: an aux channel and command per action, a code.

    A channel left empty means the central unit is not programmed for that
    action; the current choices are suggested, so clearing one removes it.
    """
    fields: dict[vol.Marker, Any] = {}
    for channel_option, command_option in ALARM_ACTIONS.values():
        fields[
            vol.Optional(
                channel_option,
                description={"suggested_value": choices.get(channel_option)},
            )
        ] = vol.All(_number(*AUX_CHANNELS, 1, ""), vol.Coerce(int))
        fields[
            vol.Required(
                command_option,
                default=choices.get(command_option, _default_command(command_option)),
            )
        ] = SelectSelector(
            SelectSelectorConfig(
                options=[value.value for value in AuxCommandValue],
                translation_key="aux_command",
                mode=SelectSelectorMode.LIST,
            )
        )
    fields[
        vol.Optional(
            CONF_ALARM_CODE,
            description={"suggested_value": choices.get(CONF_ALARM_CODE)},
        )
    ] = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
    return vol.Schema(fields)


def _default_command(command_option: str) -> AuxCommandValue:
    """Arming is the channel's on command and disarming its off, by default."""
    disarm_command = ALARM_ACTIONS["disarm"][1]
    return (
        AuxCommandValue.OFF if command_option == disarm_command else AuxCommandValue.ON
    )


def locks_schema(points: list[str], chosen: list[str]) -> vol.Schema:
    """The points whose pushbuttons may be locked: known ones, or typed."""
    options = sorted({*points, *chosen})
    return vol.Schema(
        {
            vol.Optional(CONF_ACTUATOR_LOCKS, default=chosen): SelectSelector(
                SelectSelectorConfig(
                    options=options,
                    multiple=True,
                    custom_value=True,
                    mode=SelectSelectorMode.DROPDOWN,
                )
            )
        }
    )


def is_point(where: str) -> bool:
    """A point-to-point WHERE (``12``, ``0015``): what WHO 14 locks one by one.

    WHO 14 documents no local-bus form (``#4#nn``), so none is offered.
    """
    parsed = Where.parse(where)
    return parsed.kind is WhereKind.POINT_TO_POINT and parsed.interface is None


def item_picker(items: dict[str, Item]) -> vol.Schema:
    """A list of items, each shown by its bus address (``12``, ``0015``)."""
    options = [
        SelectOptionDict(value=key, label=item.where)
        for key, item in sorted(items.items(), key=lambda pair: pair[1].where)
    ]
    return vol.Schema(
        {
            vol.Required(CONF_ITEM): SelectSelector(
                SelectSelectorConfig(options=options, mode=SelectSelectorMode.DROPDOWN)
            )
        }
    )


def group_picker(groups: list[str]) -> vol.Schema:
    """Known groups to pick from, or a number to type."""
    return vol.Schema(
        {
            vol.Required(CONF_GROUP): SelectSelector(
                SelectSelectorConfig(
                    options=groups, custom_value=True, mode=SelectSelectorMode.DROPDOWN
                )
            )
        }
    )


def members_schema(lights: list[str], members: list[str]) -> vol.Schema:
    """The lights of the group's bus, the group's members ticked."""
    return vol.Schema(
        {
            vol.Optional(CONF_MEMBERS, default=members): SelectSelector(
                SelectSelectorConfig(
                    options=lights, multiple=True, mode=SelectSelectorMode.LIST
                )
            )
        }
    )


def group_where(text: str) -> Where | None:
    """The WHERE of a group typed as ``3`` or ``3#4#01``; None if it is none."""
    where = Where.parse(f"#{text.strip()}")
    if where.kind is not WhereKind.GROUP or not 1 <= int(where.params[0]) <= MAX_GROUP:
        return None
    return where


def is_light_group(item: Item) -> bool:
    """A group of lights (not the whole bus or an area)."""
    return isinstance(item, LightSet) and item.kind is WhereKind.GROUP


def is_basic_shutter(item: Item) -> bool:
    """A shutter that only moves: its position is estimated from a travel time."""
    return isinstance(item, Shutter) and not item.is_advanced


class GatewayOptionsFlow(OptionsFlowWithReload):
    """Tune how a gateway entry talks to its gateway and shows its items.

    Items are named in the device registry, not here; what remains per item
    is what the bus cannot tell: whether a lighting point drives a lamp, a
    dimmer or something else, and how long a basic shutter travels.
    """

    _item: Item
    _group: Where

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Start at the gateway menu."""
        return await self.async_step_gateway()

    async def async_step_gateway(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer the connection settings, and the items once the entry is loaded."""
        menu = ["gateway_connection"]
        if self._known_items(Light):
            menu.append("gateway_light")
            menu.append("gateway_light_group")
        if self._known_items(Shutter, is_basic_shutter):
            menu.append("gateway_shutter")
        if self._known_items(AlarmSystem):
            menu.append("gateway_alarm")
        if self._known_items(Light) or self._known_items(Shutter):
            menu.append("gateway_locks")
        return self.async_show_menu(step_id="gateway", menu_options=menu)

    def _known_items(
        self, item_type: type[Item], wanted: Callable[[Item], bool] = bool
    ) -> dict[str, Item]:
        """The loaded entry's items of a type, by key (none when not loaded)."""
        coordinator = getattr(self.config_entry, "runtime_data", None)
        if coordinator is None:
            return {}
        items: dict[str, Item] = coordinator.items
        return {
            key: item
            for key, item in items.items()
            if isinstance(item, item_type) and wanted(item)
        }

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
        """Command sessions (to the model's limit), pacing, keep-alive, sweeps, events."""
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

    async def async_step_gateway_light(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Choose the lighting point to show as a light, a dimmer or a switch."""
        return await self._pick_item(
            "gateway_light",
            self._known_items(Light),
            self.async_step_gateway_light_options,
            user_input,
        )

    async def async_step_gateway_light_options(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """A light, a dimmable light, or a switch."""
        return self._item_options("gateway_light_options", point_schema, user_input)

    async def async_step_gateway_shutter(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Choose the basic shutter whose travel time to set."""
        return await self._pick_item(
            "gateway_shutter",
            self._known_items(Shutter, is_basic_shutter),
            self.async_step_gateway_shutter_options,
            user_input,
        )

    async def async_step_gateway_shutter_options(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The shutter's travel time."""
        return self._item_options("gateway_shutter_options", shutter_schema, user_input)

    async def async_step_gateway_alarm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Arming and disarming through the aux channels the alarm acts on."""
        self._item = next(iter(self._known_items(AlarmSystem).values()))
        return self._item_options("gateway_alarm", alarm_schema, user_input)

    async def async_step_gateway_locks(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The points whose local pushbuttons Home Assistant may lock."""
        chosen = list(self.config_entry.options.get(CONF_ACTUATOR_LOCKS, []))
        errors: dict[str, str] = {}
        if user_input is not None:
            picked = [where.strip() for where in user_input[CONF_ACTUATOR_LOCKS]]
            if all(is_point(where) for where in picked):
                return self._save(**{CONF_ACTUATOR_LOCKS: sorted(set(picked))})
            errors[CONF_ACTUATOR_LOCKS] = "not_a_point"
            chosen = picked
        points = [
            item.where
            for item in (
                *self._known_items(Light).values(),
                *self._known_items(Shutter).values(),
            )
            if is_point(item.where)
        ]
        return self.async_show_form(
            step_id="gateway_locks",
            data_schema=locks_schema(points, chosen),
            errors=errors,
        )

    async def async_step_gateway_light_group(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Choose the light group (1-255) whose members to set."""
        errors: dict[str, str] = {}
        if user_input is not None:
            where = group_where(str(user_input[CONF_GROUP]))
            if where is not None:
                self._group = where
                return await self.async_step_gateway_light_group_members()
            errors[CONF_GROUP] = "invalid_group"
        groups = {
            item.where for item in self._known_items(LightSet, is_light_group).values()
        } | set(GatewaySettings.from_options(self.config_entry.options).light_groups())
        return self.async_show_form(
            step_id="gateway_light_group",
            data_schema=group_picker(sorted(where[1:] for where in groups)),
            errors=errors,
        )

    async def async_step_gateway_light_group_members(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The lights the group switches (on the group's bus)."""
        key = address_key(Light.who, self._group.format())
        all_choices: dict[str, dict[str, Any]] = dict(
            self.config_entry.options.get(CONF_ITEMS, {})
        )
        if user_input is not None:
            if members := sorted(user_input.get(CONF_MEMBERS, [])):
                all_choices[key] = {CONF_MEMBERS: members}
            else:
                all_choices.pop(key, None)
            return self._save(**{CONF_ITEMS: all_choices})
        interface = self._group.interface
        lights = sorted(
            item.where
            for item in self._known_items(Light).values()
            if Where.parse(item.where).interface == interface
        )
        return self.async_show_form(
            step_id="gateway_light_group_members",
            data_schema=members_schema(
                lights, list(all_choices.get(key, {}).get(CONF_MEMBERS, []))
            ),
            description_placeholders={"group": self._group.format()[1:]},
        )

    async def _pick_item(
        self,
        step_id: str,
        items: dict[str, Item],
        next_step: Callable[[], Awaitable[ConfigFlowResult]],
        user_input: dict[str, Any] | None,
    ) -> ConfigFlowResult:
        """Show the items to choose from; go on with the chosen one."""
        if user_input is not None:
            self._item = items[user_input[CONF_ITEM]]
            return await next_step()
        return self.async_show_form(step_id=step_id, data_schema=item_picker(items))

    def _item_options(
        self,
        step_id: str,
        schema: Callable[[dict[str, Any]], vol.Schema],
        user_input: dict[str, Any] | None,
    ) -> ConfigFlowResult:
        """The chosen item's form; saving it replaces the item's choices."""
        key = item_key(self._item)
        all_choices: dict[str, dict[str, Any]] = dict(
            self.config_entry.options.get(CONF_ITEMS, {})
        )
        if user_input is not None:
            all_choices[key] = user_input
            return self._save(**{CONF_ITEMS: all_choices})
        return self.async_show_form(
            step_id=step_id,
            data_schema=schema(all_choices.get(key, {})),
            description_placeholders={"where": self._item.where},
        )
