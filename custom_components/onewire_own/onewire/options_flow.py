"""Options for an owserver entry: intervals, conversion, connections, alarms, precision.

The first step holds the entry-wide settings and lets the user pick the
temperature sensors whose resolution to set; one small step per picked sensor
follows. Options are saved with ``OptionsFlowWithReload``, so the coordinator
always starts from a consistent set.
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
    CONF_POLL_INTERVAL,
    CONF_PRECISION,
    CONF_PRECISION_DEVICES,
    CONF_SCAN_INTERVAL,
    CONF_SIMULTANEOUS,
    MAX_CONNECTIONS,
    MIN_CONNECTIONS,
    PRECISION_CHOICES,
    PRECISION_DEFAULT,
    PRECISION_FAMILIES,
)
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

    def _temperature_devices(self) -> dict[str, str]:
        """1-Wire ids (and names) of this entry's sensors that have a resolution."""
        registry = dr.async_get(self.hass)
        devices: dict[str, str] = {}
        for device in dr.async_entries_for_config_entry(
            registry, self.config_entry.entry_id
        ):
            for domain, identifier in device.identifiers:
                if domain == DOMAIN and identifier[:2] in PRECISION_FAMILIES:
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
        """Entry-wide settings, and which sensors' resolution to set."""
        devices = self._temperature_devices()
        if user_input is not None:
            self._devices_to_configure = list(
                user_input.pop(CONF_PRECISION_DEVICES, [])
            )
            self._options = {
                **user_input,
                CONF_PRECISION: {
                    device_id: bits
                    for device_id, bits in self.config_entry.options.get(
                        CONF_PRECISION, {}
                    ).items()
                    if device_id in devices
                },
            }
            return await self.async_step_device_precision()

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
            fields[vol.Optional(CONF_PRECISION_DEVICES, default=[])] = SelectSelector(
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

    async def async_step_device_precision(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask the resolution of each picked sensor in turn, then save."""
        precisions: dict[str, str] = self._options[CONF_PRECISION]
        if user_input is not None:
            device_id = self._devices_to_configure.pop(0)
            if user_input[CONF_PRECISION] == PRECISION_DEFAULT:
                precisions.pop(device_id, None)
            else:
                precisions[device_id] = user_input[CONF_PRECISION]
        if not self._devices_to_configure:
            return self.async_create_entry(data=self._options)

        device_id = self._devices_to_configure[0]
        return self.async_show_form(
            step_id="device_precision",
            data_schema=vol.Schema(
                {
                    vol.Required(
                        CONF_PRECISION,
                        default=precisions.get(device_id, PRECISION_DEFAULT),
                    ): SelectSelector(
                        SelectSelectorConfig(
                            options=list(PRECISION_CHOICES),
                            translation_key=CONF_PRECISION,
                            mode=SelectSelectorMode.LIST,
                        )
                    )
                }
            ),
            description_placeholders={"device_id": device_id},
        )
