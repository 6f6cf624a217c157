"""The owserver branch of the config flow: typed, discovered, reconfigured."""

from ipaddress import ip_address

from homeassistant.config_entries import SOURCE_USER, SOURCE_ZEROCONF
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind

from ..peers.owserver import OwserverProcess, free_port
from .conftest import owserver_entry


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


def _zeroconf(port: int | None) -> ZeroconfServiceInfo:
    return ZeroconfServiceInfo(
        ip_address=ip_address("127.0.0.1"),
        ip_addresses=[ip_address("127.0.0.1")],
        hostname="owserver.local.",
        name="owserver._owserver._tcp.local.",
        port=port,
        type="_owserver._tcp.local.",
        properties={},
    )


async def test_owserver_that_answers_becomes_an_entry(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    flow_id = await _owserver_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: bus.host, CONF_PORT: bus.port}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == f"owserver {bus.host}:{bus.port}"
    assert result["data"] == {
        CONF_KIND: EntryKind.OWSERVER,
        CONF_HOST: bus.host,
        CONF_PORT: bus.port,
    }
    assert result["result"].unique_id == f"{bus.host}:{bus.port}"


async def test_unreachable_owserver_shows_cannot_connect_and_can_be_corrected(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    flow_id = await _owserver_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: "127.0.0.1", CONF_PORT: free_port()}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}

    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: bus.host, CONF_PORT: bus.port}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_same_owserver_twice_is_aborted(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    owserver_entry(bus).add_to_hass(hass)
    flow_id = await _owserver_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: bus.host, CONF_PORT: bus.port}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_discovered_owserver_is_added_after_confirmation(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=_zeroconf(bus.port)
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "zeroconf_confirm"
    assert result["description_placeholders"] == {
        "host": bus.host,
        "port": str(bus.port),
    }

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {
        CONF_KIND: EntryKind.OWSERVER,
        CONF_HOST: bus.host,
        CONF_PORT: bus.port,
    }


async def test_discovery_without_port_means_the_default_port(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    MockConfigEntry(
        domain=DOMAIN,
        unique_id="127.0.0.1:4304",
        data={CONF_KIND: EntryKind.OWSERVER, CONF_HOST: "127.0.0.1", CONF_PORT: 4304},
    ).add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=_zeroconf(None)
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_discovered_owserver_already_added_is_ignored(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    owserver_entry(bus).add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=_zeroconf(bus.port)
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_discovered_owserver_that_does_not_answer_is_not_offered(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=_zeroconf(free_port())
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "cannot_connect"


async def test_reconfigure_moves_the_entry_to_a_new_address(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    entry = owserver_entry(bus)
    entry.add_to_hass(hass)
    other = OwserverProcess(fake=["10"])
    with other:
        result = await entry.start_reconfigure_flow(hass)
        assert result["type"] is FlowResultType.FORM
        assert result["step_id"] == "reconfigure_owserver"

        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_HOST: other.host, CONF_PORT: free_port()}
        )
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] == {"base": "cannot_connect"}

        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_HOST: other.host, CONF_PORT: other.port}
        )
        assert result["type"] is FlowResultType.ABORT
        assert result["reason"] == "reconfigure_successful"
        await hass.async_block_till_done()
        assert entry.data[CONF_PORT] == other.port
        assert entry.unique_id == f"{other.host}:{other.port}"
        assert entry.title == f"owserver {other.host}:{other.port}"
        await hass.config_entries.async_unload(entry.entry_id)


async def test_reconfigure_to_the_same_address_is_accepted(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    entry = owserver_entry(bus)
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: bus.host, CONF_PORT: bus.port}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    await hass.config_entries.async_unload(entry.entry_id)


async def test_reconfigure_onto_another_entrys_owserver_is_aborted(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    owserver_entry(bus).add_to_hass(hass)
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id="127.0.0.1:1",
        data={CONF_KIND: EntryKind.OWSERVER, CONF_HOST: "127.0.0.1", CONF_PORT: 1},
    )
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: bus.host, CONF_PORT: bus.port}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
