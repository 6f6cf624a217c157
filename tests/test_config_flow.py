"""The config flow: a menu, then an owserver proven by a NOP exchange."""

from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind

from .peers.owserver import OwserverProcess, free_port


async def _owserver_form(hass: HomeAssistant) -> str:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["owserver", "openwebnet"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "owserver"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "owserver"
    return result["flow_id"]


async def test_owserver_that_answers_becomes_an_entry(
    hass: HomeAssistant, owserver: OwserverProcess
) -> None:
    flow_id = await _owserver_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: owserver.host, CONF_PORT: owserver.port}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == f"owserver {owserver.host}:{owserver.port}"
    assert result["data"] == {
        CONF_KIND: EntryKind.OWSERVER,
        CONF_HOST: owserver.host,
        CONF_PORT: owserver.port,
    }


async def test_unreachable_owserver_shows_cannot_connect_and_can_be_corrected(
    hass: HomeAssistant, owserver: OwserverProcess
) -> None:
    flow_id = await _owserver_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: "127.0.0.1", CONF_PORT: free_port()}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}

    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: owserver.host, CONF_PORT: owserver.port}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_same_owserver_twice_is_aborted(
    hass: HomeAssistant, owserver: OwserverProcess
) -> None:
    MockConfigEntry(
        domain=DOMAIN,
        data={
            CONF_KIND: EntryKind.OWSERVER,
            CONF_HOST: owserver.host,
            CONF_PORT: owserver.port,
        },
    ).add_to_hass(hass)
    flow_id = await _owserver_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: owserver.host, CONF_PORT: owserver.port}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_openwebnet_branch_says_not_yet_supported(hass: HomeAssistant) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "openwebnet"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "openwebnet_not_supported"
