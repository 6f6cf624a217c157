"""The repair issue of a gateway that does not grant the sessions the entry asks for.

Every gateway holds one event session plus a few command sessions, shared by
every client (MyHOME apps, other programs); an entry needs its command
sessions plus the event session, and the default (one of each) fits every
model. When other clients hold some, the integration keeps working on those
it got (or, when the first command session or the event session is refused,
retries the setup), and this issue tells the user why and what to change.
It goes away when every session opens again, and with the entry.
"""

from typing import Final

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from ..const import DOMAIN

SESSIONS_EXHAUSTED: Final = "gateway_sessions_exhausted"


def sessions_issue_id(entry: ConfigEntry) -> str:
    """One issue per gateway entry."""
    return f"{SESSIONS_EXHAUSTED}_{entry.entry_id}"


@callback
def async_report_sessions_exhausted(
    hass: HomeAssistant, entry: ConfigEntry, granted: int, asked: int
) -> None:
    """Tell the user the gateway opened only granted of the asked sessions."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        sessions_issue_id(entry),
        is_fixable=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key=SESSIONS_EXHAUSTED,
        translation_placeholders={
            "name": entry.title,
            "granted": str(granted),
            "asked": str(asked),
        },
    )


@callback
def async_clear_sessions_exhausted(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Every session is open again (or the entry is unloaded)."""
    ir.async_delete_issue(hass, DOMAIN, sessions_issue_id(entry))
