"""The title the frontend gives a flow in progress (the Discovered card, the reauth card).

It fills ``config.flow_title`` with the flow's ``title_placeholders``; a
placeholder the flow does not give makes the frontend show a formatting
error instead of the title. Home Assistant gives a reauth flow only
``{name}`` (the entry's title).
"""

import json
from pathlib import Path

from homeassistant.core import HomeAssistant

STRINGS = Path(__file__).parent.parent / "custom_components/onewire_own/strings.json"
FLOW_TITLE: str = json.loads(STRINGS.read_text(encoding="utf-8"))["config"][
    "flow_title"
]


def flow_card_title(hass: HomeAssistant, flow_id: str) -> str:
    """flow_title filled with the flow's placeholders; KeyError for one it lacks."""
    flow = next(
        f for f in hass.config_entries.flow.async_progress() if f["flow_id"] == flow_id
    )
    return FLOW_TITLE.format(**flow["context"].get("title_placeholders", {}))
