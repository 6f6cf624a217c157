"""The one error path of MyHOME commands: gateway errors as errors users can read.

Every command (an entity's, an action's) is an item method or a gateway
request; the protocol layer turns a NACK into ``OpenWebNetCommandError`` in
one place (``Item._request``). Here, and only here, those errors become Home
Assistant errors, with translated messages whose placeholders carry data
(the refused frame, the gateway's address), never English text.

The entity's state is not changed by a command: the gateway echoes every
command it carried out on the event session, and the echo updates the item.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from ..const import DOMAIN
from ..openwebnet import (
    AlarmNotControllableError,
    OpenWebNetCommandError,
    OpenWebNetError,
    PositionUnknownError,
)
from .coordinator import GatewayCoordinator

# One message per action, so no untranslated action name lands in a sentence.
ALARM_ACTION_NOT_PROGRAMMED: Final = {
    "arm_away": "alarm_arm_away_not_programmed",
    "arm_home": "alarm_arm_home_not_programmed",
    "disarm": "alarm_disarm_not_programmed",
}


@contextmanager
def gateway_errors(coordinator: GatewayCoordinator) -> Iterator[None]:
    """Raise what goes wrong inside as a translated Home Assistant error."""
    try:
        yield
    except OpenWebNetCommandError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="command_refused",
            translation_placeholders={"frame": err.frame},
        ) from err
    except PositionUnknownError as err:
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="position_unknown"
        ) from err
    except AlarmNotControllableError as err:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key=ALARM_ACTION_NOT_PROGRAMMED[err.action],
        ) from err
    except OpenWebNetError as err:
        data = coordinator.config_entry.data
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="command_not_delivered",
            translation_placeholders={
                "host": data[CONF_HOST],
                "port": str(data[CONF_PORT]),
            },
        ) from err
