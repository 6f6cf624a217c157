"""Installation files: YAML and JSON, validation, and generated installations."""

import json
from pathlib import Path

import pytest

from simulator.openwebnet import Installation, InstallationError
from simulator.openwebnet.installation import LightKind, point_addresses
from tests.peers.gateway import BENCHMARK_INSTALLATION, sample_installation


def test_sample_installation_has_one_of_everything() -> None:
    installation = sample_installation()
    assert [light.kind for light in installation.lights][:4] == [
        LightKind.SWITCH,
        LightKind.SWITCH,
        LightKind.DIMMER_10,
        LightKind.DIMMER_100,
    ]
    assert installation.lights[2].groups == (1,)
    assert installation.shutters[1].advanced
    assert installation.zones[0].humidity == 45
    assert installation.energy_meters[0].power == 1739
    assert installation.contacts[1].closed
    assert installation.gateway.mac == "00:03:50:a1:b2:c3"
    assert installation.central_unit is not None
    assert installation.central_unit.mode == "1101"
    assert [probe.where for probe in installation.probes] == ["101", "500"]
    assert installation.zones[2].fan_coil
    assert installation.energy_meters[1].where == "71#0"


def test_json_and_yaml_describe_the_same_bus(tmp_path: Path) -> None:
    data = {
        "lights": [{"where": 12, "level": 50, "kind": "dimmer100"}],
        "zones": [{"zone": 3, "set_point": 21}],
        "aux": [{"channel": 2}],
    }
    path = tmp_path / "house.json"
    path.write_text(json.dumps(data))
    installation = Installation.load(path)
    assert installation == Installation.from_dict(data)
    assert installation.lights[0].where == "12"
    assert installation.zones[0].set_point == 21.0
    assert installation.aux[0].channel == "2"


def test_benchmark_installation_is_generated_from_counts() -> None:
    installation = Installation.load(BENCHMARK_INSTALLATION)
    assert (
        len(installation.lights),
        len(installation.shutters),
        len(installation.zones),
    ) == (
        200,
        40,
        10,
    )
    assert (
        sum(light.kind is LightKind.DIMMER_100 for light in installation.lights) == 50
    )
    assert sum(shutter.advanced for shutter in installation.shutters) == 20
    assert installation.lights[-1].where.endswith("#4#01")
    assert (
        len(installation.amplifiers),
        len(installation.sources),
        len(installation.scenario_modules),
        len(installation.scenes),
    ) == (8, 4, 2, 4)
    # The systems of issue 14: a central unit, probes, meters and actuators.
    assert installation.central_unit is not None
    assert [probe.where for probe in installation.probes] == [
        "100",
        "101",
        "102",
        "103",
    ]
    assert [meter.where for meter in installation.energy_meters] == [
        "51",
        "52",
        "53",
        "71#0",
        "72#0",
    ]


def test_generated_items_are_appended_to_listed_ones() -> None:
    installation = Installation.from_dict(
        {
            "lights": [{"where": "0915"}],
            "generate": {"lights": 2, "energy_meters": 1, "contacts": 2},
        }
    )
    assert [light.where for light in installation.lights] == ["0915", "11", "12"]
    assert [contact.where for contact in installation.contacts] == ["301", "302"]
    assert installation.energy_meters[0].where == "51"


def test_point_addresses_cover_the_main_bus_then_local_buses() -> None:
    addresses = point_addresses()
    main_bus = [next(addresses) for _ in range(165)]
    assert main_bus[:2] == ["11", "12"]
    assert {"0001", "1015", "0110", "0915"} <= set(main_bus)
    assert len(set(main_bus)) == 165
    assert next(addresses) == "11#4#01"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "mapping of sections"),
        ({"lamps": []}, "unknown sections: lamps"),
        ({"lights": {"where": "12"}}, "expected a list"),
        ({"lights": ["12"]}, "expected a mapping"),
        ({"lights": [{"where": "12", "colour": "red"}]}, "unknown keys colour"),
        ({"lights": [{"name": "x"}]}, "missing where"),
        ({"lights": [{"where": "12", "kind": "rgb"}]}, "rgb"),
        ({"lights": [{"where": "12", "level": "high"}]}, "'high'"),
        ({"lights": [{"where": "12", "groups": [True]}]}, "True"),
        ({"lights": [{"where": "12"}, {"where": "12"}]}, "where 12 appears twice"),
        ({"zones": [{"zone": 1, "humidity": "wet"}]}, "'wet'"),
        ({"shutters": [{"where": "21", "advanced": "yes"}]}, "'yes'"),
        ({"generate": 5}, "mapping of counts"),
        ({"generate": {"zones": 100}}, "99 zones"),
        ({"generate": {"probes": 10}}, "at most 9 probes"),
        ({"central_unit": {"mode": "1101", "colour": "red"}}, "unknown keys colour"),
        ({"central_unit": {"battery_low": "yes"}}, "'yes'"),
        ({"probes": [{"where": "101"}, {"where": "101"}]}, "where 101 appears twice"),
    ],
)
def test_invalid_installations_are_refused_with_a_reason(
    data: object, message: str
) -> None:
    with pytest.raises(InstallationError, match=message):
        Installation.from_dict(data)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "text"), [("bad.yaml", "lights: [unclosed"), ("bad.json", "{nope")]
)
def test_unreadable_files_are_refused(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InstallationError, match=name):
        Installation.load(path)


def test_empty_file_is_an_empty_bus(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("")
    assert Installation.load(path) == Installation()
