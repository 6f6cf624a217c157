"""Entries made for one owserver before the flows refused it: a repair issue.

Before the config flow recognised a server under another name (``localhost``
for ``127.0.0.1``...), a second entry could be made for it. Such an entry
would poll the same buses again and collide with the first one's entity ids.
The newer of the two is not set up; a repair issue names both and says to
delete the newer one. It goes away when that entry is deleted, or when it
sets up fine (the servers turned out to differ).
"""

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from ..const import DOMAIN
from ..owfs import ServerIdentity
from .coordinator import OwserverCoordinator
from .same_server import async_addresses, async_entry_serving, owserver_entries

TRANSLATION_KEY = "owserver_duplicate_entry"


def _issue_id(entry_id: str) -> str:
    return f"{TRANSLATION_KEY}_{entry_id}"


async def async_original_entry(
    hass: HomeAssistant, entry: ConfigEntry, coordinator: OwserverCoordinator
) -> ConfigEntry | None:
    """The older owserver entry for the server entry's coordinator reached, if any."""
    entries = owserver_entries(hass)
    older = entries[: entries.index(entry)] if entry in entries else []
    if not older:
        return None
    identity = ServerIdentity(
        await async_addresses(entry.data[CONF_HOST], entry.data[CONF_PORT]),
        entry.data[CONF_PORT],
        frozenset(device.id for device in coordinator.devices),
    )
    return await async_entry_serving(hass, identity, older)


@callback
def async_report_duplicate(
    hass: HomeAssistant, entry: ConfigEntry, original: ConfigEntry
) -> None:
    """Say that entry serves original's owserver again."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        _issue_id(entry.entry_id),
        is_fixable=False,
        is_persistent=False,
        severity=ir.IssueSeverity.ERROR,
        translation_key=TRANSLATION_KEY,
        translation_placeholders={"title": entry.title, "original": original.title},
    )


@callback
def async_delete_duplicate_issue(hass: HomeAssistant, entry_id: str) -> None:
    """Drop the issue of entry_id (deleted, or set up as a server of its own)."""
    ir.async_delete_issue(hass, DOMAIN, _issue_id(entry_id))
