"""The README's automation examples are valid Home Assistant automations.

Every ``yaml`` block of README.md that starts with ``automation:`` is read
and each of its automations is checked with Home Assistant's own automation
config validation (triggers, conditions and actions included), so an example
that a user pastes is accepted as it is. Every file of the repository the
README shows or links (the screenshots script/ui_check saves under
docs/screens/, whose numbers change when a flow gains a step) exists.
"""

from pathlib import Path
import re
from typing import Any

from homeassistant.components.automation.config import async_validate_config_item
from homeassistant.core import HomeAssistant
import pytest
import yaml

README = Path(__file__).resolve().parents[1] / "README.md"
YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.DOTALL)
# A Markdown link or image to a file of the repository: ](docs/screens/x.png)
LOCAL_TARGET = re.compile(r"\]\((?!https?://|mailto:|#)([^)\s#]+)")


def readme_automations() -> list[dict[str, Any]]:
    """Every automation of the README's ``automation:`` blocks."""
    automations: list[dict[str, Any]] = []
    for block in YAML_BLOCK.findall(README.read_text(encoding="utf-8")):
        if block.startswith("automation:"):
            automations.extend(yaml.safe_load(block)["automation"])
    return automations


def test_the_readme_has_automation_examples() -> None:
    aliases = [automation["alias"] for automation in readme_automations()]
    assert len(aliases) >= 5
    assert any("alarm" in alias.lower() for alias in aliases)


@pytest.mark.parametrize(
    "automation", readme_automations(), ids=lambda automation: automation["alias"]
)
async def test_readme_automation_is_valid(
    hass: HomeAssistant, automation: dict[str, Any]
) -> None:
    assert await async_validate_config_item(hass, "readme", automation) is not None


def test_every_file_the_readme_shows_or_links_exists() -> None:
    targets = LOCAL_TARGET.findall(README.read_text(encoding="utf-8"))

    assert any(target.startswith("docs/screens/") for target in targets)
    assert [t for t in targets if not (README.parent / t).exists()] == []
