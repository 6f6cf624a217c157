"""Is this owserver one that an entry already serves, whatever it is called?

Two entries for one owserver poll the same buses twice and fight over the
same entity ids. The host text alone cannot tell (``localhost``, ``127.1`` and
``127.0.0.1`` are one server), so an owserver is recognised by either of:

- the addresses its host resolves to, with the same port;
- the 1-Wire devices it lists: 1-Wire ids are unique world-wide, so a server
  listing a device another entry's server lists serves the same bus (under
  another address of the same machine, or through a linked owserver).

An entry's devices are the ones its owserver has located now when it is
loaded (a device moved from one server to another counts only where it is),
else the ones in the device registry.
"""

from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr

from ..const import CONF_KIND, DOMAIN, EntryKind
from ..owfs import OwfsError, ServerIdentity, resolve_host
from .coordinator import OwserverCoordinator
from .devices import hub_identifier

RESOLVE_TIMEOUT = 5.0


def owserver_entries(hass: HomeAssistant) -> list[ConfigEntry]:
    """Every owserver entry, in the order they were created."""
    return sorted(
        (
            entry
            for entry in hass.config_entries.async_entries(DOMAIN)
            if entry.data.get(CONF_KIND) == EntryKind.OWSERVER
        ),
        key=lambda entry: (entry.created_at, entry.entry_id),
    )


async def async_addresses(host: str, port: int) -> frozenset[str]:
    """The addresses host resolves to; none when it does not (now)."""
    try:
        return await resolve_host(host, port, RESOLVE_TIMEOUT)
    except OwfsError:
        return frozenset()


def entry_device_ids(hass: HomeAssistant, entry: ConfigEntry) -> frozenset[str]:
    """The 1-Wire ids of an entry: located now if it is loaded, else registered."""
    coordinator: OwserverCoordinator | None = getattr(entry, "runtime_data", None)
    if entry.state is ConfigEntryState.LOADED and coordinator is not None:
        return frozenset(device.id for device in coordinator.devices)
    hub = hub_identifier(entry)
    return frozenset(
        identifier
        for device in dr.async_entries_for_config_entry(
            dr.async_get(hass), entry.entry_id
        )
        for domain, identifier in device.identifiers
        if domain == DOMAIN and (domain, identifier) != hub
    )


async def async_entry_serving(
    hass: HomeAssistant,
    identity: ServerIdentity,
    candidates: list[ConfigEntry],
) -> ConfigEntry | None:
    """The first of candidates whose owserver is the one identity describes."""
    for entry in candidates:
        port: int = entry.data[CONF_PORT]
        if port == identity.port and identity.addresses & await async_addresses(
            entry.data[CONF_HOST], port
        ):
            return entry
        if identity.device_ids & entry_device_ids(hass, entry):
            return entry
    return None


async def async_same_owserver(
    hass: HomeAssistant, identity: ServerIdentity, *, besides: str | None = None
) -> ConfigEntry | None:
    """The owserver entry (other than the one with id besides) serving identity."""
    return await async_entry_serving(
        hass,
        identity,
        [entry for entry in owserver_entries(hass) if entry.entry_id != besides],
    )
