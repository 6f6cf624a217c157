"""Small pieces of the simulator that tests through a socket cannot pin down."""

import pytest

from custom_components.onewire_own.openwebnet.where import Where
from simulator.openwebnet import PROFILES, GatewaySimulator, Installation
from simulator.openwebnet.addressing import addresses, area_of
from simulator.openwebnet.clock import Clock
from simulator.openwebnet.installation import ZoneSpec
from simulator.openwebnet.profiles import profile_named
from simulator.openwebnet.runtime import Lockout
from simulator.openwebnet.thermoregulation import (
    Zone,
    format_temperature,
    parse_temperature,
)


@pytest.mark.parametrize(
    ("target", "item", "groups", "reached"),
    [
        ("12", "12", (), True),
        ("12", "13", (), False),
        ("0", "0015#4#02", (), True),
        ("0#4#01", "0015#4#02", (), False),
        ("1", "12", (), True),
        ("100", "1003", (), True),
        ("00", "0003", (), True),
        ("2", "0215", (), True),
        ("#7", "12", (7, 8), True),
        ("#9", "12", (7, 8), False),
        ("#4#01", "12#4#01", (), False),  # a bare local bus addresses nobody
    ],
)
def test_which_actuators_a_where_reaches(
    target: str, item: str, groups: tuple[int, ...], reached: bool
) -> None:
    assert addresses(Where.parse(target), Where.parse(item), groups) is reached


def test_area_of_point_addresses() -> None:
    assert [area_of(Where(w)) for w in ("12", "0001", "1015", "0110", "9912")] == [
        "1",
        "00",
        "100",
        "1",
        "",
    ]


@pytest.mark.parametrize(
    ("celsius", "text"), [(21.5, "0215"), (-4.8, "1048"), (0.0, "0000"), (5.0, "0050")]
)
def test_temperatures_travel_as_sign_and_tenths(celsius: float, text: str) -> None:
    assert format_temperature(celsius) == text
    assert parse_temperature(text) == celsius


@pytest.mark.parametrize("text", ["215", "2215", "02a5"])
def test_malformed_temperatures_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="TTTT"):
        parse_temperature(text)


def test_a_zone_without_humidity_has_no_humidity_reply() -> None:
    zone = Zone(ZoneSpec(zone=1))
    with pytest.raises(LookupError):
        zone.reply("60")


def test_lockout_counts_failures_within_its_window_only() -> None:
    lockout = Lockout(failures=3, window=60.0, duration=60.0)
    assert not lockout.record_failure(0.0)
    assert not lockout.record_failure(30.0)
    assert not lockout.record_failure(70.5)  # the first one has left the window
    assert lockout.record_failure(71.0)
    assert lockout.locked(100.0)
    assert not lockout.locked(131.0)
    lockout.record_failure(200.0)
    lockout.clear()
    assert not lockout.record_failure(201.0)


def test_time_scale_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Clock(0)


def test_profiles_are_found_by_name_in_any_case() -> None:
    assert profile_named("mh200n") is PROFILES["MH200N"]
    with pytest.raises(ValueError, match="F454"):
        profile_named("F999")


def test_every_item_can_be_inspected_by_its_address() -> None:
    installation = Installation.from_dict(
        {
            "energy_meters": [{"where": "52", "power": 5}],
            "aux": [{"channel": "3", "on": True}],
            "zones": [{"zone": 4, "humidity": None}],
        }
    )
    sim = GatewaySimulator(installation)
    assert sim.meter("52").power == 5
    assert sim.aux("3").on
    assert sim.zone(4).humidity is None
    assert sim.state()["aux"] == {"3": {"on": True}}
    assert sim.port == 0
    assert not sim.running
