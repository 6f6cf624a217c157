"""Whole-server polls: simultaneous conversion, fallbacks, typed values."""

import asyncio

import pytest

from custom_components.onewire_own.owfs import OWFS, OwfsServerError, poll_server
from custom_components.onewire_own.owfs.protocol import MessageType

from ..peers.owserver import OwserverProcess
from .tiny_server import TinyOwserver

SENSORS = ("28.4AEC29CDBAAB", "28.3E017E97EADC", "10.67C6697351FF")
COUPLER = "1F.765A2E63339F"


def thermometer_tree(tiny: TinyOwserver, bus: str = "/bus.0") -> None:
    tiny.tree[bus] = [*SENSORS, "simultaneous", "alarm"]
    for sensor in SENSORS:
        tiny.tree[f"{bus}/{sensor}/type"] = b"DS18B20"
        tiny.tree[f"{bus}/{sensor}/latesttemp"] = b"   20.5"
        tiny.tree[f"{bus}/{sensor}/temperature"] = b"   19.5"
    for family in ("28", "10"):
        tiny.tree[f"/structure/{family}"] = ["temperature", "latesttemp"]
        tiny.tree[f"/structure/{family}/temperature"] = b"t,000000,000001,ro,000012,v,"
        tiny.tree[f"/structure/{family}/latesttemp"] = b"t,000000,000001,ro,000012,v,"


async def test_one_conversion_per_bus_then_latesttemp_per_sensor(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    thermometer_tree(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    await server.structure("28")
    await server.structure("10")
    tiny.requests.clear()
    result = await poll_server(
        server, {"28": ["temperature"], "10": ["temperature"]}, conversion_time=0
    )
    assert result.values == {sensor: {"temperature": 20.5} for sensor in SENSORS}
    assert result.errors == {}
    writes = [path for kind, path in tiny.requests if kind == MessageType.WRITE]
    reads = sorted(path for kind, path in tiny.requests if kind == MessageType.READ)
    assert writes == ["/bus.0/simultaneous/temperature"]
    # The first poll also asks the DS18B20s their resolution (none here).
    assert reads == sorted(
        [f"/bus.0/{sensor}/latesttemp" for sensor in SENSORS]
        + [f"/bus.0/{sensor}/tempres" for sensor in SENSORS if sensor[:2] == "28"]
    )
    assert result.bus_durations.keys() == {("bus.0",)}


async def test_the_wait_is_what_the_slowest_known_resolution_needs(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    thermometer_tree(tiny)
    for sensor, bits in zip(SENSORS[:2], (b"   9", b"  10"), strict=True):
        tiny.tree[f"/bus.0/{sensor}/tempres"] = bits
    server = await ow.add_server("127.0.0.1", tiny.port)
    ds18b20s = {"28": ["temperature"]}

    result = await poll_server(server, ds18b20s)
    assert result.conversion_times == {("bus.0",): 0.1875}  # 10 bits
    assert [ow.devices[sensor].resolution for sensor in SENSORS[:2]] == [9, 10]
    tiny.requests.clear()
    result = await poll_server(server, ds18b20s)
    assert not [path for _, path in tiny.requests if path.endswith("tempres")]
    assert result.values == {sensor: {"temperature": 20.5} for sensor in SENSORS[:2]}

    # A DS18S20 (no tempres) or a sensor without a valid one: conversion_time.
    result = await poll_server(server, {"28": ["temperature"], "10": ["temperature"]})
    assert result.conversion_times == {("bus.0",): 0.75}
    tiny.tree[f"/bus.0/{SENSORS[0]}/tempres"] = b"  111"
    ow.devices[SENSORS[0]].resolution = None  # as after the device moved
    result = await poll_server(server, ds18b20s, conversion_time=0.5)
    assert result.conversion_times == {("bus.0",): 0.5}


async def test_other_reads_of_the_bus_run_during_the_conversion_wait(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    thermometer_tree(tiny)
    counter = "1D.765A2E63339F"
    tiny.tree["/bus.0"] = [SENSORS[0], counter, "simultaneous", "alarm"]
    tiny.tree[f"/bus.0/{counter}/type"] = b"DS2423"
    tiny.tree[f"/bus.0/{counter}/counter.A"] = b"  42"
    tiny.tree["/structure/1D"] = ["counter.A"]
    tiny.tree["/structure/1D/counter.A"] = b"u,000000,000001,ro,000012,v,"
    server = await ow.add_server("127.0.0.1", tiny.port, connections=1)
    await server.structure("28")
    await server.structure("1D")
    tiny.requests.clear()

    result = await poll_server(server, {"28": ["temperature"], "1D": ["counter.A"]})
    assert result.values == {
        SENSORS[0]: {"temperature": 20.5},
        counter: {"counter.A": 42},
    }
    assert [path for _, path in tiny.requests] == [
        "/bus.0/simultaneous/temperature",
        f"/bus.0/{counter}/counter.A",  # while the sensor converts
        f"/bus.0/{SENSORS[0]}/tempres",
        f"/bus.0/{SENSORS[0]}/latesttemp",  # once the conversion is over
    ]


async def test_without_simultaneous_each_sensor_converts_on_its_own(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    thermometer_tree(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    result = await poll_server(server, {"28": ["temperature"]}, simultaneous=False)
    assert result.values == {
        sensor: {"temperature": 19.5} for sensor in SENSORS if sensor.startswith("28")
    }
    assert not [kind for kind, _ in tiny.requests if kind == MessageType.WRITE]


async def test_a_failed_simultaneous_write_falls_back_to_per_device_reads(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    thermometer_tree(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    tiny.tree["/bus.0/simultaneous/temperature"] = []  # writes refused
    result = await poll_server(server, {"28": ["temperature"], "10": ["temperature"]})
    assert result.values == {sensor: {"temperature": 19.5} for sensor in SENSORS}


async def test_a_failed_latesttemp_read_falls_back_to_temperature(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    thermometer_tree(tiny)
    del tiny.tree[f"/bus.0/{SENSORS[0]}/latesttemp"]
    server = await ow.add_server("127.0.0.1", tiny.port)
    result = await poll_server(server, {"28": ["temperature"]}, conversion_time=0)
    assert result.values[SENSORS[0]] == {"temperature": 19.5}
    assert result.values[SENSORS[1]] == {"temperature": 20.5}


async def test_sensors_behind_a_coupler_are_read_one_by_one(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    tiny.tree["/bus.0"] = [COUPLER]
    tiny.tree[f"/bus.0/{COUPLER}/type"] = b"DS2409"
    tiny.tree[f"/bus.0/{COUPLER}/aux"] = []
    thermometer_tree(tiny, f"/bus.0/{COUPLER}/main")
    server = await ow.add_server("127.0.0.1", tiny.port)
    tiny.requests.clear()
    result = await poll_server(server, {"28": ["temperature"]})
    assert result.values == {
        sensor: {"temperature": 19.5} for sensor in SENSORS if sensor.startswith("28")
    }
    assert not [kind for kind, _ in tiny.requests if kind == MessageType.WRITE]


async def test_a_latesttemp_of_85_is_read_again_with_a_conversion(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    """85 °C in a scratchpad is a reset sensor's: ``temperature`` converts it anew."""
    thermometer_tree(tiny)
    tiny.tree[f"/bus.0/{SENSORS[0]}/latesttemp"] = b"   85"
    server = await ow.add_server("127.0.0.1", tiny.port)
    tiny.requests.clear()
    result = await poll_server(server, {"28": ["temperature"]}, conversion_time=0)
    assert result.values[SENSORS[0]] == {"temperature": 19.5}
    assert result.values[SENSORS[1]] == {"temperature": 20.5}
    assert result.dropped == {}
    reads = [path for kind, path in tiny.requests if kind == MessageType.READ]
    assert f"/bus.0/{SENSORS[0]}/temperature" in reads
    assert f"/bus.0/{SENSORS[1]}/temperature" not in reads


async def test_the_power_on_85_is_dropped_right_after_a_sensor_appears(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    thermometer_tree(tiny)
    tiny.tree[f"/bus.0/{SENSORS[0]}/latesttemp"] = b"   85"
    tiny.tree[f"/bus.0/{SENSORS[0]}/temperature"] = b"   85"
    server = await ow.add_server("127.0.0.1", tiny.port)
    first = await poll_server(server, {"28": ["temperature"]}, conversion_time=0)
    assert SENSORS[0] not in first.values
    assert first.dropped == {SENSORS[0]: ["temperature"]}
    assert first.values[SENSORS[1]] == {"temperature": 20.5}
    # Once converted, a real 85 °C is a temperature like any other.
    second = await poll_server(server, {"28": ["temperature"]}, conversion_time=0)
    assert second.values[SENSORS[0]] == {"temperature": 85.0}
    # After the sensor vanished and came back, it is suspect again.
    sensor = ow.devices[SENSORS[0]]
    bus = sensor.bus
    assert bus is not None
    sensor.delocate()
    sensor.locate(bus)
    third = await poll_server(server, {"28": ["temperature"]}, conversion_time=0)
    assert third.dropped == {SENSORS[0]: ["temperature"]}


async def test_a_bus_where_every_read_fails_is_reported_once_per_poll(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    """failed_buses names a bus none of whose reads succeeded, with the first error."""
    thermometer_tree(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    assert (
        await poll_server(server, {"28": ["temperature"]}, conversion_time=0)
    ).failed_buses == {}
    for sensor in SENSORS:
        for attribute in ("latesttemp", "temperature"):
            del tiny.tree[f"/bus.0/{sensor}/{attribute}"]
    result = await poll_server(server, {"28": ["temperature"]}, conversion_time=0)
    assert list(result.failed_buses) == [("bus.0",)]
    assert isinstance(result.failed_buses[("bus.0",)], OwfsServerError)


async def test_a_failed_read_is_reported_per_device_and_attribute(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    thermometer_tree(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    result = await poll_server(
        server, {"28": ["temperature", "humidity"]}, conversion_time=0
    )
    assert set(result.errors) == {SENSORS[0], SENSORS[1]}
    error = result.errors[SENSORS[0]]["humidity"]
    assert isinstance(error, OwfsServerError)
    assert error.path == f"/bus.0/{SENSORS[0]}/humidity"


async def test_polling_a_real_owserver_types_values_without_new_connections(
    ow: OWFS, family_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(family_owserver.host, family_owserver.port)
    wanted = {
        "28": ["temperature"],
        "10": ["temperature"],
        "12": ["sensed.A", "PIO.A"],
        "29": ["sensed.0", "PIO.ALL"],
        "1D": ["counter.A"],
        "26": ["humidity", "VAD"],
        "20": ["volt.A"],
    }
    await poll_server(server, wanted, conversion_time=0.01)
    result = await poll_server(server, wanted, conversion_time=0.01)
    assert result.errors == {}
    assert result.connections_opened == 0
    values = result.values
    thermometers = [d.id for d in server.devices if d.family in ("28", "10")]
    assert len(thermometers) == 4  # two on the fake bus, two on the tester bus
    assert all(isinstance(values[t]["temperature"], float) for t in thermometers)
    switch = next(d.id for d in server.devices if d.family == "29")
    assert isinstance(values[switch]["sensed.0"], bool)
    assert len(values[switch]["PIO.ALL"]) == 8  # type: ignore[arg-type]
    counter = next(d.id for d in server.devices if d.family == "1D")
    assert isinstance(values[counter]["counter.A"], int)
    assert result.bus_durations.keys() == {("bus.0",), ("bus.1",)}
    assert result.duration >= max(result.bus_durations.values())


async def test_a_family_the_server_does_not_know_polls_nothing(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port)
    result = await poll_server(server, {"99": ["temperature"]})
    assert (result.values, result.errors) == ({}, {})


async def test_a_bus_polls_only_its_own_devices(
    ow: OWFS, family_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(family_owserver.host, family_owserver.port)
    tester_bus = server.get_bus("bus.1")
    result = await poll_server(
        server, {"28": ["temperature"], "10": ["temperature"]}, buses=[tester_bus]
    )
    assert set(result.values) == {device.id for device in tester_bus.devices}
    assert result.bus_durations.keys() == {("bus.1",)}
    # The tester's values are fixed: a whole-bus conversion reads them all.
    assert all(isinstance(v["temperature"], float) for v in result.values.values())


async def test_a_poll_cancelled_during_the_conversion_wait_leaves_no_task_behind(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    thermometer_tree(tiny)
    server = await ow.add_server("127.0.0.1", tiny.port)
    written = asyncio.Event()
    tiny.on_request = lambda kind, path: (
        written.set() if kind == MessageType.WRITE else None
    )
    poll = asyncio.create_task(
        poll_server(server, {"28": ["temperature"]}, conversion_time=60)
    )
    await written.wait()
    poll.cancel()
    with pytest.raises(asyncio.CancelledError):
        await poll
    await asyncio.sleep(0)  # let the cancelled conversion task end
    assert not [
        task
        for task in asyncio.all_tasks()
        if "_convert_temperatures" in repr(task.get_coro())
    ]
