"""Rescans: new, moved, missing and vanished things, on a tiny server.

The tiny server's tree can be edited between scans, which a running
owserver --fake cannot; the real owserver's restart with other devices is
covered in test_reconnect.
"""

import asyncio

import pytest

from custom_components.onewire_own.owfs import (
    OWFS,
    BusDeleted,
    DeviceDeleted,
    DeviceLocated,
    DeviceNotFound,
    Event,
    OwfsConnectionError,
)

from .tiny_server import TinyOwserver

SENSOR = "28.4AEC29CDBAAB"
COUPLER = "1F.765A2E63339F"


def add_coupler(tiny: TinyOwserver) -> None:
    tiny.tree["/bus.0"] = [SENSOR, COUPLER, "simultaneous", "alarm"]
    tiny.tree[f"/bus.0/{COUPLER}/type"] = b"DS2409"
    tiny.tree[f"/bus.0/{COUPLER}/main"] = []
    tiny.tree[f"/bus.0/{COUPLER}/aux"] = []


async def test_a_new_device_is_added_and_located(
    ow: OWFS, tiny: TinyOwserver, events: list[Event]
) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port)
    tiny.tree["/bus.0"] = [SENSOR, "7E.ABB2CDC69BB4", "alarm"]
    tiny.tree["/bus.0/7E.ABB2CDC69BB4/type"] = b"EDS"
    tiny.tree["/bus.0/7E.ABB2CDC69BB4/device_type"] = b"EDS0065"
    await ow.scan_now()
    eds = ow.devices["7E.ABB2CDC69BB4"]
    assert eds.bus is server.get_bus("bus.0")
    assert eds.type == "EDS0065"
    assert DeviceLocated(eds) in events


async def test_a_moved_device_is_relocated(
    ow: OWFS, tiny: TinyOwserver, events: list[Event]
) -> None:
    add_coupler(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    sensor = ow.devices[SENSOR]
    tiny.tree["/bus.0"] = [COUPLER]
    tiny.tree[f"/bus.0/{COUPLER}/aux"] = [SENSOR]
    tiny.tree[f"/bus.0/{COUPLER}/aux/{SENSOR}/temperature"] = b"7.5"
    events.clear()
    await server.scan_now()
    assert sensor.bus is not None
    assert sensor.bus.path == ("bus.0", COUPLER, "aux")
    assert sensor.bus.coupler is ow.devices[COUPLER]
    assert events == [DeviceLocated(sensor)]
    await ow.ensure_struct(sensor)
    assert await sensor.temperature == 7.5


async def test_a_device_missing_from_two_scans_is_not_found(
    ow: OWFS, tiny: TinyOwserver, events: list[Event]
) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port)
    sensor = ow.devices[SENSOR]
    tiny.tree["/bus.0"] = ["alarm"]
    await server.scan_now()
    assert sensor.located  # one miss may be a glitch on the bus
    await server.scan_now()
    assert not sensor.located
    assert events[-1] == DeviceNotFound(sensor)
    assert sensor.server is server  # still known where it was last seen
    tiny.tree["/bus.0"] = [SENSOR]
    await server.scan_now()
    assert sensor.located
    assert events[-1] == DeviceLocated(sensor)


async def test_one_missed_scan_is_forgiven(ow: OWFS, tiny: TinyOwserver) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port)
    sensor = ow.devices[SENSOR]
    listing = tiny.tree["/bus.0"]
    tiny.tree["/bus.0"] = []
    await server.scan_now()
    tiny.tree["/bus.0"] = listing
    await server.scan_now()
    tiny.tree["/bus.0"] = []
    await server.scan_now()
    assert sensor.located


async def test_a_vanished_coupler_frees_its_branch_buses(
    ow: OWFS, tiny: TinyOwserver, events: list[Event]
) -> None:
    add_coupler(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    branches = [bus for bus in server.buses if bus.coupler is not None]
    assert len(branches) == 2
    tiny.tree["/bus.0"] = [SENSOR]
    await server.scan_now()
    await server.scan_now()
    assert [bus.path for bus in server.buses] == [("bus.0",)]
    assert all(BusDeleted(bus) in events for bus in branches)
    assert not ow.devices[COUPLER].located


async def test_a_branch_that_cannot_be_listed_keeps_its_devices(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    add_coupler(tiny)
    tiny.tree[f"/bus.0/{COUPLER}/main"] = ["10.67C6697351FF"]
    tiny.tree[f"/bus.0/{COUPLER}/main/10.67C6697351FF/type"] = b"DS18S20"
    server = await ow.add_server("127.0.0.1", tiny.port)
    behind = ow.devices["10.67C6697351FF"]
    del tiny.tree[f"/bus.0/{COUPLER}/main"]
    await server.scan_now()
    await server.scan_now()
    assert behind.located


async def test_a_server_without_bus_entries_is_one_root_bus(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    tiny.tree["/"] = [SENSOR, "settings"]
    tiny.tree[f"/{SENSOR}/type"] = b"DS18B20"
    server = await ow.add_server("127.0.0.1", tiny.port)
    (bus,) = server.buses
    assert bus.path == ()
    assert bus.path_str == "/"
    assert ow.devices[SENSOR].path == f"/{SENSOR}"


async def test_a_device_whose_type_cannot_be_read_is_still_located(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    del tiny.tree[f"/bus.0/{SENSOR}/type"]
    await ow.add_server("127.0.0.1", tiny.port)
    assert ow.devices[SENSOR].type == "unknown"
    assert ow.devices[SENSOR].located


async def test_a_deleted_device_is_forgotten(
    ow: OWFS, tiny: TinyOwserver, events: list[Event]
) -> None:
    await ow.add_server("127.0.0.1", tiny.port)
    sensor = ow.devices[SENSOR]
    ow.delete_device(sensor)
    assert SENSOR not in ow.devices
    assert events[-2:] == [DeviceNotFound(sensor), DeviceDeleted(sensor)]


async def test_periodic_scans_find_new_devices_by_themselves(
    ow: OWFS, tiny: TinyOwserver, events: list[Event]
) -> None:
    await ow.add_server("127.0.0.1", tiny.port, scan_interval=0.05)
    tiny.tree["/bus.0"] = [SENSOR, "10.67C6697351FF"]
    tiny.tree["/bus.0/10.67C6697351FF/type"] = b"DS18S20"
    located = asyncio.Event()
    ow.add_listener(
        lambda event: located.set() if isinstance(event, DeviceLocated) else None
    )
    await located.wait()
    assert ow.devices["10.67C6697351FF"].located


async def test_a_failed_periodic_scan_keeps_the_server_and_its_devices(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port, scan_interval=0.02)
    root = tiny.tree.pop("/")
    scanned = asyncio.Event()
    tiny.on_request = lambda kind, path: scanned.set() if path == "/" else None
    await scanned.wait()
    await asyncio.sleep(0)
    tiny.tree["/"] = root
    assert server.connected
    assert ow.devices[SENSOR].located


async def test_attributes_outside_the_structure_read_as_text(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    tiny.tree[f"/bus.0/{SENSOR}/power"] = b"1"
    await ow.add_server("127.0.0.1", tiny.port)
    sensor = ow.devices[SENSOR]
    assert await sensor.attr_get("power") == "1"
    assert await sensor.attr_get("temperature") == 21.5
    await sensor.attr_set("power", value=False)
    assert (f"/bus.0/{SENSOR}/power", b"0") in tiny.writes


async def test_a_device_never_seen_on_a_server_cannot_be_read(ow: OWFS) -> None:
    ghost = await ow.get_device("28.000000000001")
    await ow.ensure_struct(ghost, maybe=True)  # quietly nothing to do
    assert ghost.structure is None
    assert not ghost.located
    with pytest.raises(OwfsConnectionError, match="never found"):
        await ghost.attr_get("temperature")
    assert "not located" in repr(ghost)


async def test_locating_is_idempotent_and_delocating_names_the_bus(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port)
    sensor = ow.devices[SENSOR]
    bus = server.get_bus("bus.0")
    sensor.locate(bus)
    sensor.delocate(server.get_bus("bus.9"))  # not where it is: no change
    assert sensor.bus is bus
    assert bus.devices == [sensor]
    assert "bus.0" in repr(sensor)
    assert "1 devices" in repr(bus)


async def test_a_closed_instance_takes_no_new_servers(tiny: TinyOwserver) -> None:
    ow = OWFS()
    server = await ow.add_server("127.0.0.1", tiny.port)
    await server.drop()  # the seed's name for aclose
    assert ow.servers == []
    await ow.aclose()
    await ow.aclose()
    with pytest.raises(OwfsConnectionError, match="closed"):
        await ow.add_server("127.0.0.1", tiny.port)
