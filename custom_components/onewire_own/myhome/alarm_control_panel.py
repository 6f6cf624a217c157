"""MyHOME burglar alarm (WHO 5): the central unit as an alarm control panel.

The state is what the central unit reports: *armed away* when engaged (the
bus cannot tell a home arming from an away one), *disarmed* when
disengaged, *triggered* while an alarm is going on (until the unit is
engaged, disengaged or ends a delay); unknown before its first report.

The unit takes no arm or disarm command from an OpenWebNet client. It acts
on the auxiliary commands the installer programmed it for, and the options
say which ones (``settings.alarm_arming``, given to the item by the
coordinator): the panel offers *arm away* and *arm home* only when they are
set, and disarming without its command is refused with a readable error.
When the options set a code, arming and disarming ask for it.
"""

from dataclasses import dataclass
import hmac
from typing import Final, override

from homeassistant.components.alarm_control_panel import (
    AlarmControlPanelEntity,
    AlarmControlPanelEntityDescription,
)
from homeassistant.components.alarm_control_panel.const import (
    AlarmControlPanelEntityFeature,
    AlarmControlPanelState,
    CodeFormat,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..const import DOMAIN
from ..openwebnet.items.alarm import AlarmSystem
from .coordinator import GatewayConfigEntry
from .entity import GatewayItemEntity
from .items import item_key
from .platform import ItemEntityDescription, async_setup_item_entities


@dataclass(frozen=True, kw_only=True)
class AlarmPanelDescription(
    AlarmControlPanelEntityDescription, ItemEntityDescription[AlarmSystem]
):
    """The central unit of a burglar alarm."""


ALARM_PANEL: Final = AlarmPanelDescription(
    key="alarm", name=None, item_type=AlarmSystem
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the alarm panel once the bus names the central unit."""
    async_setup_item_entities(entry, async_add_entities, (ALARM_PANEL,), MyHomeAlarm)


class MyHomeAlarm(GatewayItemEntity, AlarmControlPanelEntity):
    """The burglar alarm's central unit."""

    item: AlarmSystem
    _attr_code_arm_required = False

    @property
    @override
    def alarm_state(self) -> AlarmControlPanelState | None:
        """Triggered, armed away, disarmed, or unknown before the first report."""
        if self.item.triggered:
            return AlarmControlPanelState.TRIGGERED
        if self.item.armed is None:
            return None
        if self.item.armed:
            return AlarmControlPanelState.ARMED_AWAY
        return AlarmControlPanelState.DISARMED

    @property
    @override
    def supported_features(self) -> AlarmControlPanelEntityFeature:
        """Arm away / arm home when the options say which aux command does it."""
        arming = self.item.arming
        features = AlarmControlPanelEntityFeature(0)
        if arming.arm_away is not None:
            features |= AlarmControlPanelEntityFeature.ARM_AWAY
        if arming.arm_home is not None:
            features |= AlarmControlPanelEntityFeature.ARM_HOME
        return features

    @property
    def _code(self) -> str | None:
        return self.coordinator.settings.alarm_code(item_key(self.item))

    @property
    @override
    def code_format(self) -> CodeFormat | None:
        """A number or text code when the options set one."""
        code = self._code
        if code is None:
            return None
        return CodeFormat.NUMBER if code.isdigit() else CodeFormat.TEXT

    def _check_code(self, code: str | None) -> None:
        expected = self._code
        if expected is None:
            return
        if code is None or not hmac.compare_digest(code, expected):
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="alarm_code_invalid"
            )

    @override
    async def async_alarm_arm_away(self, code: str | None = None) -> None:
        """Send the aux command programmed to arm every zone."""
        self._check_code(code)
        await self._command(self.item.arm_away())

    @override
    async def async_alarm_arm_home(self, code: str | None = None) -> None:
        """Send the aux command programmed to arm some zones."""
        self._check_code(code)
        await self._command(self.item.arm_home())

    @override
    async def async_alarm_disarm(self, code: str | None = None) -> None:
        """Send the aux command programmed to disarm."""
        self._check_code(code)
        await self._command(self.item.disarm())
