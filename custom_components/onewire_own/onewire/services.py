"""Actions of the 1-Wire half: onewire_own.scan, onewire_own.read, onewire_own.write.

``read`` and ``write`` take a raw owserver path: handy to reach an attribute no
entity shows (``/28.xxx/temphigh``, a HobbyBoards register...). Paths are
checked before anything is sent, and owserver's refusals come back as
translated errors.

``write`` can change anything a client of the owserver may change, so it is an
admin action; and even for an admin it refuses the paths that configure
owserver itself for every client (``/settings``, ``/system``, ``/statistics``,
``/structure``, ``/bus.N/interface``) unless the call says
``allow_owserver_settings: true``.

A path or value owserver refuses (it has no such path, the attribute is read
only, the value is not one it takes) is the caller's mistake: a
ServiceValidationError, which Home Assistant answers with HTTP 400. An
owserver that cannot be reached, or a bus that fails, stays a
HomeAssistantError.
"""

import re

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import config_validation as cv, service
import voluptuous as vol

from ..const import CONF_KIND, DOMAIN, EntryKind
from ..owfs import OwfsError, configures_owserver
from .coordinator import OwserverConfigEntry, OwserverCoordinator
from .errors import refuses_the_request

SERVICE_SCAN = "scan"
SERVICE_READ = "read"
SERVICE_WRITE = "write"
ATTR_CONFIG_ENTRY_ID = "config_entry_id"
ATTR_PATH = "path"
ATTR_VALUE = "value"
ATTR_ALLOW_OWSERVER_SETTINGS = "allow_owserver_settings"

# An owfs path: absolute, made of the characters owfs names use.
_PATH = re.compile(r"^/[A-Za-z0-9._/-]*$")

SCAN_SCHEMA = vol.Schema({vol.Optional(ATTR_CONFIG_ENTRY_ID): cv.string})
READ_SCHEMA = vol.Schema(
    {vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string, vol.Required(ATTR_PATH): cv.string}
)
WRITE_SCHEMA = READ_SCHEMA.extend(
    {
        vol.Required(ATTR_VALUE): cv.string,
        vol.Optional(ATTR_ALLOW_OWSERVER_SETTINGS, default=False): cv.boolean,
    }
)


def _valid_path(path: str) -> str:
    if not _PATH.match(path) or ".." in path.split("/"):
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_path",
            translation_placeholders={"path": path},
        )
    return path


def _coordinator(hass: HomeAssistant, entry_id: str) -> OwserverCoordinator:
    """The coordinator of the loaded owserver entry entry_id, or a translated error."""
    entry: OwserverConfigEntry = service.async_get_config_entry(hass, DOMAIN, entry_id)
    if entry.data[CONF_KIND] != EntryKind.OWSERVER:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="not_an_owserver",
            translation_placeholders={"title": entry.title},
        )
    return entry.runtime_data


def _action_error(
    coordinator: OwserverCoordinator, err: OwfsError, path: str
) -> HomeAssistantError:
    """The caller's mistake (a refused path or value) or the server's failure."""
    if refuses_the_request(err):
        return coordinator.error(ServiceValidationError, err, path)
    return coordinator.error(HomeAssistantError, err, path)


def _loaded_coordinators(hass: HomeAssistant) -> list[OwserverCoordinator]:
    entries: list[OwserverConfigEntry] = hass.config_entries.async_loaded_entries(
        DOMAIN
    )
    return [
        entry.runtime_data
        for entry in entries
        if entry.data[CONF_KIND] == EntryKind.OWSERVER
    ]


async def _async_scan(call: ServiceCall) -> None:
    entry_id: str | None = call.data.get(ATTR_CONFIG_ENTRY_ID)
    coordinators = (
        [_coordinator(call.hass, entry_id)]
        if entry_id
        else _loaded_coordinators(call.hass)
    )
    for coordinator in coordinators:
        try:
            await coordinator.server.scan_now()
        except OwfsError as err:
            raise coordinator.error(HomeAssistantError, err) from err


async def _async_read(call: ServiceCall) -> ServiceResponse:
    coordinator = _coordinator(call.hass, call.data[ATTR_CONFIG_ENTRY_ID])
    path = _valid_path(call.data[ATTR_PATH])
    try:
        data = await coordinator.server.read(path)
    except OwfsError as err:
        raise _action_error(coordinator, err, path) from err
    return {"path": path, "value": data.decode(errors="replace").strip()}


async def _async_write(call: ServiceCall) -> None:
    coordinator = _coordinator(call.hass, call.data[ATTR_CONFIG_ENTRY_ID])
    path = _valid_path(call.data[ATTR_PATH])
    if configures_owserver(path) and not call.data[ATTR_ALLOW_OWSERVER_SETTINGS]:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="owserver_settings_path",
            translation_placeholders={"path": path},
        )
    try:
        await coordinator.server.write(path, call.data[ATTR_VALUE].encode())
    except OwfsError as err:
        raise _action_error(coordinator, err, path) from err
    await coordinator.async_request_refresh()


@callback
def async_setup_onewire_services(hass: HomeAssistant) -> None:
    """Register the 1-Wire actions (once, from async_setup)."""
    hass.services.async_register(DOMAIN, SERVICE_SCAN, _async_scan, SCAN_SCHEMA)
    hass.services.async_register(
        DOMAIN,
        SERVICE_READ,
        _async_read,
        READ_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
    # Raw writes can change anything a client of the owserver may: admins only.
    service.async_register_admin_service(
        hass, DOMAIN, SERVICE_WRITE, _async_write, WRITE_SCHEMA
    )
