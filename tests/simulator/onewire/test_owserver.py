"""The real owserver (Debian package) on the emulated bus: what it reads and does.

These tests hold the emulator to what owserver's own bus code expects: its
search finds every chip (also behind the coupler), its CRC checks pass, a
PIO write reads back, its simultaneous conversion is one Skip ROM Convert T,
its alarm directory follows the chips' conditional-search state, and each
fault shows where owserver reports it (read errors, /statistics counters).
Assertions are on the emulator's records and owserver's answers, never on
wall-clock time.
"""

import asyncio
from collections.abc import AsyncIterator
import contextlib

import pytest

from custom_components.onewire_own.owfs import OWFS, OwfsError, Server
from simulator.onewire import DS2408
from tests.peers.onewire_bus import EmulatedOwserver, EmulatedOwserverFactory

SKIP_ROM = 0xCC
MATCH_ROM = 0x55
CONVERT_T = 0x44
#: The sample bus ramps this one from 21.5 °C to 25 °C over ten minutes.
RAMPED = "28.000000000001"
THERMOMETERS = {
    "28.000000000001": 21.5,
    "28.000000000002": 19.0,
    "10.000000000001": 18.75,
    "22.000000000001": 4.5,
}


@contextlib.asynccontextmanager
async def connected(bus: EmulatedOwserver) -> AsyncIterator[Server]:
    """The owfs client connected to the bus's owserver."""
    async with OWFS() as ow:
        yield await ow.add_server(bus.host, bus.port)


async def text(server: Server, path: str) -> str:
    """An uncached read as stripped text."""
    return (await server.read(path, uncached=True)).decode().strip()


async def number(server: Server, path: str) -> float:
    """An uncached read as a number."""
    return float(await text(server, path))


async def test_owserver_finds_every_chip_and_reads_each_kind(
    emulated_owserver_factory: EmulatedOwserverFactory,
) -> None:
    """The sample bus: directory, branches, and a value of every chip."""
    bus = await emulated_owserver_factory()
    async with connected(bus) as server:
        root = {entry.strip("/") for entry in await server.dir("/", uncached=True)}
        assert {name for name in root if "." in name and name[2] == "."} == {
            "10.000000000001",
            "28.000000000001",
            "28.000000000002",
            "22.000000000001",
            "29.000000000001",
            "12.000000000001",
            "3A.000000000001",
            "26.000000000001",
            "1D.000000000001",
            "1F.000000000001",
        }
        main = await server.dir("/1F.000000000001/main/", uncached=True)
        aux = await server.dir("/1F.000000000001/aux/", uncached=True)
        assert "/1F.000000000001/main/28.000000000101/" in main
        assert "/1F.000000000001/aux/3A.000000000101/" in aux
        for name, celsius in THERMOMETERS.items():
            assert await number(server, f"/{name}/temperature") == celsius
        assert (
            await number(server, "/1F.000000000001/main/28.000000000101/temperature")
            == 7.0
        )
        assert await number(server, "/26.000000000001/temperature") == 22.0
        assert await number(server, "/26.000000000001/VAD") == 2.9
        assert await number(server, "/26.000000000001/VDD") == 5.0
        assert await text(server, "/1D.000000000001/counter.A") == "1000"
        assert await text(server, "/1D.000000000001/counter.B") == "5"
        assert await text(server, "/29.000000000001/sensed.ALL") == "1,1,1,1,1,1,1,1"
        assert await text(server, "/12.000000000001/sensed.ALL") == "1,1"
        assert await text(server, "/3A.000000000001/sensed.ALL") == "1,1"
        assert (
            await text(server, "/1F.000000000001/aux/3A.000000000101/sensed.ALL")
            == "1,1"
        )
        assert await text(server, "/bus.0/interface/settings/name") == "DS9097U"


async def test_pio_writes_read_back(
    emulated_owserver_factory: EmulatedOwserverFactory,
) -> None:
    """PIO writes reach the chips' output latches and read back through owserver."""
    bus = await emulated_owserver_factory()
    async with connected(bus) as server:
        await server.write("/29.000000000001/PIO.5", "1")
        await server.write("/3A.000000000001/PIO.B", "1")
        await server.write("/12.000000000001/PIO.A", "1")
        assert await text(server, "/29.000000000001/PIO.ALL") == "0,0,0,0,0,1,0,0"
        assert await text(server, "/29.000000000001/sensed.5") == "0"
        assert await text(server, "/29.000000000001/latch.5") == "1"
        assert await text(server, "/3A.000000000001/PIO.ALL") == "0,1"
        assert await text(server, "/12.000000000001/PIO.ALL") == "1,0"
        assert await text(server, "/12.000000000001/sensed.A") == "0"
        await server.write("/29.000000000001/PIO.5", "0")
        assert await text(server, "/29.000000000001/PIO.5") == "0"
    chips = {chip.name: chip.snapshot() for chip in bus.emulator.chips()}
    assert chips["3A.000000000001"]["outputs"] == [1, 0]
    assert chips["12.000000000001"]["activity"] == [1, 0]


async def test_simultaneous_conversion_is_one_skip_rom_convert_t(
    emulated_owserver_factory: EmulatedOwserverFactory,
) -> None:
    """/simultaneous/temperature: one Skip ROM + Convert T converts every thermometer."""
    bus = await emulated_owserver_factory()
    emulator = bus.emulator
    async with connected(bus) as server:
        since = emulator.clock.now()
        await server.write("/simultaneous/temperature", "1")
        converts = emulator.bus.transactions(function=CONVERT_T, since=since)
        assert [t.rom_command for t in converts] == [SKIP_ROM]
        converted = {c.rom.name for c in emulator.bus.conversions(since=since)}
        # The DS2438 converts its temperature on Convert T too; the sensor
        # behind the coupler is on a branch that is switched off.
        assert converted == {*THERMOMETERS, "26.000000000001"}
        await asyncio.sleep(emulator.clock.wall(0.75))
        for name, celsius in THERMOMETERS.items():
            if name != RAMPED:
                assert await number(server, f"/{name}/latesttemp") == celsius
        # latesttemp reads the scratchpad only: no conversion per sensor.
        assert not emulator.bus.transactions(
            function=CONVERT_T, rom_command=MATCH_ROM, since=since
        )


async def test_the_alarm_directory_follows_conditional_search(
    emulated_owserver_factory: EmulatedOwserverFactory,
) -> None:
    """Thermometers outside TH/TL and switches with latched activity are in /alarm."""
    bus = await emulated_owserver_factory(
        {
            "devices": [
                {
                    "model": "DS18B20",
                    "id": "28.000000000001",
                    "temperature": 30,
                    "temphigh": 25,
                    "templow": 5,
                },
                {
                    "model": "DS18B20",
                    "id": "28.000000000002",
                    "temperature": 20,
                    "temphigh": 25,
                    "templow": 5,
                },
                {"model": "DS2408", "id": "29.000000000001"},
            ]
        }
    )
    async with connected(bus) as server:
        alarm = await server.dir("/alarm/", uncached=True)
        assert alarm == ["/alarm/29.000000000001/"]  # PORL after power-on
        await server.write("/29.000000000001/set_alarm", "133333333")
        await server.write("/29.000000000001/por", "0")
        assert await server.dir("/alarm/", uncached=True) == []
        await server.read("/28.000000000001/temperature", uncached=True)
        await server.read("/28.000000000002/temperature", uncached=True)
        assert await server.dir("/alarm/", uncached=True) == ["/alarm/28.000000000001/"]
        bus.emulator.set_value("29.000000000001", "input.6", 0)
        alarm = await server.dir("/alarm/", uncached=True)
        assert sorted(alarm) == ["/alarm/28.000000000001/", "/alarm/29.000000000001/"]
        assert await text(server, "/29.000000000001/latch.6") == "1"
        await server.write("/29.000000000001/latch.BYTE", "0")
        assert await server.dir("/alarm/", uncached=True) == ["/alarm/28.000000000001/"]
    chip = bus.emulator.chip("29.000000000001")
    assert isinstance(chip, DS2408)
    assert (chip.search_mask, chip.search_polarity, chip.control) == (0xFF, 0xFF, 0x81)


async def test_crc_errors_fail_reads_and_count_in_statistics(
    emulated_owserver_factory: EmulatedOwserverFactory,
) -> None:
    """A noisy chip: owserver retries, then fails; CRC8_errors counts every bad block."""
    bus = await emulated_owserver_factory(
        {
            "devices": [
                {"model": "DS18B20", "id": "28.000000000001"},
                {"model": "DS18B20", "id": "28.000000000002"},
            ]
        }
    )
    async with connected(bus) as server:
        before = await number(server, "/statistics/errors/CRC8_errors")
        bus.emulator.set_crc_error_rate("28.000000000001", 1.0)
        with pytest.raises(OwfsError):
            await server.read("/28.000000000001/latesttemp", uncached=True)
        assert (
            await number(server, "/28.000000000002/latesttemp") == 85.0
        )  # the other one
        after = await number(server, "/statistics/errors/CRC8_errors")
        injected = len(bus.emulator.bus.faults("crc"))
        assert injected >= 3  # owserver tried more than once
        assert after - before == injected
        assert await number(server, "/statistics/read/tries.2") >= 1
        bus.emulator.set_crc_error_rate("28.000000000001", 0.0)
        assert await number(server, "/28.000000000001/latesttemp") == 85.0


async def test_a_vanished_chip_fails_alone_and_returns_powered_up(
    emulated_owserver_factory: EmulatedOwserverFactory,
) -> None:
    """Unplugged: its reads fail; back: it holds 85 °C until it converts."""
    bus = await emulated_owserver_factory(
        {
            "devices": [
                {"model": "DS18B20", "id": "28.000000000001", "temperature": 20},
                {"model": "DS18B20", "id": "28.000000000002", "temperature": 21},
            ]
        }
    )
    async with connected(bus) as server:
        assert await number(server, "/28.000000000001/temperature") == 20.0
        bus.emulator.vanish("28.000000000001")
        with pytest.raises(OwfsError):
            await server.read("/28.000000000001/latesttemp", uncached=True)
        assert await number(server, "/28.000000000002/temperature") == 21.0
        bus.emulator.reappear("28.000000000001")
        assert await number(server, "/28.000000000001/latesttemp") == 85.0
        assert await number(server, "/28.000000000001/temperature") == 20.0


async def test_a_short_is_counted_and_the_bus_recovers(
    emulated_owserver_factory: EmulatedOwserverFactory,
) -> None:
    """Shorted: reads and listings fail and owserver counts shorts; then all is well."""
    bus = await emulated_owserver_factory(
        {"devices": [{"model": "DS18B20", "id": "28.000000000001", "temperature": 20}]}
    )
    async with connected(bus) as server:
        bus.emulator.short()
        with pytest.raises(OwfsError):
            await server.read("/28.000000000001/latesttemp", uncached=True)
        with pytest.raises(OwfsError):
            await server.dir("/bus.0/", uncached=True)
        assert await number(server, "/bus.0/interface/statistics/shorts") >= 1
        bus.emulator.unshort()
        assert await number(server, "/28.000000000001/temperature") == 20.0


async def test_a_silent_adapter_times_out_and_owserver_reconnects(
    emulated_owserver_factory: EmulatedOwserverFactory,
) -> None:
    """The adapter stops answering: owserver counts reset errors and reconnects."""
    bus = await emulated_owserver_factory(
        {"devices": [{"model": "DS18B20", "id": "28.000000000001", "temperature": 20}]}
    )
    async with connected(bus) as server:
        assert await number(server, "/28.000000000001/temperature") == 20.0
        bus.emulator.go_silent()
        with pytest.raises(OwfsError):
            await server.read("/28.000000000001/latesttemp", uncached=True)
        bus.emulator.resume()
        assert await number(server, "/bus.0/interface/statistics/reset_errors") >= 1
        assert await number(server, "/bus.0/interface/statistics/reconnects") >= 1
        for _ in range(5):  # owserver re-detects the adapter on its next attempts
            with contextlib.suppress(OwfsError):
                assert await number(server, "/28.000000000001/temperature") == 20.0
                break
        else:
            pytest.fail("owserver did not read again after the adapter came back")
    assert bus.emulator.connections_accepted >= 2


async def test_parasite_sensors_brown_out_without_owserver_s_pull_up(
    emulated_owserver_factory: EmulatedOwserverFactory,
) -> None:
    """owserver's simultaneous write never pulls up: a parasite sensor reads 85 °C.

    Its power check sends Read Power Supply without a ROM command (nobody
    answers, the line reads 1, "powered"), so Convert T goes out without the
    strong pull-up; its own ``temperature`` read selects the chip, sees it is
    parasite-powered and converts with the pull-up.
    """
    bus = await emulated_owserver_factory(
        {
            "devices": [
                {
                    "model": "DS18B20",
                    "id": "28.000000000001",
                    "temperature": 20,
                    "parasite": True,
                }
            ]
        }
    )
    emulator = bus.emulator
    async with connected(bus) as server:
        await server.write("/simultaneous/temperature", "1")
        power_checks = [t for t in emulator.bus.transactions() if t.rom_command == 0xB4]
        assert power_checks
        assert not power_checks[-1].selected
        await asyncio.sleep(emulator.clock.wall(0.8))
        assert await number(server, "/28.000000000001/latesttemp") == 85.0
        assert [f.kind for f in emulator.bus.faults()] == ["brownout"]
        assert await text(server, "/28.000000000001/power") == "0"
        assert await number(server, "/28.000000000001/temperature") == 20.0
