"""Raw owserver access against a real owserver: read, write, dir, errors."""

from hypothesis import HealthCheck, assume, given, settings
import pytest

from custom_components.onewire_own.owfs import (
    OWFS,
    OwfsConnectionError,
    OwfsInvalidHostError,
    OwfsServerError,
    OwfsUnknownHostError,
    check_server,
)

from ..peers.hosts import HOSTS, connects_only_to_loopback
from ..peers.owserver import OwserverProcess, free_port
from .tiny_server import TinyOwserver


async def test_check_server_accepts_a_real_owserver(
    fake_owserver: OwserverProcess,
) -> None:
    await check_server(fake_owserver.host, fake_owserver.port)


async def test_check_server_refuses_a_closed_port(socket_enabled: None) -> None:
    with pytest.raises(OwfsConnectionError):
        await check_server("127.0.0.1", free_port(), timeout=2)


async def test_a_written_attribute_reads_back(
    ow: OWFS, fake_owserver: OwserverProcess
) -> None:
    # The fake owserver invents a new PIO state on every read (it has no
    # hardware to keep one), so the exact round trip uses the alias, which
    # owserver stores; the PIO write must still be accepted.
    server = await ow.add_server(fake_owserver.host, fake_owserver.port)
    switch = next(d for d in server.devices if d.family == "12")
    await server.write(f"{switch.path}/alias", "kitchen_light")
    assert await server.read(f"{switch.path}/alias") == b"kitchen_light"
    await server.write(f"{switch.path}/PIO.A", b"1")
    assert await server.read(f"{switch.path}/PIO.A") in (b"0", b"1")
    # Listings keep showing ids, not aliases: the device stays found.
    await server.scan_now()
    assert switch.located
    await server.write(f"{switch.path}/alias", "")


async def test_a_written_pio_reads_back(ow: OWFS, tiny: TinyOwserver) -> None:
    tiny.tree["/bus.0/28.4AEC29CDBAAB/PIO.A"] = b"0"
    server = await ow.add_server("127.0.0.1", tiny.port)
    for state in (b"1", b"0", b"1"):
        await server.write("/bus.0/28.4AEC29CDBAAB/PIO.A", state)
        assert await server.read("/bus.0/28.4AEC29CDBAAB/PIO.A") == state


async def test_a_missing_path_is_a_typed_error_and_the_connection_stays_usable(
    ow: OWFS, fake_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(fake_owserver.host, fake_owserver.port)
    opened = server.stats.connections_opened
    with pytest.raises(OwfsServerError) as caught:
        await server.read("/28.000000000001/temperature")
    # owserver answers -1 for a path that does not exist.
    assert caught.value.errno == 1
    assert caught.value.path == "/28.000000000001/temperature"
    assert caught.value.text == "path not found (did not parse)"
    assert await server.read("/28.4AEC29CDBAAB/type") == b"DS18B20"
    assert server.stats.connections_opened == opened


async def test_a_server_error_carries_the_servers_own_text(
    ow: OWFS, fake_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(fake_owserver.host, fake_owserver.port)
    with pytest.raises(OwfsServerError) as caught:
        await server.read("/28.4AEC29CDBAAB")  # a directory, not a value
    assert caught.value.errno == 21
    assert caught.value.text == "legacy - Is a directory"
    assert "Is a directory" in str(caught.value)
    assert (await server.read("/28.4AEC29CDBAAB/type")) == b"DS18B20"


async def test_dir_lists_devices_and_marks_directories(
    ow: OWFS, fake_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(fake_owserver.host, fake_owserver.port)
    entries = await server.dir("/")
    assert "/bus.0/" in entries
    assert "/28.4AEC29CDBAAB/" in entries
    assert await server.presence("/28.4AEC29CDBAAB")
    assert not await server.presence("/28.000000000001")


async def test_the_version_comes_from_the_server(
    ow: OWFS, fake_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(fake_owserver.host, fake_owserver.port)
    assert server.version is not None
    assert server.version[0].isdigit()


async def test_a_server_without_dirallslash_is_listed_with_dir(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    tiny.misbehaviour.refuse_dirallslash = True
    tiny.tree["/structure/28"] = ["temperature", "errata"]
    tiny.tree["/structure/28/errata"] = ["die"]
    tiny.tree["/structure/28/errata/die"] = b"a,000000,000001,ro,000002,f,"
    server = await ow.add_server("127.0.0.1", tiny.port)
    assert [d.id for d in server.devices] == ["28.4AEC29CDBAAB"]
    assert "/bus.0/alarm" in await server.dir("/bus.0")
    assert any(msg_type == 4 for msg_type, _ in tiny.requests)
    # Without the trailing slashes, a sub-directory is found by failing to
    # read it as a value.
    assert list(await server.structure("28")) == ["temperature", "errata/die"]


async def test_a_server_without_version_or_error_texts_is_tolerated(
    ow: OWFS, tiny: TinyOwserver
) -> None:
    del tiny.tree["/settings/return_codes/text.ALL"]
    server = await ow.add_server("127.0.0.1", tiny.port)
    assert server.version is None
    with pytest.raises(OwfsServerError) as caught:
        await server.read("/nothing")
    assert caught.value.text == "No such file or directory"


async def test_keep_alive_pings_are_skipped(ow: OWFS, tiny: TinyOwserver) -> None:
    server = await ow.add_server("127.0.0.1", tiny.port)
    tiny.misbehaviour.pings_before_reply = 3
    assert await server.read("/bus.0/28.4AEC29CDBAAB/temperature") == b"     21.5"


async def test_listing_a_missing_path_keeps_using_dirallslash(
    ow: OWFS, fake_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(fake_owserver.host, fake_owserver.port)
    with pytest.raises(OwfsServerError):
        await server.dir("/bus.7/")
    # Still one reply per listing, with directories marked.
    assert "/bus.0/" in await server.dir("/")


async def test_check_server_names_the_owservers_devices(
    ow: OWFS, fake_owserver: OwserverProcess
) -> None:
    identity = await check_server(fake_owserver.host, fake_owserver.port)
    server = await ow.add_server(fake_owserver.host, fake_owserver.port)

    assert identity.addresses == {"127.0.0.1"}
    assert identity.port == fake_owserver.port
    assert identity.device_ids == {device.id for device in server.devices}


@pytest.mark.parametrize(
    ("host", "error"),
    [
        ("a" * 64, OwfsInvalidHostError),
        ("../../etc", OwfsInvalidHostError),
        ("a\x00b", OwfsInvalidHostError),
        ("\ud800", OwfsInvalidHostError),
        ("no-such-host.invalid", OwfsUnknownHostError),
    ],
)
async def test_a_host_that_is_no_address_is_a_typed_connection_error(
    real_name_resolution: None, host: str, error: type[OwfsConnectionError]
) -> None:
    with pytest.raises(error):
        await check_server(host, free_port(), timeout=2)
    with pytest.raises(error):
        await OWFS().add_server(host, free_port(), connect_timeout=2)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(host=HOSTS)
async def test_whatever_the_host_text_connecting_raises_only_connection_errors(
    real_name_resolution: None, host: str
) -> None:
    port = free_port()
    assume(connects_only_to_loopback(host, port))
    with pytest.raises(OwfsConnectionError):
        await check_server(host, port, timeout=2)
