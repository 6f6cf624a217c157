"""The gateway branch of the config flow, against a simulated gateway.

Each authentication scheme a gateway may ask for, a wrong password, the
lockout guard, SSDP discovery, reauthentication and reconfiguration.
"""

from collections.abc import Callable, Iterator
import dataclasses
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import SOURCE_SSDP, SOURCE_USER
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_PORT
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.service_info.ssdp import SsdpServiceInfo
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind
from custom_components.onewire_own.openwebnet.session import (
    SessionSettings,
    SessionType,
    open_session,
)
from simulator.openwebnet import PROFILES, GatewaySimulator, Installation

from ..flow_title import flow_card_title
from ..peers.owserver import free_port
from .conftest import SAMPLE_MAC, gateway_entry

type StartGateway = Callable[..., Any]


@pytest.fixture(autouse=True)
def entries_are_not_set_up() -> Iterator[None]:
    """These tests are about the flow: a created entry is not set up."""
    with patch("custom_components.onewire_own.async_setup_entry", return_value=True):
        yield


async def _gateway_form(hass: HomeAssistant) -> str:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "openwebnet"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "openwebnet"
    return result["flow_id"]


def _answer(simulator: GatewaySimulator, password: str = "") -> dict[str, Any]:
    answer: dict[str, Any] = {CONF_HOST: simulator.host, CONF_PORT: simulator.port}
    if password:
        answer[CONF_PASSWORD] = password
    return answer


def _ssdp(host: str, model: str = "F454") -> SsdpServiceInfo:
    return SsdpServiceInfo(
        ssdp_usn="uuid:pnp-webserver-1_0-00:03:50:a1:b2:c3",
        ssdp_st="upnp:rootdevice",
        ssdp_location=f"http://{host}:80/description.xml",
        upnp={"manufacturer": "BTicino S.p.A.", "modelName": model},
    )


@pytest.mark.parametrize(
    ("auth", "password"),
    [("none", ""), ("open", "12345"), ("sha1", "abcde12345"), ("sha256", "x1")],
)
async def test_gateway_with_each_auth_scheme_becomes_an_entry_named_after_its_mac(
    hass: HomeAssistant,
    start_gateway: StartGateway,
    sample_installation: Installation,
    auth: str,
    password: str,
) -> None:
    simulator = await start_gateway(
        sample_installation, auth=auth, password=password or None
    )
    flow_id = await _gateway_form(hass)

    result = await hass.config_entries.flow.async_configure(
        flow_id, _answer(simulator, password)
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].unique_id == SAMPLE_MAC
    assert result["title"] == "F454/MH202 (127.0.0.1)"
    assert result["data"] == {
        CONF_KIND: EntryKind.OPENWEBNET,
        CONF_HOST: simulator.host,
        CONF_PORT: simulator.port,
        CONF_PASSWORD: password,
        "model_id": 200,  # what *#13**15## said: shared by several models
    }


async def test_wrong_password_is_invalid_auth_and_the_right_one_then_works(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    flow_id = await _gateway_form(hass)

    result = await hass.config_entries.flow.async_configure(
        flow_id, _answer(gateway, "wrong0")
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}

    result = await hass.config_entries.flow.async_configure(
        flow_id, _answer(gateway, "abcde12345")
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_missing_password_is_invalid_auth(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    flow_id = await _gateway_form(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, _answer(gateway))
    assert result["errors"] == {"base": "invalid_auth"}


async def test_letters_for_a_gateway_that_wants_digits_is_invalid_auth(
    hass: HomeAssistant, start_gateway: StartGateway
) -> None:
    simulator = await start_gateway(auth="open", password="12345")
    flow_id = await _gateway_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, _answer(simulator, "abcde")
    )
    assert result["errors"] == {"base": "invalid_auth"}


@pytest.mark.parametrize(
    "password",
    [pytest.param("1" * 5000, id="5000 digits"), pytest.param("1" * 11, id="11")],
)
async def test_more_digits_than_an_open_password_has_is_invalid_auth(
    hass: HomeAssistant, start_gateway: StartGateway, password: str
) -> None:
    """The OPEN scheme computes in 32 bits; 5000 digits used to answer HTTP 500."""
    simulator = await start_gateway(auth="open", password="12345")
    flow_id = await _gateway_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, _answer(simulator, password)
    )
    assert result["errors"] == {"base": "invalid_auth"}


@pytest.mark.parametrize("password", ["abc-de", "ab cd", "x" * 31, "pàssword"])
async def test_password_outside_the_openwebnet_alphabet_is_refused_before_connecting(
    hass: HomeAssistant, gateway: GatewaySimulator, password: str
) -> None:
    flow_id = await _gateway_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, _answer(gateway, password)
    )
    assert result["errors"] == {"base": "invalid_password_format"}
    assert gateway.counters.failed_logins == 0


async def test_third_wrong_password_in_a_minute_is_not_tried_so_the_gateway_never_locks(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    flow_id = await _gateway_form(hass)
    for _ in range(2):
        result = await hass.config_entries.flow.async_configure(
            flow_id, _answer(gateway, "wrong0")
        )
        assert result["errors"] == {"base": "invalid_auth"}

    result = await hass.config_entries.flow.async_configure(
        flow_id, _answer(gateway, "abcde12345")
    )

    assert result["errors"] == {"base": "auth_locked"}
    assert gateway.counters.failed_logins == 2
    assert gateway.counters.lockouts == 0


async def test_unreachable_gateway_is_cannot_connect(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    flow_id = await _gateway_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: "127.0.0.1", CONF_PORT: free_port()}
    )
    assert result["errors"] == {"base": "cannot_connect"}


def _entry_elsewhere() -> MockConfigEntry:
    """The sample gateway's entry, made when it answered at another address."""
    return MockConfigEntry(
        domain=DOMAIN,
        unique_id=SAMPLE_MAC,
        data={
            CONF_KIND: EntryKind.OPENWEBNET,
            CONF_HOST: "192.0.2.1",
            CONF_PORT: 20000,
            CONF_PASSWORD: "old",
        },
    )


async def test_a_gateway_added_again_by_hand_aborts_and_leaves_its_entry_alone(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    entry = _entry_elsewhere()
    entry.add_to_hass(hass)
    before = dict(entry.data)
    flow_id = await _gateway_form(hass)

    with patch.object(hass.config_entries, "async_reload") as reload:
        result = await hass.config_entries.flow.async_configure(
            flow_id, _answer(gateway, "abcde12345")
        )
        await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert dict(entry.data) == before  # moving an entry is reconfigure's job
    reload.assert_not_called()


@pytest.mark.parametrize(
    "typed",
    ["localhost", "127.1", " 127.0.0.1 ", "2130706433", "::ffff:127.0.0.1", "0.0.0.0"],
)
async def test_a_configured_gateway_typed_under_another_name_is_known_before_login(
    hass: HomeAssistant,
    start_gateway: StartGateway,
    real_name_resolution: None,
    typed: str,
) -> None:
    """Its entry holds the gateway's only command session (an MH200N's).

    Logging in again would wait for a place that does not free up, answer
    cannot_connect for a gateway that works, and silence the entry's event
    session meanwhile: the address is recognised before any login.
    """
    simulator = await start_gateway(profile="MH200N", auth="open", password="12345")
    entry = gateway_entry(simulator, password="12345")
    entry.add_to_hass(hass)
    before = dict(entry.data)
    held = await open_session(
        SessionSettings(host="127.0.0.1", port=simulator.port, password="12345"),
        SessionType.CommandSession,
    )
    connections = simulator.counters.connections
    flow_id = await _gateway_form(hass)

    try:
        result = await hass.config_entries.flow.async_configure(
            flow_id,
            {CONF_HOST: typed, CONF_PORT: simulator.port, CONF_PASSWORD: "12345"},
        )
    finally:
        await held.close()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert simulator.counters.connections == connections  # no login tried
    assert dict(entry.data) == before


async def test_reconfigure_onto_another_entrys_gateway_is_refused_before_login(
    hass: HomeAssistant, gateway: GatewaySimulator, real_name_resolution: None
) -> None:
    other = gateway_entry(gateway)
    other.add_to_hass(hass)
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id="00:03:50:99:99:99",
        data={
            CONF_KIND: EntryKind.OPENWEBNET,
            CONF_HOST: "127.0.0.1",
            CONF_PORT: free_port(),
            CONF_PASSWORD: "abcde12345",
        },
    )
    entry.add_to_hass(hass)
    before = dict(entry.data)
    connections = gateway.counters.connections
    result = await entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_HOST: "localhost", CONF_PORT: gateway.port, CONF_PASSWORD: "abcde12345"},
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert gateway.counters.connections == connections
    assert dict(entry.data) == before


async def test_a_discovered_gateway_at_a_new_address_moves_its_entry_there(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    entry = _entry_elsewhere()
    entry.add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_SSDP}, data=_ssdp("127.0.0.1", "MH200N")
    )
    with patch(
        "custom_components.onewire_own.myhome.config_flow.DEFAULT_OPENWEBNET_PORT",
        gateway.port,
    ):
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_PASSWORD: "abcde12345"}
        )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert (entry.data[CONF_HOST], entry.data[CONF_PORT]) == (
        gateway.host,
        gateway.port,
    )
    assert entry.data["model"] == "MH200N"  # what SSDP announced
    assert entry.data[CONF_PASSWORD] == "old"


async def test_ssdp_discovery_asks_for_the_password_then_adds_the_gateway(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_SSDP}, data=_ssdp("127.0.0.1")
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "ssdp_confirm"
    assert result["description_placeholders"] == {"model": "F454", "host": "127.0.0.1"}
    assert flow_card_title(hass, result["flow_id"]) == "F454 (127.0.0.1)"

    # A discovered gateway is assumed on the default port.
    with patch(
        "custom_components.onewire_own.myhome.config_flow.DEFAULT_OPENWEBNET_PORT",
        gateway.port,
    ):
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_PASSWORD: "wrong0"}
        )
        assert result["errors"] == {"base": "invalid_auth"}
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_PASSWORD: "abcde12345"}
        )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].unique_id == SAMPLE_MAC
    assert result["title"] == "F454 (127.0.0.1)"  # the model SSDP announced
    assert result["data"][CONF_PORT] == gateway.port
    assert (result["data"]["model"], result["data"]["model_id"]) == ("F454", 200)


async def test_ssdp_of_a_configured_gateway_is_aborted(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    gateway_entry(gateway).add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_SSDP}, data=_ssdp(gateway.host)
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_ssdp_without_a_location_is_aborted(hass: HomeAssistant) -> None:
    info = _ssdp("127.0.0.1")
    info.ssdp_location = None
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_SSDP}, data=info
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "cannot_connect"


async def test_same_ssdp_announcement_twice_is_one_flow(hass: HomeAssistant) -> None:
    first = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_SSDP}, data=_ssdp("192.0.2.7")
    )
    second = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_SSDP}, data=_ssdp("192.0.2.7")
    )
    assert first["type"] is FlowResultType.FORM
    assert second["type"] is FlowResultType.ABORT
    assert second["reason"] == "already_in_progress"


async def test_reauth_stores_the_new_password_once_the_gateway_accepts_it(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    entry = gateway_entry(gateway, password="outdated")
    entry.add_to_hass(hass)
    result = await entry.start_reauth_flow(hass)
    assert result["step_id"] == "reauth_gateway"
    assert flow_card_title(hass, result["flow_id"]) == entry.title

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: "stillwrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: "abcde12345"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    # Our text, translated in every language (Home Assistant's lacks Italian).
    assert result.get("translation_domain") is None
    assert entry.data[CONF_PASSWORD] == "abcde12345"


async def test_reconfigure_moves_the_entry_to_the_gateways_new_port(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    entry = gateway_entry(gateway)
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, data={**entry.data, CONF_PORT: free_port()}
    )
    result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure_gateway"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: gateway.host, CONF_PORT: free_port()}
    )
    assert result["errors"] == {"base": "cannot_connect"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _answer(gateway, "abcde12345")
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert result.get("translation_domain") is None  # our text, in every language
    assert entry.data[CONF_PORT] == gateway.port


async def test_reconfigure_to_another_gateway_is_refused(
    hass: HomeAssistant, start_gateway: StartGateway, gateway: GatewaySimulator
) -> None:
    other = await start_gateway(
        Installation.from_dict({"gateway": {"mac": "00:03:50:99:99:99"}})
    )
    entry = gateway_entry(gateway)
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _answer(other)
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "unique_id_mismatch"
    assert entry.data[CONF_PORT] == gateway.port


async def test_gateway_that_drops_the_session_before_answering_is_cannot_connect(
    hass: HomeAssistant, start_gateway: StartGateway
) -> None:
    # Closes idle command sessions at once: before the first question is asked.
    impatient = dataclasses.replace(PROFILES["F454"], command_idle_timeout=0.01)
    simulator = await start_gateway(profile=impatient)
    flow_id = await _gateway_form(hass)

    result = await hass.config_entries.flow.async_configure(flow_id, _answer(simulator))

    assert result["errors"] == {"base": "cannot_connect"}
