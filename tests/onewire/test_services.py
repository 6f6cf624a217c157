"""The onewire_own.scan, onewire_own.read and onewire_own.write actions."""

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import (
    HomeAssistantError,
    ServiceValidationError,
    Unauthorized,
)
from homeassistant.helpers import device_registry as dr
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind

from ..peers.owserver import OwserverProcess
from .conftest import ALL_FAMILIES
from .helpers import wait_until

THERMOMETER = "28.54110E827441"
SWITCH = "29.213DDC8770E9"


async def test_read_returns_the_value_of_a_path(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    response = await hass.services.async_call(
        DOMAIN,
        "read",
        {"config_entry_id": loaded_entry.entry_id, "path": f"/{THERMOMETER}/type"},
        blocking=True,
        return_response=True,
    )
    assert response == {"path": f"/{THERMOMETER}/type", "value": "DS18B20"}


async def test_write_sets_a_path(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    await hass.services.async_call(
        DOMAIN,
        "write",
        {
            "config_entry_id": loaded_entry.entry_id,
            "path": f"/{SWITCH}/PIO.0",
            "value": "1",
        },
        blocking=True,
    )


@pytest.mark.parametrize(
    "path", ["28.54110E827441/type", "/../etc/passwd", "/28.x/type;rm", "/a b"]
)
async def test_a_path_that_is_no_owfs_path_is_refused_before_sending(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, path: str
) -> None:
    with pytest.raises(ServiceValidationError) as raised:
        await hass.services.async_call(
            DOMAIN,
            "read",
            {"config_entry_id": loaded_entry.entry_id, "path": path},
            blocking=True,
            return_response=True,
        )
    assert raised.value.translation_key == "invalid_path"


async def test_a_path_the_server_refuses_is_the_callers_translated_mistake(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    """A ServiceValidationError: Home Assistant answers it with HTTP 400, not 500."""
    with pytest.raises(ServiceValidationError) as raised:
        await hass.services.async_call(
            DOMAIN,
            "read",
            {"config_entry_id": loaded_entry.entry_id, "path": "/28.000000000000/type"},
            blocking=True,
            return_response=True,
        )
    assert raised.value.translation_key == "owserver_path_not_found"
    assert raised.value.translation_placeholders == {
        "host": "127.0.0.1",
        "port": str(loaded_entry.data[CONF_PORT]),
        "path": "/28.000000000000/type",
    }
    with pytest.raises(ServiceValidationError) as raised:
        await hass.services.async_call(
            DOMAIN,
            "write",
            {
                "config_entry_id": loaded_entry.entry_id,
                "path": f"/{THERMOMETER}/type",
                "value": "DS1820",
            },
            blocking=True,
        )
    assert raised.value.translation_key == "owserver_refused"
    assert raised.value.translation_placeholders is not None
    assert raised.value.translation_placeholders["path"] == f"/{THERMOMETER}/type"


async def test_actions_name_a_loaded_owserver_entry(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    gateway = MockConfigEntry(
        domain=DOMAIN,
        data={CONF_KIND: EntryKind.OPENWEBNET, CONF_HOST: "127.0.0.1", CONF_PORT: 1},
        state=ConfigEntryState.LOADED,
    )
    gateway.add_to_hass(hass)
    cases = {
        "no-such-entry": "service_config_entry_not_found",
        gateway.entry_id: "not_an_owserver",
    }
    for entry_id, reason in cases.items():
        with pytest.raises(ServiceValidationError) as raised:
            await hass.services.async_call(
                DOMAIN, "scan", {"config_entry_id": entry_id}, blocking=True
            )
        assert raised.value.translation_key == reason

    await hass.config_entries.async_unload(loaded_entry.entry_id)
    with pytest.raises(ServiceValidationError) as raised:
        await hass.services.async_call(
            DOMAIN,
            "read",
            {"config_entry_id": loaded_entry.entry_id, "path": "/system"},
            blocking=True,
            return_response=True,
        )
    assert raised.value.translation_key == "service_config_entry_not_loaded"


async def test_scan_finds_a_device_added_to_the_bus(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, bus: OwserverProcess
) -> None:
    coordinator = loaded_entry.runtime_data
    bus.restart(fake=[*ALL_FAMILIES, "10"])
    await wait_until(hass, lambda: coordinator.connected)

    await hass.services.async_call(DOMAIN, "scan", {}, blocking=True)
    await hass.async_block_till_done()

    registry = dr.async_get(hass)
    added = [
        device
        for device in dr.async_entries_for_config_entry(registry, loaded_entry.entry_id)
        if device.name
        and device.name.startswith("10.")
        and device.name != "10.F2FBE3467CC2"
    ]
    assert len(added) == 1
    new_id = added[0].name
    assert new_id is not None
    entity_id = f"sensor.{new_id.lower().replace('.', '_')}_temperature"
    await wait_until(hass, lambda: hass.states.get(entity_id) is not None)
    await coordinator.async_refresh()
    await hass.async_block_till_done()
    state = hass.states.get(entity_id)
    assert state is not None
    assert float(state.state) >= -55


@pytest.mark.parametrize(
    ("action", "data", "response"),
    [("scan", {}, False), ("read", {"path": f"/{THERMOMETER}/type"}, True)],
)
async def test_a_stopped_owserver_is_a_translated_error_not_the_callers_mistake(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    bus: OwserverProcess,
    action: str,
    data: dict[str, str],
    response: bool,
) -> None:
    bus.stop()
    with pytest.raises(HomeAssistantError) as raised:
        await hass.services.async_call(
            DOMAIN,
            action,
            {"config_entry_id": loaded_entry.entry_id, **data},
            blocking=True,
            return_response=response,
        )
    assert not isinstance(raised.value, ServiceValidationError)
    assert raised.value.translation_key == "owserver_unreachable"


async def test_write_is_refused_to_a_user_who_is_not_an_admin(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    hass_read_only_user: MockUser,
    hass_admin_user: MockUser,
) -> None:
    write = {
        "config_entry_id": loaded_entry.entry_id,
        "path": f"/{SWITCH}/PIO.0",
        "value": "1",
    }
    with pytest.raises(Unauthorized):
        await hass.services.async_call(
            DOMAIN,
            "write",
            write,
            blocking=True,
            context=Context(user_id=hass_read_only_user.id),
        )
    await hass.services.async_call(
        DOMAIN,
        "write",
        write,
        blocking=True,
        context=Context(user_id=hass_admin_user.id),
    )


async def test_read_and_scan_stay_open_to_every_user(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, hass_read_only_user: MockUser
) -> None:
    context = Context(user_id=hass_read_only_user.id)
    response = await hass.services.async_call(
        DOMAIN,
        "read",
        {"config_entry_id": loaded_entry.entry_id, "path": f"/{THERMOMETER}/type"},
        blocking=True,
        return_response=True,
        context=context,
    )
    assert response == {"path": f"/{THERMOMETER}/type", "value": "DS18B20"}
    await hass.services.async_call(DOMAIN, "scan", {}, blocking=True, context=context)


@pytest.mark.parametrize(
    "path",
    [
        "/settings/units/temperature_scale",
        "/settings/timeout/volatile",
        "/uncached/settings/timeout/volatile",
        "/Settings/timeout/volatile",
        "/system/process/pid",
        "/statistics/errors/CRC8_errors",
        "/structure/28/temperature",
        "/bus.0/interface/settings/name",
        "/uncached/BUS.0/Interface/settings/reconnect",
    ],
)
async def test_write_refuses_what_configures_owserver_for_every_client(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, path: str
) -> None:
    before = await hass.services.async_call(
        DOMAIN,
        "read",
        {"config_entry_id": loaded_entry.entry_id, "path": path},
        blocking=True,
        return_response=True,
    )
    with pytest.raises(ServiceValidationError) as raised:
        await hass.services.async_call(
            DOMAIN,
            "write",
            {"config_entry_id": loaded_entry.entry_id, "path": path, "value": "2"},
            blocking=True,
        )
    assert raised.value.translation_key == "owserver_settings_path"
    assert raised.value.translation_placeholders == {"path": path}
    after = await hass.services.async_call(
        DOMAIN,
        "read",
        {"config_entry_id": loaded_entry.entry_id, "path": path},
        blocking=True,
        return_response=True,
    )
    assert after == before


async def test_write_to_owserver_settings_needs_an_explicit_yes(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    path = "/settings/timeout/volatile"
    await hass.services.async_call(
        DOMAIN,
        "write",
        {
            "config_entry_id": loaded_entry.entry_id,
            "path": path,
            "value": "16",
            "allow_owserver_settings": True,
        },
        blocking=True,
    )
    response = await hass.services.async_call(
        DOMAIN,
        "read",
        {"config_entry_id": loaded_entry.entry_id, "path": path},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    assert response["value"] == "16"
