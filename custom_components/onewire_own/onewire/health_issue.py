"""The repair issues raised while a bus of an owserver has a sustained error rate.

A bus that fails now and then costs a retry; one that fails for minutes
(a bad joint, a cable too long for its pull-up, interference) makes values
late or missing without a word in the log. The rates and their threshold are
in ``bus_health``; the issue names the server, the bus (or the CRC checks of
all its buses) and the rate, and goes away once the rate is back to normal.
"""

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from ..const import DOMAIN
from .bus_health import (
    CRC,
    ERROR_RATE_THRESHOLD,
    STATISTICS_INTERVAL,
    SUSTAINED_WINDOWS,
    ErrorRate,
)

BUS_KEY = "owserver_bus_error_rate"
CRC_KEY = "owserver_crc_error_rate"


def _issue_id(entry_id: str, source: str) -> str:
    return f"{BUS_KEY}_{entry_id}_{source.strip('/').replace('/', '_')}"


@callback
def async_update_health_issues(
    hass: HomeAssistant, entry_id: str, server: str, sustained: list[ErrorRate]
) -> None:
    """Raise one issue per sustained error rate, drop the others of the entry."""
    wanted = {_issue_id(entry_id, rate.source): rate for rate in sustained}
    for issue_id, rate in wanted.items():
        placeholders = {
            "server": server,
            "rate": f"{rate.rate * 100:.1f}",
            "threshold": f"{ERROR_RATE_THRESHOLD * 100:g}",
            "minutes": f"{SUSTAINED_WINDOWS * STATISTICS_INTERVAL.total_seconds() / 60:g}",
        }
        if rate.source != CRC:
            placeholders["bus"] = rate.source
        ir.async_create_issue(
            hass,
            DOMAIN,
            issue_id,
            is_fixable=False,
            is_persistent=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key=CRC_KEY if rate.source == CRC else BUS_KEY,
            translation_placeholders=placeholders,
        )
    prefix = f"{BUS_KEY}_{entry_id}_"
    for (domain, issue_id), _ in list(ir.async_get(hass).issues.items()):
        if domain == DOMAIN and issue_id.startswith(prefix) and issue_id not in wanted:
            ir.async_delete_issue(hass, DOMAIN, issue_id)
