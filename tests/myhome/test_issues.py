"""The sessions repair issue: a gateway that does not grant what the entry asks.

Every model holds the event session plus its command sessions (an MH202 two,
an MH200N one), so the default entry fits all of them; the issue is for
sessions other clients hold. It counts what the user sees in the options: the
command sessions plus the event session.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.openwebnet.session import (
    Session,
    SessionSettings,
    SessionType,
    open_session,
)
from simulator.openwebnet import PROFILES, GatewaySimulator, SessionKind

from .conftest import FAST_OPTIONS, gateway_entry, wait_for

MH202_OPTIONS = FAST_OPTIONS | {"pacing_ms": 20}


def sessions_issue(hass: HomeAssistant, entry: MockConfigEntry) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(
        DOMAIN, f"gateway_sessions_exhausted_{entry.entry_id}"
    )


async def set_up(
    hass: HomeAssistant, sim: GatewaySimulator, **options: Any
) -> MockConfigEntry:
    entry = gateway_entry(sim, options=MH202_OPTIONS | options)
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    return entry


async def an_app_holds(sim: GatewaySimulator, kind: SessionType) -> Session:
    """A MyHOME app (another client) holds one of the gateway's sessions."""
    settings = SessionSettings(host="127.0.0.1", port=sim.port)
    return await open_session(settings, kind)


@pytest.mark.parametrize("profile", list(PROFILES))
async def test_a_fresh_entry_fits_every_gateway_model_without_an_issue(
    hass: HomeAssistant, start_gateway: Callable[..., Any], profile: str
) -> None:
    # Real time: the model's own pause is what is checked.
    sim: GatewaySimulator = await start_gateway(
        profile=profile, auth="none", time_scale=1.0
    )
    entry = await set_up(hass, sim, pacing_ms=None)  # the model's pause

    assert entry.state is ConfigEntryState.LOADED
    assert sessions_issue(hass, entry) is None
    assert len(sim.sessions_of(SessionKind.COMMAND)) == 1
    assert len(sim.sessions_of(SessionKind.EVENT)) == 1
    assert sim.counters.pacing_violations == 0
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_sessions_another_client_holds_raise_the_issue_until_unload(
    hass: HomeAssistant, start_gateway: Callable[..., Any]
) -> None:
    sim: GatewaySimulator = await start_gateway(profile="MH202", auth="none")
    app = await an_app_holds(sim, SessionType.CommandSession)
    try:
        entry = await set_up(hass, sim, command_sessions=2)

        assert entry.state is ConfigEntryState.LOADED  # works on what it got
        issue = sessions_issue(hass, entry)
        assert issue is not None
        assert issue.translation_key == "gateway_sessions_exhausted"
        assert issue.severity is ir.IssueSeverity.WARNING
        assert issue.translation_placeholders == {
            "name": entry.title,
            "granted": "2",
            "asked": "3",
        }

        assert await hass.config_entries.async_unload(entry.entry_id)
        assert sessions_issue(hass, entry) is None
    finally:
        await app.close()


async def test_lowering_the_command_sessions_in_the_options_clears_the_issue(
    hass: HomeAssistant, start_gateway: Callable[..., Any]
) -> None:
    sim: GatewaySimulator = await start_gateway(profile="MH202", auth="none")
    app = await an_app_holds(sim, SessionType.CommandSession)
    try:
        entry = await set_up(hass, sim, command_sessions=2)
        assert sessions_issue(hass, entry) is not None

        result = await hass.config_entries.options.async_init(entry.entry_id)
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], {"next_step_id": "gateway_connection"}
        )
        await hass.config_entries.options.async_configure(
            result["flow_id"],
            {
                "command_sessions": 1,
                "pacing_ms": 20,
                "keepalive_s": 60,
                "discovery_sweeps": True,
            },
        )
        await hass.async_block_till_done(wait_background_tasks=True)

        assert entry.state is ConfigEntryState.LOADED
        assert sessions_issue(hass, entry) is None
        assert await hass.config_entries.async_unload(entry.entry_id)
    finally:
        await app.close()


async def test_an_mh200n_whose_command_session_an_app_holds_is_retried_and_says_why(
    hass: HomeAssistant, start_gateway: Callable[..., Any]
) -> None:
    sim: GatewaySimulator = await start_gateway(profile="MH200N", auth="none")
    app = await an_app_holds(sim, SessionType.CommandSession)
    try:
        entry = await set_up(hass, sim)
    finally:
        await app.close()

    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert entry.reason is not None
    assert "other clients hold its sessions" in entry.reason
    issue = sessions_issue(hass, entry)
    assert issue is not None
    assert issue.translation_placeholders == {
        "name": entry.title,
        "granted": "0",
        "asked": "2",
    }


async def test_the_issue_goes_away_when_the_other_client_frees_the_sessions(
    hass: HomeAssistant, start_gateway: Callable[..., Any]
) -> None:
    sim: GatewaySimulator = await start_gateway(profile="F454", auth="none")
    app = await an_app_holds(sim, SessionType.CommandSession)
    try:
        entry = await set_up(hass, sim, command_sessions=4)
        issue = sessions_issue(hass, entry)
        assert issue is not None
        assert issue.translation_placeholders["granted"] == "4"  # 3 + the event
    finally:
        await app.close()

    # The refused session is asked for again after a backoff (30 s at first).
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=31))
    await wait_for(lambda: sessions_issue(hass, entry) is None)
    assert entry.runtime_data.gateway.command_sessions_granted == 4
    await hass.config_entries.async_unload(entry.entry_id)
