"""Actions of the MyHOME half: send_message, sync_time, virtual_press.

Each names its gateway by config entry. ``send_message`` parses the frame
before anything is sent (a frame the parser rejects never reaches the bus)
and only sends requests: session and handshake frames would derail the
command session they went out on; it is an admin action, as a raw frame can
reach anything on the bus. ``virtual_press`` presses a CEN or CEN+
button as a person would (``CenButton.virtual_press``), so whatever the
installer attached to it runs.
"""

import re
from typing import Final

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv, service
from homeassistant.util import dt as dt_util
import voluptuous as vol

from ..const import CONF_KIND, DOMAIN, EntryKind
from ..openwebnet import (
    Command,
    DimensionRequest,
    DimensionWrite,
    FrameParseError,
    StatusRequest,
    parse_frame,
)
from ..openwebnet.items.buttons import MAX_BUTTON, CenButton, CenPlusButton
from .commands import gateway_errors
from .coordinator import GatewayConfigEntry, GatewayCoordinator

SERVICE_SEND_MESSAGE: Final = "send_message"
SERVICE_SYNC_TIME: Final = "sync_time"
SERVICE_VIRTUAL_PRESS: Final = "virtual_press"
ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"
ATTR_FRAME: Final = "frame"
ATTR_KIND: Final = "kind"
ATTR_ADDRESS: Final = "address"
ATTR_BUTTON: Final = "button"
ATTR_PRESS: Final = "press"
KIND_CEN: Final = "cen"
KIND_CEN_PLUS: Final = "cen_plus"
PRESS_SHORT: Final = "short"
PRESS_LONG: Final = "long"
#: A CEN control's WHERE (``21``, ``0215``, ``33#4#02``); a CEN+ object 0-2047.
CEN_ADDRESS: Final = re.compile(r"\d{1,4}(?:#4#\d{2})?", re.ASCII)
CEN_PLUS_OBJECT: Final = re.compile(r"\d{1,4}", re.ASCII)
MAX_CEN_PLUS_OBJECT: Final = 2047
REQUEST_FRAMES: Final = (Command, StatusRequest, DimensionRequest, DimensionWrite)

SEND_MESSAGE_SCHEMA: Final = vol.Schema(
    {vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string, vol.Required(ATTR_FRAME): cv.string}
)
SYNC_TIME_SCHEMA: Final = vol.Schema({vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string})
VIRTUAL_PRESS_SCHEMA: Final = vol.Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Required(ATTR_KIND): vol.In([KIND_CEN, KIND_CEN_PLUS]),
        vol.Required(ATTR_ADDRESS): cv.string,
        vol.Required(ATTR_BUTTON): vol.All(
            vol.Coerce(int), vol.Range(min=0, max=MAX_BUTTON)
        ),
        vol.Optional(ATTR_PRESS, default=PRESS_SHORT): vol.In(
            [PRESS_SHORT, PRESS_LONG]
        ),
    }
)


def _coordinator(hass: HomeAssistant, call: ServiceCall) -> GatewayCoordinator:
    """The loaded gateway entry the call names."""
    entry: GatewayConfigEntry = service.async_get_config_entry(
        hass, DOMAIN, call.data[ATTR_CONFIG_ENTRY_ID]
    )
    if entry.data[CONF_KIND] != EntryKind.OPENWEBNET:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="not_a_gateway",
            translation_placeholders={"entry": entry.title},
        )
    return entry.runtime_data


async def _async_send_message(call: ServiceCall) -> ServiceResponse:
    """Send one request frame; respond with every answer frame (ACK/NACK last)."""
    coordinator = _coordinator(call.hass, call)
    text: str = call.data[ATTR_FRAME].strip()
    try:
        frame = parse_frame(text)
    except FrameParseError as err:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_frame",
            translation_placeholders={"frame": text},
        ) from err
    if not isinstance(frame, REQUEST_FRAMES):
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_frame",
            translation_placeholders={"frame": text},
        )
    with gateway_errors(coordinator):  # a NACK is an answer here, not an error
        answers = await coordinator.gateway.send(frame)
    return {"frames": [answer.build() for answer in answers]}


async def _async_sync_time(call: ServiceCall) -> None:
    """Set the gateway's clock to Home Assistant's time and time zone."""
    coordinator = _coordinator(call.hass, call)
    with gateway_errors(coordinator):
        await coordinator.gateway.set_datetime(dt_util.now())


def _button_where(kind: str, address: str) -> tuple[int, str]:
    """The (WHO, WHERE) of a CEN control or a CEN+ object, or a translated error."""
    if kind == KIND_CEN and CEN_ADDRESS.fullmatch(address):
        return CenButton.who, address
    if (
        kind == KIND_CEN_PLUS
        and CEN_PLUS_OBJECT.fullmatch(address)
        and int(address) <= MAX_CEN_PLUS_OBJECT
    ):
        return CenPlusButton.who, f"2{int(address)}"
    raise ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key="invalid_button_address",
        translation_placeholders={"address": address},
    )


async def _async_virtual_press(call: ServiceCall) -> None:
    """Press a CEN/CEN+ button: the frames of a real short or long press."""
    coordinator = _coordinator(call.hass, call)
    who, where = _button_where(call.data[ATTR_KIND], call.data[ATTR_ADDRESS].strip())
    control = coordinator.gateway.get_item(who, where)
    assert isinstance(control, CenButton | CenPlusButton)
    with gateway_errors(coordinator):
        await control.virtual_press(
            call.data[ATTR_BUTTON], long=call.data[ATTR_PRESS] == PRESS_LONG
        )


@callback
def async_setup_myhome_services(hass: HomeAssistant) -> None:
    """Register the MyHOME actions (once, from async_setup)."""
    # Any frame to the bus (alarm, door entry included): admins only.
    service.async_register_admin_service(
        hass,
        DOMAIN,
        SERVICE_SEND_MESSAGE,
        _async_send_message,
        schema=SEND_MESSAGE_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    hass.services.async_register(
        DOMAIN, SERVICE_SYNC_TIME, _async_sync_time, schema=SYNC_TIME_SCHEMA
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_VIRTUAL_PRESS,
        _async_virtual_press,
        schema=VIRTUAL_PRESS_SCHEMA,
    )
