"""Which paths configure owserver itself: every spelling owserver accepts counts."""

from hypothesis import given, strategies as st
import pytest

from custom_components.onewire_own.owfs import (
    OWFS,
    OwfsServerError,
    configures_owserver,
)

from ..peers.owserver import OwserverProcess

SENSOR = "28.4AEC29CDBAAB"


def any_case(text: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(text), max_size=len(text)).map(
        lambda upper: "".join(
            c.upper() if u else c.lower() for c, u in zip(text, upper, strict=True)
        )
    )


FLAGS = st.lists(
    st.sampled_from(["uncached", "text", "json", "unaliased"]).flatmap(any_case)
)
BUSES = st.lists(
    st.integers(0, 9).map(lambda n: f"bus.{n}").flatmap(any_case), max_size=2
)


@given(
    FLAGS,
    BUSES,
    st.sampled_from(["settings", "system", "statistics", "structure"]).flatmap(
        any_case
    ),
    st.text("abcdefghijklmnopqrstuvwxyz_./0123456789", max_size=30),
)
def test_the_server_directories_count_behind_any_flags_buses_and_case(
    flags: list[str], buses: list[str], directory: str, rest: str
) -> None:
    assert configures_owserver("/" + "/".join([*flags, *buses, directory, rest]))


@given(
    FLAGS, st.lists(st.integers(0, 9).map(lambda n: f"bus.{n}"), min_size=1, max_size=2)
)
def test_a_bus_masters_interface_counts(flags: list[str], buses: list[str]) -> None:
    assert configures_owserver(
        "/" + "/".join([*flags, *buses, "interface/settings/name"])
    )


@pytest.mark.parametrize(
    "path",
    [
        f"/{SENSOR}/temphigh",
        f"/uncached/bus.0/{SENSOR}/PIO.0",
        "/bus.0/simultaneous/temperature",
        "/simultaneous/temperature",
        f"/{SENSOR}/settings",
        "/interface",
        "/",
        "",
    ],
)
def test_chip_and_bus_paths_do_not(path: str) -> None:
    assert not configures_owserver(path)


@pytest.mark.parametrize(
    "path",
    [
        "/settings/timeout/volatile",
        "/uncached/settings/timeout/volatile",
        "/text/settings/timeout/volatile",
        "/json/settings/timeout/volatile",
        "/unaliased/settings/timeout/volatile",
        "/uncached/text/settings/timeout/volatile",
        "/UNCACHED/Settings/timeout/volatile",
        "/bus.0/interface/settings/name",
        "/uncached/bus.0/interface/settings/name",
        "/text/BUS.0/INTERFACE/settings/name",
    ],
)
async def test_every_spelling_the_real_owserver_reads_as_a_setting_counts(
    ow: OWFS, fake_owserver: OwserverProcess, path: str
) -> None:
    server = await ow.add_server(fake_owserver.host, fake_owserver.port)
    try:
        await server.read(path)
    except OwfsServerError:
        pytest.fail(f"owserver does not read {path}: the list is out of date")
    assert configures_owserver(path)
