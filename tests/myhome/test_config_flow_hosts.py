"""Any text as a gateway's host: a form error in every flow, never an exception.

A host name the resolver cannot even encode (a label over 63 characters, an
empty label as in ``../../etc``) used to escape as ``UnicodeError`` and answer
HTTP 500 (issue 12.1). Hypothesis feeds arbitrary text to the user,
SSDP-confirm, reauth and reconfigure flows; names are resolved offline
(``tests.resolver``) and IP literals other than loopback are left out, so no
test leaves the machine.
"""

from collections.abc import Iterator
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import SOURCE_SSDP, SOURCE_USER
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_PORT
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.service_info.ssdp import SsdpServiceInfo
from hypothesis import HealthCheck, assume, given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind

from ..peers.owserver import free_port
from ..resolver import is_ip_literal, offline_resolver

FORM_ERRORS = ({"base": "invalid_host"}, {"base": "cannot_connect"})
ANY_HOST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture(autouse=True)
def entries_are_not_set_up() -> Iterator[None]:
    """These tests are about the flows: entries are not set up."""
    with (
        patch("custom_components.onewire_own.async_setup_entry", return_value=True),
        offline_resolver(),
    ):
        yield


async def _submit(
    hass: HomeAssistant, flow_id: str, answer: dict[str, Any]
) -> dict[str, Any]:
    """Submit a flow's form; a form shown again is then closed (the next
    example starts a new flow)."""
    result = await hass.config_entries.flow.async_configure(flow_id, answer)
    if result["type"] is FlowResultType.FORM:
        hass.config_entries.flow.async_abort(result["flow_id"])
    return dict(result)


async def _user_flow(hass: HomeAssistant, host: str, port: int) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "openwebnet"}
    )
    return await _submit(hass, result["flow_id"], {CONF_HOST: host, CONF_PORT: port})


def _entry(hass: HomeAssistant, host: str) -> MockConfigEntry:
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id="00:03:50:a1:b2:c3",
        data={
            CONF_KIND: EntryKind.OPENWEBNET,
            CONF_HOST: host,
            CONF_PORT: free_port(),
            CONF_PASSWORD: "",
        },
    )
    entry.add_to_hass(hass)
    return entry


@pytest.mark.parametrize(
    "host",
    ["a" * 64, "../../etc", "", "   ", "gate\udc80way", "gate\x00way", "a..b"],
)
async def test_a_host_that_names_nothing_is_invalid_host(
    hass: HomeAssistant, socket_enabled: None, host: str
) -> None:
    result = await _user_flow(hass, host, 20000)
    assert result["errors"] == {"base": "invalid_host"}


@given(host=st.text())
@ANY_HOST
async def test_any_text_as_host_in_the_user_flow_is_a_form_error(
    hass: HomeAssistant, socket_enabled: None, host: str
) -> None:
    assume(not is_ip_literal(host))
    result = await _user_flow(hass, host, free_port())
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] in FORM_ERRORS


@pytest.mark.parametrize("flow", ["reconfigure", "reauth"])
@given(host=st.text())
@ANY_HOST
async def test_any_text_as_host_in_the_reconfigure_and_reauth_flows_is_a_form_error(
    hass: HomeAssistant, socket_enabled: None, flow: str, host: str
) -> None:
    assume(not is_ip_literal(host))
    if flow == "reconfigure":  # the user types the host
        entry = _entry(hass, "127.0.0.1")
        result = await entry.start_reconfigure_flow(hass)
        answer: dict[str, Any] = {CONF_HOST: host, CONF_PORT: free_port()}
    else:  # the host is the stored one
        entry = _entry(hass, host)
        result = await entry.start_reauth_flow(hass)
        answer = {}
    result = await _submit(hass, result["flow_id"], answer)
    await hass.config_entries.async_remove(entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] in FORM_ERRORS


@given(host=st.text())
@ANY_HOST
async def test_any_text_as_a_discovered_host_is_an_abort_or_a_form_error(
    hass: HomeAssistant, socket_enabled: None, host: str
) -> None:
    assume(not is_ip_literal(host))
    info = SsdpServiceInfo(
        ssdp_usn="uuid:pnp-webserver-1_0-00:03:50:a1:b2:c3",
        ssdp_st="upnp:rootdevice",
        ssdp_location=f"http://{host}:80/description.xml",
        upnp={"manufacturer": "BTicino S.p.A.", "modelName": "MH200N"},
    )
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_SSDP}, data=info
    )
    if result["type"] is FlowResultType.ABORT:
        assert result["reason"] in ("cannot_connect", "already_in_progress")
        return
    result = await _submit(hass, result["flow_id"], {})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] in FORM_ERRORS
