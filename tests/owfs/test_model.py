"""The object model against a real owserver: buses, couplers, devices."""

import pytest

from custom_components.onewire_own.owfs import (
    OWFS,
    AttributeArray,
    BusAdded_Path,
    DeviceAdded,
    DeviceLocated,
    Event,
    ServerConnected,
    ServerRegistered,
)

from ..peers.owserver import OwserverProcess
from .conftest import ALL_FAKE_FAMILIES


async def test_every_fake_family_enumerates_with_its_model(
    ow: OWFS, family_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(family_owserver.host, family_owserver.port)
    located = {device.family for device in server.devices}
    assert located >= set(ALL_FAKE_FAMILIES)
    by_family = {device.family: device for device in server.devices}
    assert by_family["28"].type == "DS18B20"
    assert by_family["1F"].type == "DS2409"
    assert by_family["29"].type == "DS2408"
    assert all(device.type for device in server.devices)
    assert all(device.located and device.server is server for device in server.devices)


async def test_eds_devices_report_their_model_from_device_type(
    ow: OWFS, family_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(family_owserver.host, family_owserver.port)
    eds = next(device for device in server.devices if device.family == "7E")
    # The fake invents a new model name on every read: the type is that,
    # not the family-wide "EDS" of /type.
    assert eds.type
    assert eds.type != (await server.read(f"{eds.path}/type")).decode() == "EDS"


async def test_physical_buses_and_coupler_branches_are_buses(
    ow: OWFS, family_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(family_owserver.host, family_owserver.port)
    coupler = next(device for device in server.devices if device.family == "1F")
    paths = [bus.path for bus in server.buses]
    assert paths == [
        ("bus.0",),
        ("bus.1",),
        ("bus.0", coupler.id, "main"),
        ("bus.0", coupler.id, "aux"),
    ]
    branches = {bus.branch: bus for bus in server.buses if bus.coupler is not None}
    assert set(branches) == {"main", "aux"}
    assert all(bus.coupler is coupler for bus in branches.values())
    # The fake lists every device (the coupler too) again inside its branch:
    # each device stays on the bus it was first found on, and the walk ends.
    assert branches["main"].devices == []
    assert coupler.bus is server.get_bus("bus.0")


async def test_the_tester_bus_holds_its_own_devices(
    ow: OWFS, family_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(family_owserver.host, family_owserver.port)
    tester_bus = next(bus for bus in server.buses if bus.path == ("bus.1",))
    assert sorted(device.family for device in tester_bus.devices) == ["10", "28"]
    assert tester_bus.coupler is None
    assert tester_bus.branch is None
    assert await tester_bus.attr_get("interface", "settings", "name") != ""


async def test_a_device_has_one_object_for_every_id_form(
    ow: OWFS, fake_owserver: OwserverProcess
) -> None:
    await ow.add_server(fake_owserver.host, fake_owserver.port)
    plain = await ow.get_device("28.4AEC29CDBAAB")
    assert await ow.get_device("28.4AEC29CDBAAB.95") is plain
    assert await ow.get_device("284aec29cdbaab") is plain
    assert ow.devices["28.4AEC29CDBAAB"] is plain
    assert plain.fdidc == "28.4AEC29CDBAAB.95"
    assert plain.family == "28"
    assert plain.path == "/bus.0/28.4AEC29CDBAAB"
    with pytest.raises(ValueError, match="not a 1-Wire device id"):
        await ow.get_device("bus.0")


async def test_adding_a_server_reports_it_its_buses_and_devices(
    ow: OWFS, fake_owserver: OwserverProcess
) -> None:
    received: list[Event] = []
    ow.add_listener(received.append)
    server = await ow.add_server(fake_owserver.host, fake_owserver.port)
    assert received[:2] == [ServerRegistered(server), ServerConnected(server)]
    assert BusAdded_Path("bus.0") in received
    added = {event.device.id for event in received if isinstance(event, DeviceAdded)}
    located = {
        event.device.id for event in received if isinstance(event, DeviceLocated)
    }
    assert added == located == {device.id for device in server.devices}
    assert server.connected


async def test_structure_builds_typed_accessors(
    ow: OWFS, fake_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(fake_owserver.host, fake_owserver.port)
    thermometer = await ow.get_device("28.4AEC29CDBAAB")
    with pytest.raises(AttributeError):
        _ = thermometer.temperature  # no accessors before ensure_struct
    await ow.ensure_struct(thermometer)
    assert isinstance(await thermometer.temperature, float)
    await thermometer.set_temphigh(99)
    temperature = thermometer.structure["temperature"]
    assert (temperature.kind, temperature.readable, temperature.writable) == (
        float,
        True,
        False,
    )
    assert temperature.volatile
    assert not thermometer.structure["temphigh"].volatile
    with pytest.raises(AttributeError):
        _ = thermometer.no_such_thing

    switch = next(device for device in server.devices if device.family == "29")
    await ow.ensure_struct(switch)
    assert isinstance(switch.PIO, AttributeArray)
    assert [name for name in switch.structure if name.startswith("PIO.")] == [
        "PIO.BYTE",
        "PIO.ALL",
        *(f"PIO.{n}" for n in range(8)),
    ]
    await switch.PIO.set(3, True)
    assert isinstance(await switch.PIO[3], bool)
    assert len(await switch.PIO.all) == 8
    assert isinstance(await switch.attr_get("PIO.BYTE"), int)


async def test_structure_descends_into_sub_directories(
    ow: OWFS, family_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(family_owserver.host, family_owserver.port)
    battery_monitor = await server.structure("26")
    assert battery_monitor["HIH4000/humidity"].kind is float
    assert battery_monitor["humidity"].volatile
    assert await server.structure("26") is battery_monitor  # read once


async def test_bus_attributes_can_be_written(
    ow: OWFS, fake_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(fake_owserver.host, fake_owserver.port)
    bus = server.get_bus("bus.0")
    await bus.attr_set("simultaneous", "temperature", value=True)
    assert bus.path_str == "/bus.0"


async def test_two_couplers_listing_each_other_end_the_walk(
    ow: OWFS, socket_enabled: None
) -> None:
    with OwserverProcess(fake=("1F", "1F", "28")) as owserver:
        server = await ow.add_server(owserver.host, owserver.port)
        couplers = [device for device in server.devices if device.family == "1F"]
        assert len(couplers) == 2
        # Each coupler's branches are listed once, though every branch lists
        # both couplers again.
        assert sorted(bus.path[1:] for bus in server.buses if bus.coupler) == sorted(
            (coupler.id, branch) for coupler in couplers for branch in ("main", "aux")
        )
        assert len(server.buses) == 5
        await server.aclose()
