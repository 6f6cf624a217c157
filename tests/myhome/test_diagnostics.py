"""Diagnostics describe the gateway, its sessions, counters and items; no secrets."""

import json
import logging

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from simulator.openwebnet import GatewaySimulator

from .conftest import FAST_OPTIONS, gateway_entry, wait_for

PASSWORD = "abcde12345"


async def test_diagnostics_show_gateway_sessions_counters_and_items(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    loaded_entry: MockConfigEntry,
    gateway: GatewaySimulator,
) -> None:
    await gateway.press_button("2123", 2)
    await wait_for(lambda: (25, "2123") in loaded_entry.runtime_data.gateway.items)
    diagnostics = await get_diagnostics_for_config_entry(
        hass, hass_client, loaded_entry
    )

    assert diagnostics["entry"]["data"]["host"] == "**REDACTED**"
    assert diagnostics["entry"]["data"]["password"] == "**REDACTED**"
    assert diagnostics["gateway"]["mac"] == "00:03:50:a1:b2:c3"
    assert diagnostics["gateway"]["firmware"] == "2.0.51"
    assert diagnostics["sessions"]["command_sessions_granted"] == 1
    # An F454 answers 200 to *#13**15##, as models of up to four sessions do.
    assert diagnostics["sessions"]["model_limit"] == 4
    assert diagnostics["sessions"]["pacing_ms"] == 5  # the entry's own choice
    assert diagnostics["sessions"]["event_session_connected"] is True
    assert diagnostics["sessions"]["entities_available"] is True
    counters = diagnostics["counters"]
    assert counters["frames_in"] > 0
    assert counters["frames_out"] > 0
    assert {"reconnects", "nacks"} <= counters.keys()
    light = diagnostics["items"]["1-13"]
    assert light["type"] == "Light"
    assert (light["is_on"], light["brightness"], light["is_dimmer"]) == (True, 60, True)
    assert diagnostics["items"]["4-1"]["mode"] == "programme"
    assert diagnostics["items"]["25-2123"]["last_event"] == {
        "button": 2,
        "action": "short_press",
    }
    assert PASSWORD not in json.dumps(diagnostics)
    assert gateway.host not in json.dumps(diagnostics)


async def test_password_never_reaches_the_logs(
    hass: HomeAssistant,
    gateway: GatewaySimulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    entry = gateway_entry(gateway, options=FAST_OPTIONS)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    gateway.drop_sessions()
    await wait_for(lambda: entry.runtime_data.gateway.counters.reconnects >= 1)
    await hass.config_entries.async_unload(entry.entry_id)

    assert caplog.records
    assert PASSWORD not in caplog.text


async def test_wrong_password_at_setup_asks_for_a_new_one_without_logging_it(
    hass: HomeAssistant,
    gateway: GatewaySimulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    entry = gateway_entry(gateway, password="secret0wrong")
    entry.add_to_hass(hass)

    assert not await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]
    assert "secret0wrong" not in caplog.text
