"""owserver's error counters, read from a real owserver and from a tiny one."""

from custom_components.onewire_own.owfs import (
    OWFS,
    BusStatistics,
    ServerStatistics,
    read_statistics,
)

from ..peers.owserver import OwserverProcess
from .tiny_server import TinyOwserver


async def test_a_real_owserver_counts_reads_and_every_physical_bus(
    ow: OWFS, family_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(family_owserver.host, family_owserver.port)
    before = await read_statistics(server)
    await server.read(f"{server.devices[0].path}/type")

    after = await read_statistics(server)

    assert set(after.buses) == {"/bus.0", "/bus.1"}  # not the coupler's branches
    assert after.reads > before.reads
    assert after.crc_errors == after.read_retries == after.bus_errors == 0


async def test_the_counters_are_parsed_as_owserver_formats_them(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    tiny.tree["/statistics/errors/CRC8_errors"] = b"           3"
    tiny.tree["/statistics/errors/CRC8_tries"] = b"         100"
    tiny.tree["/statistics/errors/CRC16_errors"] = b"           1"
    tiny.tree["/statistics/errors/CRC16_tries"] = b"          20"
    tiny.tree["/statistics/read/tries.ALL"] = b"         120,           4,           1"
    tiny.tree["/statistics/write/tries.ALL"] = b"not numbers"
    tiny.tree["/bus.0/interface/statistics/errors"] = b"           2"
    tiny.tree["/bus.0/interface/statistics/timeouts"] = b"           1"
    tiny.tree["/bus.0/interface/statistics/resets"] = b"         500"
    server = await ow.add_server("127.0.0.1", tiny.port)

    assert await read_statistics(server) == ServerStatistics(
        crc_errors=4,
        crc_checks=120,
        reads=120,
        read_retries=4,
        writes=0,
        write_retries=0,
        buses={"/bus.0": BusStatistics(errors=2, timeouts=1, resets=500)},
    )


async def test_an_owserver_without_statistics_has_zero_counters(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port)
    assert await read_statistics(server) == ServerStatistics(
        buses={"/bus.0": BusStatistics()}
    )
