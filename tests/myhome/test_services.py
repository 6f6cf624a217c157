"""The onewire_own.send_message and onewire_own.sync_time actions."""

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import (
    HomeAssistantError,
    ServiceValidationError,
    Unauthorized,
)
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind
from custom_components.onewire_own.openwebnet import DimensionWrite
from custom_components.onewire_own.openwebnet.items.gateway_info import parse_date_time
from simulator.openwebnet import GatewaySimulator

from .conftest import state_of, wait_for


async def send(hass: HomeAssistant, entry_id: str, frame: str) -> list[str]:
    response = await hass.services.async_call(
        DOMAIN,
        "send_message",
        {"config_entry_id": entry_id, "frame": frame},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    frames = response["frames"]
    assert isinstance(frames, list)
    return frames


async def test_send_message_returns_the_gateways_answers(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    assert await send(hass, loaded_entry.entry_id, "*#1*12##") == [
        "*1*1*12##",
        "*#*1##",
    ]


async def test_a_command_sent_raw_moves_the_bus_and_the_entity_follows(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    assert await send(hass, loaded_entry.entry_id, " *1*1*11## ") == ["*#*1##"]
    await wait_for(lambda: state_of(hass, "light.light_11") == "on")
    assert gateway.light("11").on


async def test_a_refused_request_returns_the_nack(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    assert await send(hass, loaded_entry.entry_id, "*#1*99##") == ["*#*0##"]


@pytest.mark.parametrize(
    "frame", ["*1*a*123##", "*1**##", "hello", "*99*1##", "*#*1##"]
)
async def test_send_message_refuses_what_is_not_a_request_before_sending(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    gateway: GatewaySimulator,
    frame: str,
) -> None:
    requests_before = len(gateway.requests())
    with pytest.raises(ServiceValidationError) as error:
        await send(hass, loaded_entry.entry_id, frame)
    assert error.value.translation_key == "invalid_frame"
    assert len(gateway.requests()) == requests_before


async def test_actions_name_a_loaded_gateway_entry(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    owserver = MockConfigEntry(
        domain=DOMAIN,
        data={CONF_KIND: EntryKind.OWSERVER, "host": "127.0.0.1", "port": 4304},
        state=ConfigEntryState.LOADED,
    )
    owserver.add_to_hass(hass)
    for entry_id, key in (
        ("no-such-entry", "service_config_entry_not_found"),
        (owserver.entry_id, "not_a_gateway"),
    ):
        with pytest.raises(ServiceValidationError) as error:
            await send(hass, entry_id, "*#1*12##")
        assert error.value.translation_key == key

    await hass.config_entries.async_unload(loaded_entry.entry_id)
    assert loaded_entry.state is ConfigEntryState.NOT_LOADED
    with pytest.raises(ServiceValidationError) as error:
        await send(hass, loaded_entry.entry_id, "*#1*12##")
    assert error.value.translation_key == "service_config_entry_not_loaded"


async def test_send_message_is_refused_to_a_user_who_is_not_an_admin(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    gateway: GatewaySimulator,
    hass_read_only_user: MockUser,
) -> None:
    requests_before = len(gateway.requests())
    with pytest.raises(Unauthorized):
        await hass.services.async_call(
            DOMAIN,
            "send_message",
            {"config_entry_id": loaded_entry.entry_id, "frame": "*1*1*11##"},
            blocking=True,
            context=Context(user_id=hass_read_only_user.id),
        )
    assert len(gateway.requests()) == requests_before
    assert not gateway.light("11").on


async def test_sync_time_sets_the_gateway_clock_to_home_assistants(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    await hass.config.async_set_time_zone("Asia/Tokyo")  # UTC+9, zone 009
    before = dt_util.now().replace(microsecond=0)

    await hass.services.async_call(
        DOMAIN, "sync_time", {"config_entry_id": loaded_entry.entry_id}, blocking=True
    )

    writes = [r for r in gateway.requests(13) if isinstance(r, DimensionWrite)]
    assert len(writes) == 1
    assert writes[0].values[3] == "009"
    sent = parse_date_time(writes[0].values)
    assert sent is not None
    assert before <= sent <= dt_util.now()


async def test_send_message_to_a_gateway_gone_silent_is_an_error(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    await gateway.stop()
    with pytest.raises(HomeAssistantError) as error:
        await send(hass, loaded_entry.entry_id, "*#1*12##")
    assert error.value.translation_key == "command_not_delivered"
    assert error.value.translation_placeholders == {
        "host": gateway.host,
        "port": str(gateway.port),
    }
