"""The owserver branch of the config flow: typed, discovered, reconfigured."""

from ipaddress import ip_address

from homeassistant.config_entries import (
    SOURCE_USER,
    SOURCE_ZEROCONF,
    ConfigEntryState,
    ConfigFlowResult,
)
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo
from hypothesis import HealthCheck, assume, given, settings
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind

from ..flow_title import flow_card_title
from ..peers.hosts import HOSTS, connects_only_to_loopback
from ..peers.owserver import OwserverProcess, free_port
from .conftest import ALL_FAMILIES, entry_at, owserver_entry


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


async def test_same_owserver_twice_is_aborted_naming_the_entry(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    entry = owserver_entry(bus)
    entry.add_to_hass(hass)
    result = await _add_owserver(hass, bus.host, bus.port)
    _assert_refused_naming(result, entry)


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
    assert flow_card_title(hass, result["flow_id"]) == f"owserver {bus.host}:{bus.port}"

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
    entry_at("127.0.0.1", 4304).add_to_hass(hass)
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
        assert result.get("translation_domain") is None  # our text, in every language
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
    other = owserver_entry(bus)
    other.add_to_hass(hass)
    entry = entry_at("127.0.0.1", 1)
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: bus.host, CONF_PORT: bus.port}
    )
    _assert_refused_naming(result, other)
    assert entry.data[CONF_PORT] == 1  # left as it was
    assert entry.unique_id == "127.0.0.1:1"


async def _add_owserver(hass: HomeAssistant, host: str, port: int) -> ConfigFlowResult:
    """The user flow's answer to host and port."""
    return await hass.config_entries.flow.async_configure(
        await _owserver_form(hass), {CONF_HOST: host, CONF_PORT: port}
    )


def _assert_refused_naming(result: ConfigFlowResult, entry: MockConfigEntry) -> None:
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "owserver_already_configured"
    assert result["description_placeholders"] == {"title": entry.title}


def _register_thermometer(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """The entry registered the DS18B20 the test owservers list."""
    dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id, identifiers={(DOMAIN, "28.54110E827441")}
    )


def _owserver_entries(hass: HomeAssistant) -> list[str]:
    return [
        entry.entry_id
        for entry in hass.config_entries.async_entries(DOMAIN)
        if entry.data[CONF_KIND] == EntryKind.OWSERVER
    ]


@pytest.mark.parametrize(
    ("configured", "typed"),
    [
        ("127.0.0.1", "localhost"),
        ("127.0.0.1", "127.1"),
        ("127.0.0.1", " 127.0.0.1 "),
        ("localhost", "127.0.0.1"),
        ("127.1", "localhost"),
    ],
)
async def test_one_owserver_under_another_name_is_refused_naming_its_entry(
    hass: HomeAssistant,
    bus: OwserverProcess,
    real_name_resolution: None,
    configured: str,
    typed: str,
) -> None:
    entry = entry_at(configured, bus.port)
    entry.add_to_hass(hass)

    result = await _add_owserver(hass, typed, bus.port)

    _assert_refused_naming(result, entry)
    assert _owserver_entries(hass) == [entry.entry_id]


async def test_a_server_listing_an_entrys_devices_is_refused_whatever_its_address(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    """1-Wire ids are unique: a server listing the same devices serves the same bus.

    The second owserver simulates the same devices (the fake adapter's ids
    are reproducible), as a second owserver linked to the first would.
    """

    with OwserverProcess(fake=ALL_FAMILIES) as same_bus:
        result = await _add_owserver(hass, same_bus.host, same_bus.port)

    _assert_refused_naming(result, loaded_entry)


async def test_an_unreachable_server_with_an_entrys_registered_devices_is_refused(
    hass: HomeAssistant, bus: OwserverProcess, socket_enabled: None
) -> None:
    """An entry that is not loaded is known by the devices it registered."""
    entry = entry_at("127.0.0.1", 1, title="owserver in the cellar")
    entry.add_to_hass(hass)
    _register_thermometer(hass, entry)

    result = await _add_owserver(hass, bus.host, bus.port)

    _assert_refused_naming(result, entry)


async def test_discovery_moves_an_entry_whose_server_answers_elsewhere_now(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    entry = entry_at("127.0.0.1", free_port())
    entry.add_to_hass(hass)
    _register_thermometer(hass, entry)

    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=_zeroconf(bus.port)
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert _owserver_entries(hass) == [entry.entry_id]
    assert entry.data[CONF_PORT] == bus.port
    assert entry.unique_id == f"127.0.0.1:{bus.port}"
    assert entry.title == f"owserver 127.0.0.1:{bus.port}"
    assert entry.state is ConfigEntryState.LOADED
    await hass.config_entries.async_unload(entry.entry_id)


async def test_discovery_of_a_configured_server_that_answers_changes_nothing(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    """The same devices announced at another address of the same machine."""

    before = dict(loaded_entry.data)
    with OwserverProcess(fake=ALL_FAMILIES) as same_bus:
        result = await hass.config_entries.flow.async_init(
            DOMAIN, context={"source": SOURCE_ZEROCONF}, data=_zeroconf(same_bus.port)
        )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert dict(loaded_entry.data) == before


@pytest.mark.parametrize(
    ("host", "error"),
    [
        ("a" * 64, "invalid_host"),
        ("../../etc", "invalid_host"),
        ("", "invalid_host"),
        ("a\x00b", "invalid_host"),
        ("no-such-owserver.invalid", "unknown_host"),
    ],
)
async def test_a_host_that_is_no_address_is_a_form_error(
    hass: HomeAssistant, real_name_resolution: None, host: str, error: str
) -> None:
    flow_id = await _owserver_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: host, CONF_PORT: 4304}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}


FORM_ERRORS = {"invalid_host", "unknown_host", "cannot_connect"}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(host=HOSTS)
async def test_any_host_text_in_the_user_flow_is_a_form_error(
    hass: HomeAssistant, real_name_resolution: None, host: str
) -> None:
    port = free_port()
    assume(connects_only_to_loopback(host.strip(), port))
    flow_id = await _owserver_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: host, CONF_PORT: port}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"]["base"] in FORM_ERRORS
    hass.config_entries.flow.async_abort(flow_id)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(host=HOSTS)
async def test_any_host_text_in_the_reconfigure_flow_is_a_form_error(
    hass: HomeAssistant, real_name_resolution: None, host: str
) -> None:
    port = free_port()
    assume(connects_only_to_loopback(host.strip(), port))
    entry = entry_at("127.0.0.1", 1)
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: host, CONF_PORT: port}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"]["base"] in FORM_ERRORS
    assert entry.data[CONF_HOST] == "127.0.0.1"
    hass.config_entries.flow.async_abort(result["flow_id"])
    await hass.config_entries.async_remove(entry.entry_id)
