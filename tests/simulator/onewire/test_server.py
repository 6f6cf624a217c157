"""The emulator on TCP: telnet framing, answers, adapter faults, threads."""

import asyncio
import socket

import pytest

from simulator.onewire import (
    DS18B20,
    BusDescription,
    ManualClock,
    OneWireBus,
    OneWireEmulator,
    Rom,
    SettingError,
)

BREAK = b"\xff\xf3"
ANSWER_TIMEOUT = 5.0


def one_sensor_bus() -> OneWireBus:
    """A bus with one DS18B20 (manual clock: answers are not delayed)."""
    bus = OneWireBus(ManualClock())
    bus.attach(DS18B20(Rom.make(0x28, 1), temperature=21.0))
    return bus


async def exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, data: bytes, size: int
) -> bytes:
    """Send data, read size bytes."""
    writer.write(data)
    await writer.drain()
    return await asyncio.wait_for(reader.readexactly(size), ANSWER_TIMEOUT)


async def test_a_client_resets_and_reads_through_telnet(socket_enabled: None) -> None:
    """BREAK + timing byte, reset, Read ROM; 0xFF answers arrive doubled."""
    async with OneWireEmulator(one_sensor_bus()) as emulator:
        reader, writer = await asyncio.open_connection("127.0.0.1", emulator.port)
        assert await exchange(reader, writer, BREAK + b"\xc1\xc1", 1) == b"\xcd"
        answer = await exchange(reader, writer, b"\xe1\x33", 1)
        assert answer == b"\x33"
        rom = await exchange(reader, writer, b"\xff\xff" * 8, 8)
        assert rom == Rom.make(0x28, 1).data
        answer = await exchange(reader, writer, b"\xff\xff", 3)  # FF FF + padding
        assert answer == b"\xff\xff\x00"
        writer.close()
        await writer.wait_closed()
    assert emulator.connections_accepted == 1
    assert emulator.bytes_sent == 11


async def test_a_silent_adapter_answers_nothing_until_resumed(
    socket_enabled: None,
) -> None:
    """go_silent(): bytes are swallowed; resume(): answers again."""
    async with OneWireEmulator(one_sensor_bus()) as emulator:
        reader, writer = await asyncio.open_connection("127.0.0.1", emulator.port)
        await exchange(reader, writer, BREAK + b"\xc1\xc1", 1)
        emulator.go_silent()
        writer.write(b"\xc1")
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(reader.read(1), 0.3)
        emulator.resume()
        assert await exchange(reader, writer, b"\xc1", 1) == b"\xcd"
        assert [f.kind for f in emulator.bus.faults()] == ["silent", "silent_end"]
        emulator.drop_connections()
        assert await asyncio.wait_for(reader.read(1), ANSWER_TIMEOUT) == b""


async def test_answers_wait_for_the_bus_time_they_cost(socket_enabled: None) -> None:
    """With realistic timing and latency an answer is late by at least that much."""
    bus = OneWireBus()
    bus.attach(DS18B20(Rom.make(0x28, 1)))
    async with OneWireEmulator(bus) as emulator:
        emulator.latency = 0.2
        reader, writer = await asyncio.open_connection("127.0.0.1", emulator.port)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await exchange(reader, writer, BREAK + b"\xc1\xc1", 1)
        assert loop.time() - started >= 0.2
        writer.close()


def test_the_emulator_runs_in_a_thread_of_its_own(socket_enabled: None) -> None:
    """start_in_thread() listens at once; the caller uses plain sockets."""
    emulator = OneWireEmulator.from_description(
        BusDescription.from_dict({"devices": [{"model": "DS18B20"}]}),
        clock=ManualClock(),
    ).start_in_thread()
    try:
        with socket.create_connection(("127.0.0.1", emulator.port), 5) as client:
            client.sendall(BREAK + b"\xc1\xc1")
            assert client.recv(1) == b"\xcd"
        emulator.set_value(emulator.chips()[0].name, "temperature", 30.0)
        emulator.ramp_value(emulator.chips()[0].name, "temperature", 40.0, 10)
        emulator.vanish(emulator.chips()[0].name)
        emulator.reappear(emulator.chips()[0].name)
        emulator.set_crc_error_rate(emulator.chips()[0].name, 0.5)
        emulator.brown_out(emulator.chips()[0].name, 2)
        assert emulator.chips()[0].brownouts == 2  # type: ignore[attr-defined]
        emulator.short()
        emulator.unshort()
        assert emulator.snapshot()[0]["room"] == 30.0
        assert "chips" in repr(emulator)
    finally:
        emulator.stop_thread()
    emulator.stop_thread()  # twice: nothing happens


def test_only_thermometers_brown_out() -> None:
    """brown_out() on a chip that does not convert is refused."""
    emulator = OneWireEmulator.from_description(
        BusDescription.from_dict(
            {"devices": [{"model": "DS2413", "id": "3A.000000000001"}]}
        ),
        clock=ManualClock(),
    )
    with pytest.raises(SettingError):
        emulator.brown_out("3A.000000000001")


def test_a_port_in_use_is_reported_to_the_caller(socket_enabled: None) -> None:
    """start_in_thread() raises the bind error instead of hanging."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        emulator = OneWireEmulator(port=taken.getsockname()[1])
        with pytest.raises(OSError, match="address already in use"):
            emulator.start_in_thread()
