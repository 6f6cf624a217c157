"""The repair issue raised while an owserver withholds persistent connections.

owserver grants at most ``--clients_persistent_high`` persistent connections
over all its clients. Past that, it closes each connection after one reply:
every request then costs a new TCP connection (and a server thread), polls
get slower and the server busier. Nothing in the log says so; a repair
issue does, with the way out.
"""

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from ..const import DOMAIN
from ..owfs import Server

TRANSLATION_KEY = "owserver_persistence_refused"


def _issue_id(entry_id: str) -> str:
    return f"{TRANSLATION_KEY}_{entry_id}"


@callback
def async_update_persistence_issue(
    hass: HomeAssistant, entry_id: str, server: Server
) -> None:
    """Raise the issue while the server withholds connections, drop it after."""
    if not server.persistence_withheld:
        async_delete_persistence_issue(hass, entry_id)
        return
    ir.async_create_issue(
        hass,
        DOMAIN,
        _issue_id(entry_id),
        is_fixable=False,
        is_persistent=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key=TRANSLATION_KEY,
        translation_placeholders={
            "server": f"{server.host}:{server.port}",
            "granted": str(server.connections_open),
            "wanted": str(server.connections_wanted),
        },
    )


@callback
def async_delete_persistence_issue(hass: HomeAssistant, entry_id: str) -> None:
    """Drop the issue (persistence granted again, or the entry unloaded)."""
    ir.async_delete_issue(hass, DOMAIN, _issue_id(entry_id))
