"""The one-command-session gateways, out of the box: MH200N, MH201 and MH200.

Each holds the event session plus one command session, which is what an
entry asks for by default; the pause between commands comes from the model
the gateway tells (WHO 13), so nothing needs setting. Set up, control, a
reboot and the resync that follows, each against the model's profile (legacy
numeric password, as these gateways use).
"""

from collections.abc import Callable
from typing import Any

from homeassistant.components.light import DOMAIN as LIGHT_DOMAIN
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
import pytest

from simulator.openwebnet import GatewaySimulator, SessionKind

from .conftest import gateway_entry, state_of, wait_for


@pytest.mark.parametrize(
    ("profile", "pause"),
    [
        ("MH200N", 0.15),  # WHO 13 says 44: an MH200N
        ("MH201", 0.1),  # says 200, shared by models of which the MH201 is slowest
        ("MH200", 0.15),  # says 4: an MH200 (or an MH200N)
    ],
)
async def test_a_one_command_session_gateway_works_out_of_the_box(
    hass: HomeAssistant, start_gateway: Callable[..., Any], profile: str, pause: float
) -> None:
    sim: GatewaySimulator = await start_gateway(
        profile=profile, auth="open", password="12345"
    )
    # Default options, but a quick keep-alive for a quick loss detection.
    entry = gateway_entry(sim, password="12345", options={"keepalive_s": 0.4})
    entry.add_to_hass(hass)

    # Set up: one command session and the event session, nothing refused.
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert entry.state is ConfigEntryState.LOADED
    assert state_of(hass, "light.light_12") == STATE_ON
    assert len(sim.sessions_of(SessionKind.COMMAND)) == 1
    assert len(sim.sessions_of(SessionKind.EVENT)) == 1
    assert entry.runtime_data.gateway.pacing == pause

    # Control: a command through the command session, its echo on the event one.
    await hass.services.async_call(
        LIGHT_DOMAIN, "turn_off", {"entity_id": "light.light_12"}, blocking=True
    )
    assert sim.light("12").level == 0
    await wait_for(lambda: state_of(hass, "light.light_12") == STATE_OFF)

    # Reconnect and resync: what changed during the reboot is shown after it.
    reboot = hass.async_create_task(sim.reboot(downtime=20.0))
    await wait_for(lambda: state_of(hass, "light.light_12") == STATE_UNAVAILABLE)
    sim.light("12").set_level(100)
    await reboot
    await wait_for(lambda: state_of(hass, "light.light_12") == STATE_ON)

    assert sim.counters.sessions_unanswered == 0
    assert sim.counters.events_lost == 0
    assert sim.counters.pacing_violations == 0
    assert await hass.config_entries.async_unload(entry.entry_id)
