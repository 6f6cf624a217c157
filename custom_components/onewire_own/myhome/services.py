"""Actions of the MyHOME half: onewire_own.send_message, onewire_own.sync_time.

Both name their gateway by config entry. ``send_message`` parses the frame
before anything is sent (a frame the parser rejects never reaches the bus)
and only sends requests: session and handshake frames would derail the
command session they went out on. It is an admin action: a raw frame can
reach anything on the bus.
"""

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
from .commands import gateway_errors
from .coordinator import GatewayConfigEntry, GatewayCoordinator

SERVICE_SEND_MESSAGE: Final = "send_message"
SERVICE_SYNC_TIME: Final = "sync_time"
ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"
ATTR_FRAME: Final = "frame"
REQUEST_FRAMES: Final = (Command, StatusRequest, DimensionRequest, DimensionWrite)

SEND_MESSAGE_SCHEMA: Final = vol.Schema(
    {vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string, vol.Required(ATTR_FRAME): cv.string}
)
SYNC_TIME_SCHEMA: Final = vol.Schema({vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string})


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
