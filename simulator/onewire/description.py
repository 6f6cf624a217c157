"""Bus description files: which chips hang where, and the value timeline.

YAML or JSON (every key optional except ``devices``)::

    seed: 7                      # ROM ids are drawn from it when not given
    devices:
      - {model: DS18B20, id: 28.000000000001, temperature: 21.5, resolution: 12}
      - {model: DS18S20, temperature: 19.25}
      - {model: DS1822, temphigh: 25, templow: 10}      # alarms outside 10..25
      - {model: DS18B20, parasite: true}                # needs strong pull-up
      - {model: DS18B20, conversion_factor: 2}          # a slow clone
      - {model: DS2408, inputs: {"3": 0}}               # input 3 pulled low
      - {model: DS2406}
      - {model: DS2413, crc_error_rate: 0.1}            # noisy line
      - {model: DS2438, temperature: 22, vad: 2.9, vdd: 5.0}
      - {model: DS2423, counter_a: 1000}
      - model: DS2409
        main: [{model: DS18B20, temperature: 5}]
        aux: [{model: DS2413}]
    generate: {DS18B20: 50, DS2408: 2}  # more chips on the trunk, ids from seed
    timeline: [...]                      # see simulator.onewire.timeline

``model`` is a chip name or its family code (``"28"``); the other keys are
the chip's options (see each chip class). Ids are ``FF.SSSSSSSSSSSS``
(owserver's form; a CRC suffix is checked if given).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
import inspect
import json
from pathlib import Path
import random
from typing import Any

import yaml  # type: ignore[import-untyped]  # no stubs in the test stack

from .bus import OneWireBus, Segment
from .counters import DS2423
from .coupler import DS2409
from .monitors import DS2438
from .rom import Rom, RomError
from .slave import SettingError, Slave
from .switches import DS2406, DS2408, DS2413
from .thermometers import DS18B20, DS18S20, DS1822
from .timeline import Timeline, TimelineError

MODELS: dict[str, type[Slave]] = {
    cls.model: cls
    for cls in (
        DS18B20,
        DS1822,
        DS18S20,
        DS2408,
        DS2406,
        DS2413,
        DS2438,
        DS2423,
        DS2409,
    )
}
FAMILIES: dict[str, type[Slave]] = {f"{cls.family:02X}": cls for cls in MODELS.values()}


class DescriptionError(ValueError):
    """A description that does not describe a bus."""


def model_class(name: str) -> type[Slave]:
    """The chip class of a model name or family code."""
    key = str(name).strip()
    found = MODELS.get(key.upper()) or FAMILIES.get(key.upper())
    if found is None:
        known = ", ".join(sorted(MODELS))
        raise DescriptionError(f"unknown chip model {name!r} (known: {known})")
    return found


@dataclass
class BusDescription:
    """A parsed description: chip entries, generated counts, the timeline."""

    devices: list[dict[str, Any]] = field(default_factory=list)
    generate: dict[str, int] = field(default_factory=dict)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    seed: int = 1

    @classmethod
    def load(cls, path: str | Path) -> BusDescription:
        """Read a YAML or JSON file."""
        text = Path(path).read_text(encoding="utf-8")
        try:
            data = (
                json.loads(text)
                if str(path).endswith(".json")
                else yaml.safe_load(text)
            )
        except (json.JSONDecodeError, yaml.YAMLError) as err:
            raise DescriptionError(f"{path}: {err}") from err
        return cls.from_dict(data or {})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BusDescription:
        """Check the top level of a description dict."""
        if not isinstance(data, Mapping):
            raise DescriptionError("a bus description is a mapping")
        unknown = set(data) - {"devices", "generate", "timeline", "seed"}
        if unknown:
            raise DescriptionError(f"unknown keys {sorted(unknown)}")
        devices = data.get("devices")
        timeline = data.get("timeline")
        generate = data.get("generate")
        devices = [] if devices is None else devices
        timeline = [] if timeline is None else timeline
        generate = {} if generate is None else generate
        if not isinstance(devices, list) or not isinstance(timeline, list):
            raise DescriptionError("'devices' and 'timeline' are lists")
        if not isinstance(generate, Mapping):
            raise DescriptionError("'generate' maps a model to a count")
        return cls(
            devices=[dict(entry) for entry in devices],
            generate={str(model): int(count) for model, count in generate.items()},
            timeline=[dict(entry) for entry in timeline],
            seed=int(data.get("seed", 1)),
        )

    def build(self, bus: OneWireBus) -> Timeline:
        """Put the described chips on bus; return the timeline (not started)."""
        rng = random.Random(self.seed)  # noqa: S311 (ids, not secrets)
        for entry in self.devices:
            _build_chip(bus, entry, bus.trunk, rng)
        for model, count in self.generate.items():
            cls = model_class(model)
            for _ in range(count):
                bus.attach(cls(_fresh_rom(bus, cls.family, rng)), bus.trunk)
        try:
            return Timeline.from_entries(self.timeline)
        except TimelineError as err:
            raise DescriptionError(str(err)) from err


def _fresh_rom(bus: OneWireBus, family: int, rng: random.Random) -> Rom:
    while True:
        rom = Rom.random(family, rng)
        if bus.find(rom, missing_ok=True) is None:
            return rom


def _build_chip(
    bus: OneWireBus, entry: Mapping[str, Any], segment: Segment, rng: random.Random
) -> Slave:
    if not isinstance(entry, Mapping) or "model" not in entry:
        raise DescriptionError(f"a device entry needs a 'model': {entry}")
    cls = model_class(entry["model"])
    options = {
        k: v for k, v in entry.items() if k not in ("model", "id", "main", "aux")
    }
    accepted = _options_of(cls)
    unknown = set(options) - accepted
    if unknown:
        raise DescriptionError(
            f"{cls.model} has no option(s) {sorted(unknown)} (known: {sorted(accepted)})"
        )
    try:
        rom = (
            Rom.parse(str(entry["id"]))
            if "id" in entry
            else _fresh_rom(bus, cls.family, rng)
        )
        chip = cls(rom, **options)
    except (RomError, SettingError, TypeError) as err:
        raise DescriptionError(f"{entry}: {err}") from err
    try:
        bus.attach(chip, segment)
    except ValueError as err:
        raise DescriptionError(str(err)) from err
    if isinstance(chip, DS2409):
        for branch in ("main", "aux"):
            for child in entry.get(branch) or []:
                _build_chip(bus, child, chip.segment(branch), rng)
    elif "main" in entry or "aux" in entry:
        raise DescriptionError(f"only a DS2409 has branches: {entry}")
    return chip


def _options_of(cls: type[Slave]) -> set[str]:
    names: set[str] = set()
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        for parameter in inspect.signature(init).parameters.values():
            if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
                names.add(parameter.name)
    return names
