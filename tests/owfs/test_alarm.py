"""Alarm polling: devices in a bus's alarm directory, switch inputs pushed."""

import asyncio

from custom_components.onewire_own.owfs import (
    OWFS,
    DeviceAlarm,
    DeviceValue,
    Event,
    Server,
)
from custom_components.onewire_own.owfs.alarm import AlarmPoller

from ..peers.owserver import OwserverProcess
from .tiny_server import TinyOwserver

SWITCH = "29.3158A35A255D"
SENSOR = "28.4AEC29CDBAAB"


def alarm_poller(ow: OWFS, server: Server) -> AlarmPoller:
    """A poller of server's alarm directories, reporting to ow's events."""
    return AlarmPoller(server, 1.0, devices=ow.devices, emit=ow.push_event)


def switch_tree(tiny: TinyOwserver) -> None:
    tiny.tree["/bus.0"] = [SENSOR, SWITCH, "alarm"]
    tiny.tree[f"/bus.0/{SWITCH}/type"] = b"DS2408"
    tiny.tree[f"/bus.0/{SWITCH}/sensed.ALL"] = b"1,0,0,0,0,0,0,1"
    tiny.tree[f"/bus.0/{SWITCH}/latch.ALL"] = b"1,0,0,0,0,0,0,0"
    tiny.tree[f"/bus.0/{SWITCH}/latch.BYTE"] = b"1"
    tiny.tree["/structure/29"] = [
        "sensed.0",
        "sensed.ALL",
        "latch.0",
        "latch.ALL",
        "latch.BYTE",
    ]
    tiny.tree["/structure/29/sensed.0"] = b"y,000000,000008,ro,000001,v,"
    tiny.tree["/structure/29/sensed.ALL"] = b"y,-000001,000008,ro,000015,v,"
    tiny.tree["/structure/29/latch.0"] = b"y,000000,000008,rw,000001,v,"
    tiny.tree["/structure/29/latch.ALL"] = b"y,-000001,000008,rw,000015,v,"
    tiny.tree["/structure/29/latch.BYTE"] = b"y,-000002,000008,rw,000012,v,"


async def test_a_switch_in_alarm_pushes_its_inputs_and_clears_its_latches(
    ow: OWFS, tiny: TinyOwserver, events: list[Event]
) -> None:
    switch_tree(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    switch = ow.devices[SWITCH]
    tiny.tree["/bus.0/alarm"] = [SWITCH]
    in_alarm = await alarm_poller(ow, server).poll_once()
    assert in_alarm == [switch]
    assert DeviceAlarm(switch) in events
    pushed = {(e.attribute, e.value) for e in events if isinstance(e, DeviceValue)}
    assert ("sensed.0", True) in pushed
    assert ("sensed.1", False) in pushed
    assert ("sensed.7", True) in pushed
    assert ("latch.0", True) in pushed
    assert (f"/bus.0/{SWITCH}/latch.BYTE", b"0") in tiny.writes


async def test_a_thermometer_in_alarm_is_only_reported(
    ow: OWFS, tiny: TinyOwserver, events: list[Event]
) -> None:
    switch_tree(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    tiny.tree["/bus.0/alarm"] = [SENSOR, "28.000000000001"]  # the 2nd is unknown
    assert await alarm_poller(ow, server).poll_once() == [ow.devices[SENSOR]]
    assert [e for e in events if isinstance(e, DeviceValue)] == []


async def test_alarm_polling_runs_in_the_background_until_stopped(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    switch_tree(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    tiny.tree["/bus.0/alarm"] = [SWITCH]
    alarmed = asyncio.Event()
    ow.add_listener(lambda e: alarmed.set() if isinstance(e, DeviceAlarm) else None)
    ow.start_alarm_polling(server, interval=0.01)
    ow.start_alarm_polling(server, interval=0.01)  # idempotent
    await alarmed.wait()
    await ow.stop_alarm_polling(server)
    await ow.stop_alarm_polling(server)


async def test_a_bus_without_alarm_directory_is_skipped(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    switch_tree(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    del tiny.tree["/bus.0/alarm"]
    assert await alarm_poller(ow, server).poll_once() == []


async def test_the_real_owservers_alarm_directories_are_read(
    ow: OWFS, fake_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(fake_owserver.host, fake_owserver.port)
    # The fake raises no alarms; every bus, branches included, is asked.
    assert await alarm_poller(ow, server).poll_once() == []


async def test_switches_without_latches_or_readable_inputs_are_still_reported(
    ow: OWFS, tiny: TinyOwserver, events: list[Event]
) -> None:
    switch_tree(tiny)
    two_channel = "3A.051758E95ED4"
    tiny.tree["/bus.0"] = [SWITCH, two_channel, "alarm"]
    tiny.tree[f"/bus.0/{two_channel}/type"] = b"DS2413"
    tiny.tree[f"/bus.0/{two_channel}/sensed.ALL"] = b"0,1"
    tiny.tree["/structure/3A"] = ["sensed.A", "sensed.ALL"]
    tiny.tree["/structure/3A/sensed.A"] = b"y,000000,000002,ro,000001,v,"
    tiny.tree["/structure/3A/sensed.ALL"] = b"y,-000001,000002,ro,000003,v,"
    server = await ow.add_server("127.0.0.1", tiny.port)
    # The DS2408 cannot be read any more, nor its latches cleared.
    del tiny.tree[f"/bus.0/{SWITCH}/sensed.ALL"]
    del tiny.tree[f"/bus.0/{SWITCH}/latch.ALL"]
    tiny.tree[f"/bus.0/{SWITCH}/latch.BYTE"] = []
    tiny.tree["/bus.0/alarm"] = ["simultaneous", SWITCH, two_channel]
    in_alarm = await alarm_poller(ow, server).poll_once()
    assert [device.id for device in in_alarm] == [SWITCH, two_channel]
    pushed = [
        (e.device.id, e.attribute, e.value)
        for e in events
        if isinstance(e, DeviceValue)
    ]
    assert pushed == [(two_channel, "sensed.A", False), (two_channel, "sensed.B", True)]


async def test_alarm_polling_survives_a_lost_server(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    switch_tree(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    polled = asyncio.Event()
    tiny.on_request = (
        lambda kind, path: polled.set() if path.endswith("alarm/") else None
    )
    tiny.misbehaviour.close_mid_reply = True
    ow.start_alarm_polling(server, interval=0.01)
    await polled.wait()
    await asyncio.sleep(0.05)
    await ow.stop_alarm_polling(server)


async def test_closing_a_server_stops_its_alarm_polling(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    switch_tree(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    polled = asyncio.Event()
    tiny.on_request = (
        lambda kind, path: polled.set() if path.endswith("alarm/") else None
    )
    ow.start_alarm_polling(server, interval=0.01)
    poller = ow.alarm_poller(server)
    assert poller is not None
    await polled.wait()

    await server.aclose()
    polled.clear()
    await asyncio.sleep(0.05)

    assert ow.alarm_poller(server) is None
    assert not poller.running
    assert not polled.is_set()
