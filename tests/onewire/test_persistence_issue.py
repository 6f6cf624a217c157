"""A repair issue tells the user when owserver stops granting persistent connections.

owserver closes connections past its ``--clients_persistent_high`` limit
after each reply; the real owserver cannot be made to do that on demand, so
the tiny test owserver (tests/owfs/tiny_server.py) withholds the grant.
"""

from collections.abc import AsyncGenerator

from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind
from custom_components.onewire_own.owfs import pool

from ..owfs.tiny_server import TinyOwserver, one_sensor_tree

ENTRY_ID = "01JPERSISTENCEISSUEENTRY00"
ISSUE_ID = f"owserver_persistence_refused_{ENTRY_ID}"


@pytest.fixture
async def stingy_owserver(socket_enabled: None) -> AsyncGenerator[TinyOwserver]:
    """An owserver that answers everything but never grants persistence."""
    async with TinyOwserver(tree=one_sensor_tree()) as server:
        server.misbehaviour.grant_persistence = False
        yield server


async def test_withheld_persistence_raises_an_issue_until_granted_again(
    hass: HomeAssistant,
    stingy_owserver: TinyOwserver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pool, "PERSISTENCE_RETRY_INTERVAL", 0.0)
    entry = MockConfigEntry(
        domain=DOMAIN,
        entry_id=ENTRY_ID,
        data={
            CONF_KIND: EntryKind.OWSERVER,
            CONF_HOST: "127.0.0.1",
            CONF_PORT: stingy_owserver.port,
        },
        options={"connections": 3, "simultaneous": False},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    coordinator = entry.runtime_data
    issues = ir.async_get(hass)

    issue = issues.async_get_issue(DOMAIN, ISSUE_ID)
    assert issue is not None
    assert issue.translation_key == "owserver_persistence_refused"
    assert issue.severity is ir.IssueSeverity.WARNING
    assert issue.translation_placeholders == {
        "server": f"127.0.0.1:{stingy_owserver.port}",
        "granted": "0",
        "wanted": "3",
    }

    # The other clients went away: persistence is granted again. The pool
    # grows back one connection at a time, then the issue goes.
    stingy_owserver.misbehaviour.grant_persistence = True
    for _ in range(4):
        await coordinator.async_refresh()
    assert coordinator.server.pool_limit == 3
    assert issues.async_get_issue(DOMAIN, ISSUE_ID) is None

    stingy_owserver.misbehaviour.grant_persistence = False
    await coordinator.async_refresh()
    assert issues.async_get_issue(DOMAIN, ISSUE_ID) is not None

    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert issues.async_get_issue(DOMAIN, ISSUE_ID) is None
