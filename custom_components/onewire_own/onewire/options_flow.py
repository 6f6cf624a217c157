"""Options for an owserver entry: intervals, conversion, connections, alarms, devices.

The first step holds the entry-wide settings and lets the user pick devices
to configure one by one; one small step per picked device follows, with what
applies to it: its own poll interval (a cellar thermometer slow, a door
contact fast), the resolution of a thermometer, "inverted" for inputs wired
active-low. Options are saved with ``OptionsFlowWithReload``, so the
coordinator always starts from a consistent set.
"""

from typing import Any

from homeassistant.config_entries import ConfigFlowResult, OptionsFlowWithReload
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)
import voluptuous as vol

from ..const import DOMAIN
from .const import (
    CONF_ALARM_INTERVAL,
    CONF_ALARM_POLLING,
    CONF_CONNECTIONS,
    CONF_CONVERSION_TIME,
    CONF_DEVICE_OPTIONS,
    CONF_DEVICES,
    CONF_INVERTED,
    CONF_POLL_INTERVAL,
    CONF_PRECISION,
    CONF_SCAN_INTERVAL,
    CONF_SIMULTANEOUS,
    INPUT_FAMILIES,
    MAX_CONNECTIONS,
    MAX_DEVICE_POLL_INTERVAL,
    MIN_CONNECTIONS,
    MIN_DEVICE_POLL_INTERVAL,
    PRECISION_CHOICES,
    PRECISION_DEFAULT,
    PRECISION_FAMILIES,
)
from .devices import hub_identifier
from .settings import OwserverSettings


def _number(minimum: int, maximum: int, unit: str | None = None) -> NumberSelector:
    config = NumberSelectorConfig(
        min=minimum, max=maximum, step=1, mode=NumberSelectorMode.BOX
    )
    if unit is not None:
        config["unit_of_measurement"] = unit
    return NumberSelector(config)


def _seconds(minimum: int, maximum: int) -> NumberSelector:
    return _number(minimum, maximum, "s")


class OwserverOptionsFlow(OptionsFlowWithReload):
    """Tune how an owserver entry polls its buses."""

    def __init__(self) -> None:
        """Start with no answers."""
        self._options: dict[str, Any] = {}
        self._devices_to_configure: list[str] = []

    def _devices(self) -> dict[str, str]:
        """1-Wire ids (and names) of this entry's devices, the owserver left out."""
        registry = dr.async_get(self.hass)
        hub = hub_identifier(self.config_entry)
        devices: dict[str, str] = {}
        for device in dr.async_entries_for_config_entry(
            registry, self.config_entry.entry_id
        ):
            for domain, identifier in device.identifiers:
                if domain == DOMAIN and (domain, identifier) != hub:
                    devices[identifier] = (
                        device.name_by_user or device.name or identifier
                    )
        return dict(sorted(devices.items()))

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Start with the entry-wide settings (a step named after the kind of entry)."""
        return await self.async_step_owserver(user_input)

    async def async_step_owserver(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Entry-wide settings, and which devices to configure one by one."""
        devices = self._devices()
        if user_input is not None:
            self._devices_to_configure = list(user_input.pop(CONF_DEVICES, []))
            options = self.config_entry.options
            self._options = {
                **user_input,
                CONF_PRECISION: {
                    device_id: bits
                    for device_id, bits in options.get(CONF_PRECISION, {}).items()
                    if device_id in devices
                },
                CONF_DEVICE_OPTIONS: {
                    device_id: dict(device)
                    for device_id, device in options.get(
                        CONF_DEVICE_OPTIONS, {}
                    ).items()
                    if device_id in devices
                },
            }
            return await self.async_step_device_options()

        settings = OwserverSettings.from_options(self.config_entry.options)
        fields: dict[vol.Marker, Any] = {
            vol.Required(
                CONF_POLL_INTERVAL, default=settings.poll_interval.total_seconds()
            ): _seconds(1, 3600),
            vol.Required(
                CONF_SCAN_INTERVAL, default=settings.scan_interval.total_seconds()
            ): _seconds(10, 86400),
            vol.Required(
                CONF_SIMULTANEOUS, default=settings.simultaneous
            ): BooleanSelector(),
            vol.Required(
                CONF_CONVERSION_TIME,
                default=settings.conversion_time.total_seconds() * 1000,
            ): _number(50, 2000, "ms"),
            vol.Required(
                CONF_ALARM_POLLING, default=settings.alarm_polling
            ): BooleanSelector(),
            vol.Required(
                CONF_ALARM_INTERVAL, default=settings.alarm_interval.total_seconds()
            ): _seconds(1, 3600),
            vol.Required(CONF_CONNECTIONS, default=settings.connections): _number(
                MIN_CONNECTIONS, MAX_CONNECTIONS
            ),
        }
        if devices:
            fields[vol.Optional(CONF_DEVICES, default=[])] = SelectSelector(
                SelectSelectorConfig(
                    options=[
                        SelectOptionDict(value=device_id, label=name)
                        for device_id, name in devices.items()
                    ],
                    multiple=True,
                    mode=SelectSelectorMode.DROPDOWN,
                )
            )
        return self.async_show_form(step_id="owserver", data_schema=vol.Schema(fields))

    async def async_step_device_options(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask what applies to each picked device in turn, then save."""
        precisions: dict[str, str] = self._options[CONF_PRECISION]
        device_options: dict[str, dict[str, Any]] = self._options[CONF_DEVICE_OPTIONS]
        if user_input is not None:
            device_id = self._devices_to_configure.pop(0)
            precision = user_input.pop(CONF_PRECISION, PRECISION_DEFAULT)
            if precision == PRECISION_DEFAULT:
                precisions.pop(device_id, None)
            else:
                precisions[device_id] = precision
            chosen = {
                key: value
                for key, value in user_input.items()
                if value not in (None, False)
            }
            if chosen:
                device_options[device_id] = chosen
            else:
                device_options.pop(device_id, None)
        if not self._devices_to_configure:
            return self.async_create_entry(data=self._options)

        device_id = self._devices_to_configure[0]
        current = device_options.get(device_id, {})
        fields: dict[vol.Marker, Any] = {
            vol.Optional(
                CONF_POLL_INTERVAL,
                description={"suggested_value": current.get(CONF_POLL_INTERVAL)},
            ): _seconds(MIN_DEVICE_POLL_INTERVAL, MAX_DEVICE_POLL_INTERVAL),
        }
        if device_id[:2] in PRECISION_FAMILIES:
            fields[
                vol.Required(
                    CONF_PRECISION,
                    default=precisions.get(device_id, PRECISION_DEFAULT),
                )
            ] = SelectSelector(
                SelectSelectorConfig(
                    options=list(PRECISION_CHOICES),
                    translation_key=CONF_PRECISION,
                    mode=SelectSelectorMode.LIST,
                )
            )
        if device_id[:2] in INPUT_FAMILIES:
            fields[
                vol.Required(CONF_INVERTED, default=bool(current.get(CONF_INVERTED)))
            ] = BooleanSelector()
        return self.async_show_form(
            step_id="device_options",
            data_schema=vol.Schema(fields),
            description_placeholders={"device_id": device_id},
        )
