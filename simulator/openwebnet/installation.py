"""What is wired to the simulated MyHOME bus: the installation file model.

An installation is plain data (frozen dataclasses) loaded from YAML or JSON,
built from a dict, or generated in code for benchmarks. The running state of
each item lives elsewhere (``simulator.openwebnet.bus``); keeping the two apart
lets one installation seed many simulator runs.

File format (every section optional; WHEREs with leading zeros must be quoted,
because YAML reads ``0012`` as the number 12)::

    gateway: {mac: "00:03:50:12:34:56", ip: "192.168.1.35"}
    lights:
      - {where: "12", name: Kitchen}                      # on/off actuator
      - {where: "13", kind: dimmer10, level: 60}          # WHAT 2-10 dimmer
      - {where: "14", kind: dimmer100, groups: [1, 3]}    # dimension 1 dimmer
    shutters:
      - {where: "21", travel_up: 20, travel_down: 18}     # basic actuator
      - {where: "22", advanced: true, position: 100}      # dimensions 10/11
    zones:
      - {zone: 1, temperature: 20.5, set_point: 21, humidity: 45}
      - {zone: 2, actuators: 2, fan_coil: true, local_offset: "02"}
    central_unit: {mode: "1101", battery_low: false, failure: false}  # 99 zones
    probes:
      - {where: "105", temperature: 21.3}                 # probe 1 of zone 5
      - {where: "500", temperature: -2.5}                 # external probe 5
    energy_meters:
      - {where: "51", power: 1739, energy_today: 3200}   # a meter
      - {where: "71#0", power: 60}                         # an actuator's meter
    contacts: [{where: "301"}, {where: "302", closed: true}]
    buttons:
      - {where: "21", kind: cen}
      - {where: "2123", kind: cen_plus}
    aux: [{channel: "1"}]
    alarm:                                                # the burglar alarm (WHO 5)
      armed: false
      system_where: "0"       # how the gateway writes the system: "0", "" or "doc"
      zones: [{zone: 1}, {zone: 2, engaged: false}]
      automations: [{aux: 4, action: arm}, {aux: 4, aux_on: false, action: disarm}]
    entrance_panels: [{where: "73", handset: "74", ring_tone: 1}]   # door entry (WHO 8)
    handsets: [{where: "74"}]
    amplifiers:                                           # sound zones EA
      - {where: "11", volume: 12, switched_on: true}      # WHO 16 (default)
      - {where: "21", dialects: [16, 22]}                 # reported on both
    sources:                                              # sound sources 10S
      - {source: 1, kind: tuner, stations: [96200, 101500], rds: [KRONEHIT, FM4]}
      - {source: 2}
    scenario_modules: [{where: "05", scenarios: 16}]      # WHO 0 (F420)
    scenes: [{scene: 1, enabled: true}]                   # WHO 17 (MH202)
    generate: {lights: 200, shutters: 40, zones: 10}      # appended in bulk

``central_unit`` is a single mapping (or absent: standalone zones); its
``mode`` is the WHAT it reports (``1101`` weekly programme 1 heating,
``110#0200`` manual at 20 °C, ``103`` off...).

Actuator locks (WHO 14) need no section: every light and shutter point can be
locked.
"""

from collections.abc import Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from enum import StrEnum
import json
from pathlib import Path
import types
from typing import Any, Self, get_args, get_type_hints

import yaml  # type: ignore[import-untyped]  # no stubs in the test stack


class InstallationError(ValueError):
    """An installation file or dict that does not describe a bus."""


class LightKind(StrEnum):
    """How a WHO 1 actuator handles brightness."""

    SWITCH = "switch"
    DIMMER_10 = "dimmer10"
    DIMMER_100 = "dimmer100"


class SourceKind(StrEnum):
    """What a sound source is: a tuner reports its station, others only on/off."""

    GENERIC = "generic"
    TUNER = "tuner"


class ButtonKind(StrEnum):
    """Which scenario protocol a push-button control speaks."""

    CEN = "cen"
    CEN_PLUS = "cen_plus"


class AlarmWhereStyle(StrEnum):
    """How a gateway writes the alarm system's WHERE in the frames it reports.

    ``0`` as an MH202 or an H4890 does (``*5*9*0##``), empty as an F454 or an
    F453AV does (``*5*9*##``), or empty with an empty field after it, as the
    WHO 5 document's status tables print it (``*5*9**##``).
    """

    ZERO = "0"
    EMPTY = ""
    DOCUMENT = "doc"


class AlarmAction(StrEnum):
    """What the central unit is programmed to do on an auxiliary command."""

    ARM = "arm"
    ARM_ZONES = "arm_zones"
    DISARM = "disarm"


class BatteryLevel(StrEnum):
    """The central unit's battery."""

    OK = "ok"
    FAULT = "fault"
    UNLOADED = "unloaded"


@dataclass(frozen=True, kw_only=True)
class LightSpec:
    """A WHO 1 light actuator; ``level`` is the starting brightness 0-100 (0 off)."""

    where: str
    name: str = ""
    kind: LightKind = LightKind.SWITCH
    groups: tuple[int, ...] = ()
    level: int = 0


@dataclass(frozen=True, kw_only=True)
class ShutterSpec:
    """A WHO 2 actuator; position 0 is closed and 100 open, travel times in s."""

    where: str
    name: str = ""
    advanced: bool = False
    travel_up: float = 20.0
    travel_down: float = 20.0
    groups: tuple[int, ...] = ()
    position: int = 0


@dataclass(frozen=True, kw_only=True)
class ZoneSpec:
    """A WHO 4 thermoregulation zone (1-99); mode is a WHO 4 WHAT (111 = programme).

    ``actuators`` is how many actuators (``Z#1``...) its valves drive;
    ``fan_coil`` zones report a fan speed (dimension 11, ``fan_speed`` 0
    auto, 1-3, 15 off); ``local_offset`` is the knob's WHO 4 code (``00``,
    ``01``-``03``, ``11``-``13``, ``4`` off, ``5`` protection).
    """

    zone: int
    name: str = ""
    temperature: float = 20.0
    set_point: float = 21.0
    mode: int = 111
    humidity: int | None = None
    actuators: int = 1
    fan_coil: bool = False
    fan_speed: int = 0
    local_offset: str = "00"


@dataclass(frozen=True, kw_only=True)
class CentralUnitSpec:
    """The WHO 4 central unit (``#0``): the mode WHAT it reports, and its health."""

    mode: str = "1101"
    name: str = ""
    battery_low: bool = False
    failure: bool = False
    remote_control: bool = True


@dataclass(frozen=True, kw_only=True)
class ProbeSpec:
    """A WHO 4 probe ``pZZ``: slave probe p of zone ZZ, or external (ZZ ``00``)."""

    where: str
    name: str = ""
    temperature: float = 20.0


@dataclass(frozen=True, kw_only=True)
class EnergyMeterSpec:
    """A WHO 18 meter (``5N``) or actuator (``7N#0``); power in W, energy in Wh."""

    where: str
    name: str = ""
    power: int = 0
    energy_total: int = 0
    energy_month: int = 0
    energy_today: int = 0


@dataclass(frozen=True, kw_only=True)
class ContactSpec:
    """A WHO 25 dry contact, WHERE ``3<nn>``."""

    where: str
    name: str = ""
    closed: bool = False


@dataclass(frozen=True, kw_only=True)
class ButtonSpec:
    """A CEN (WHO 15, WHERE as configured) or CEN+ (WHO 25, WHERE ``2<object>``) control."""

    where: str
    name: str = ""
    kind: ButtonKind = ButtonKind.CEN


@dataclass(frozen=True, kw_only=True)
class AuxSpec:
    """A WHO 9 auxiliary channel."""

    channel: str
    name: str = ""
    on: bool = False


@dataclass(frozen=True, kw_only=True)
class AmplifierSpec:
    """A sound amplifier (zone) ``EA``: environment E, amplifier A.

    (``switched_on``, not ``on``: YAML reads the key ``on`` as true.)

    ``source`` is the source (1-9) its environment is routed to (amplifiers of
    one environment share it: the matrix switches per environment);
    ``dialects`` are the WHOs it is reported and commanded in (16, 22).
    """

    where: str
    name: str = ""
    switched_on: bool = False
    volume: int = 10
    source: int = 1
    dialects: tuple[int, ...] = (16,)


@dataclass(frozen=True, kw_only=True)
class SourceSpec:
    """A sound source ``10S`` (S 1-9); a tuner has memorised stations (kHz).

    ``rds`` is the RDS name of each station, in the same order.
    """

    source: int
    name: str = ""
    kind: SourceKind = SourceKind.GENERIC
    switched_on: bool = False
    stations: tuple[int, ...] = ()
    rds: tuple[str, ...] = ()
    station: int = 1


@dataclass(frozen=True, kw_only=True)
class ScenarioModuleSpec:
    """A WHO 0 scenario module (F420: 16 scenarios, IR 3456: 20)."""

    where: str
    name: str = ""
    scenarios: int = 16


@dataclass(frozen=True, kw_only=True)
class SceneSpec:
    """A WHO 17 scene of a scenario programmer (MH200N, MH202)."""

    scene: int
    name: str = ""
    running: bool = False
    enabled: bool = True


@dataclass(frozen=True, kw_only=True)
class AlarmZoneSpec:
    """A zone of the burglar alarm (1-8): engaged when the system is armed or not."""

    zone: int
    name: str = ""
    engaged: bool = True


@dataclass(frozen=True, kw_only=True)
class AlarmAutomationSpec:
    """An automation of the central unit: an auxiliary command it acts on.

    ``arm`` engages the zones marked engaged, ``arm_zones`` engages exactly
    ``zones`` (openHAB's example ``*5*8#134##``), ``disarm`` disengages.
    """

    aux: int
    #: The command is aux on (``*9*1*<aux>##``), else off (YAML reads a key
    #: ``on`` as true, so the key says what it means).
    aux_on: bool = True
    action: AlarmAction = AlarmAction.ARM
    zones: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class AlarmSpec:
    """The burglar alarm's central unit (WHO 5)."""

    name: str = ""
    armed: bool = False
    system_where: AlarmWhereStyle = AlarmWhereStyle.ZERO
    battery: BatteryLevel = BatteryLevel.OK
    mains: bool = True
    maintenance: bool = False
    zones: tuple[AlarmZoneSpec, ...] = ()
    automations: tuple[AlarmAutomationSpec, ...] = ()
    #: Zones whose last intrusion the unit remembers (listed while disengaged).
    memory: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class EntrancePanelSpec:
    """A door-entry entrance panel (WHO 8): its call button rings ``handset``.

    ``announces`` says when the panel names itself on the bus
    (``*8*9#…*<where>##``): at once after the call, as BTicino's touch screen
    expects (``call``), or only when the handset answers, as an MH200 capture
    shows (``answer``).
    """

    where: str
    name: str = ""
    handset: str = ""
    ring_tone: int = 1
    audio_only: bool = False
    announces: str = "call"


@dataclass(frozen=True, kw_only=True)
class HandsetSpec:
    """A door-entry handset or video internal unit (WHO 8)."""

    where: str
    name: str = ""


@dataclass(frozen=True, kw_only=True)
class GatewaySpec:
    """The gateway's own identity, answered on WHO 13."""

    mac: str = "00:03:50:00:12:34"
    ip: str = "127.0.0.1"
    netmask: str = "255.255.255.0"


@dataclass(frozen=True, kw_only=True)
class Installation:
    """Everything on one simulated bus, in file order."""

    gateway: GatewaySpec = field(default_factory=GatewaySpec)
    lights: tuple[LightSpec, ...] = ()
    shutters: tuple[ShutterSpec, ...] = ()
    zones: tuple[ZoneSpec, ...] = ()
    central_unit: CentralUnitSpec | None = None
    probes: tuple[ProbeSpec, ...] = ()
    energy_meters: tuple[EnergyMeterSpec, ...] = ()
    contacts: tuple[ContactSpec, ...] = ()
    buttons: tuple[ButtonSpec, ...] = ()
    aux: tuple[AuxSpec, ...] = ()
    alarm: AlarmSpec | None = None
    entrance_panels: tuple[EntrancePanelSpec, ...] = ()
    handsets: tuple[HandsetSpec, ...] = ()
    amplifiers: tuple[AmplifierSpec, ...] = ()
    sources: tuple[SourceSpec, ...] = ()
    scenario_modules: tuple[ScenarioModuleSpec, ...] = ()
    scenes: tuple[SceneSpec, ...] = ()

    @classmethod
    def load(cls, path: str | Path) -> Self:
        """Read an installation from a ``.yaml``/``.yml`` or ``.json`` file."""
        path = Path(path)
        text = path.read_text(encoding="utf-8")
        try:
            data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        except (ValueError, yaml.YAMLError) as err:
            raise InstallationError(f"{path}: {err}") from err
        return cls.from_dict(data or {})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build an installation from parsed YAML/JSON (see the module docstring)."""
        if not isinstance(data, Mapping):
            raise InstallationError("an installation is a mapping of sections")
        sections = dict(data)
        generated = sections.pop("generate", None)
        gateway = sections.pop("gateway", None) or {}
        central_unit = sections.pop("central_unit", None)
        alarm = sections.pop("alarm", None)
        item_sections: dict[str, Any] = {}
        for section, spec in _ITEM_SECTIONS.items():
            entries = sections.pop(section, None) or []
            if not isinstance(entries, list):
                raise InstallationError(f"{section}: expected a list")
            item_sections[section] = tuple(
                _build(spec, entry, f"{section}[{index}]")
                for index, entry in enumerate(entries)
            )
        if sections:
            raise InstallationError(f"unknown sections: {', '.join(sorted(sections))}")
        installation = cls(
            gateway=_build(GatewaySpec, gateway, "gateway"),
            central_unit=None
            if central_unit is None
            else _build(CentralUnitSpec, central_unit, "central_unit"),
            alarm=None if alarm is None else _build(AlarmSpec, alarm, "alarm"),
            **item_sections,
        )
        if generated is not None:
            if not isinstance(generated, Mapping):
                raise InstallationError("generate: expected a mapping of counts")
            installation = installation.extended(cls.generate(**generated))
        installation.check_unique()
        return installation

    @classmethod
    def generate(
        cls,
        *,
        lights: int = 0,
        shutters: int = 0,
        zones: int = 0,
        dimmer_every: int = 4,
        advanced_every: int = 2,
        energy_meters: int = 0,
        contacts: int = 0,
        amplifiers: int = 0,
        sources: int = 0,
        scenario_modules: int = 0,
        scenes: int = 0,
        central_unit: bool = False,
        probes: int = 0,
        actuator_meters: int = 0,
    ) -> Self:
        """A large, regular installation for benchmarks and load tests.

        Every ``dimmer_every``-th light is a 100-level dimmer and every
        ``advanced_every``-th shutter an advanced actuator. Addresses fill the
        main bus first, then local buses ``#4#01``, ``#4#02``... as a real
        installation of that size would. Amplifiers fill environments 1-9
        (``11``, ``12``... ``19``, ``21``...), the first source is a tuner.
        ``probes`` are slave probes of the first zones and one external
        probe; ``actuator_meters`` are ``7N#0`` meters after the ``5N`` ones.
        """
        if zones > 99:
            raise InstallationError("a central unit drives at most 99 zones")
        if amplifiers > 81 or sources > 9:
            raise InstallationError("at most 81 amplifiers and 9 sources")
        if probes > 9:
            raise InstallationError("generate at most 9 probes")
        light_addresses = point_addresses()
        shutter_addresses = point_addresses()
        return cls(
            lights=tuple(
                LightSpec(
                    where=next(light_addresses),
                    name=f"Light {index + 1}",
                    kind=LightKind.DIMMER_100
                    if dimmer_every and index % dimmer_every == dimmer_every - 1
                    else LightKind.SWITCH,
                    level=100 if index % 3 == 0 else 0,
                )
                for index in range(lights)
            ),
            shutters=tuple(
                ShutterSpec(
                    where=next(shutter_addresses),
                    name=f"Shutter {index + 1}",
                    advanced=bool(advanced_every)
                    and index % advanced_every == advanced_every - 1,
                    position=(index * 37) % 101,
                )
                for index in range(shutters)
            ),
            zones=tuple(
                ZoneSpec(
                    zone=index + 1,
                    name=f"Zone {index + 1}",
                    temperature=18.0 + (index % 7) * 0.5,
                    humidity=40 + index % 20,
                )
                for index in range(zones)
            ),
            central_unit=CentralUnitSpec(name="Central unit") if central_unit else None,
            probes=tuple(
                ProbeSpec(
                    where="100" if index == 0 else f"1{index:02d}",
                    name=f"Probe {index + 1}",
                    temperature=5.0 + index,
                )
                for index in range(probes)
            ),
            energy_meters=tuple(
                EnergyMeterSpec(
                    where=f"5{index + 1}",
                    name=f"Meter {index + 1}",
                    power=100 * (index + 1),
                    energy_total=1_000_000 + index,
                    energy_month=100_000 + index,
                    energy_today=5_000 + index,
                )
                for index in range(energy_meters)
            )
            + tuple(
                EnergyMeterSpec(
                    where=f"7{index + 1}#0", name=f"Actuator {index + 1}", power=60
                )
                for index in range(actuator_meters)
            ),
            contacts=tuple(
                ContactSpec(where=f"3{index + 1:02d}", name=f"Contact {index + 1}")
                for index in range(contacts)
            ),
            amplifiers=tuple(
                AmplifierSpec(
                    where=f"{index // 9 + 1}{index % 9 + 1}",
                    name=f"Amplifier {index + 1}",
                    switched_on=index % 2 == 0,
                    volume=index % 32,
                )
                for index in range(amplifiers)
            ),
            sources=tuple(
                SourceSpec(
                    source=index + 1,
                    name=f"Source {index + 1}",
                    kind=SourceKind.TUNER if index == 0 else SourceKind.GENERIC,
                    stations=(96200, 101500) if index == 0 else (),
                    switched_on=index == 0,
                )
                for index in range(sources)
            ),
            scenario_modules=tuple(
                ScenarioModuleSpec(where=f"{index + 1:02d}", name=f"Module {index + 1}")
                for index in range(scenario_modules)
            ),
            scenes=tuple(
                SceneSpec(scene=index + 1, name=f"Scene {index + 1}")
                for index in range(scenes)
            ),
        )

    def extended(self, other: Installation) -> Self:
        """This installation with every item of ``other`` appended.

        The central unit is this one's, or else ``other``'s.
        """
        return type(self)(
            gateway=self.gateway,
            central_unit=self.central_unit or other.central_unit,
            alarm=self.alarm or other.alarm,
            **{
                section: getattr(self, section) + getattr(other, section)
                for section in _ITEM_SECTIONS
            },
        )

    def check_unique(self) -> None:
        """Refuse two items answering to the same WHO and WHERE."""
        sections = [(section, getattr(self, section)) for section in _ITEM_KEYS]
        if self.alarm is not None:
            sections.append(("alarm.zones", self.alarm.zones))
        for section, items in sections:
            key = _ITEM_KEYS.get(section, "zone")
            seen: set[str] = set()
            for item in items:
                address = str(getattr(item, key))
                if address in seen:
                    raise InstallationError(f"{section}: {key} {address} appears twice")
                seen.add(address)
        units = [panel.where for panel in self.entrance_panels]
        units += [handset.where for handset in self.handsets]
        if len(set(units)) != len(units):
            raise InstallationError("door entry: a WHERE is both a panel and a handset")


def point_addresses() -> Iterator[str]:
    """Every point-to-point WHERE, main bus first, then local buses 01-15.

    The order is the two-digit form (A 1-9, PL 1-9), then A 00 and A 10 with
    PL 01-15, then A 01-09 with PL 10-15 (PROTOCOLS.md §2, WHERE).
    """
    main_bus = [f"{area}{point}" for area in range(1, 10) for point in range(1, 10)]
    main_bus += [f"00{point:02d}" for point in range(1, 16)]
    main_bus += [f"10{point:02d}" for point in range(1, 16)]
    main_bus += [
        f"{area:02d}{point}" for area in range(1, 10) for point in range(10, 16)
    ]
    yield from main_bus
    for interface in range(1, 16):
        for address in main_bus:
            yield f"{address}#4#{interface:02d}"


_ITEM_SECTIONS: dict[str, type] = {
    "lights": LightSpec,
    "shutters": ShutterSpec,
    "zones": ZoneSpec,
    "probes": ProbeSpec,
    "energy_meters": EnergyMeterSpec,
    "contacts": ContactSpec,
    "buttons": ButtonSpec,
    "aux": AuxSpec,
    "entrance_panels": EntrancePanelSpec,
    "handsets": HandsetSpec,
    "amplifiers": AmplifierSpec,
    "sources": SourceSpec,
    "scenario_modules": ScenarioModuleSpec,
    "scenes": SceneSpec,
}
_ITEM_KEYS = {
    "lights": "where",
    "shutters": "where",
    "zones": "zone",
    "probes": "where",
    "energy_meters": "where",
    "contacts": "where",
    "buttons": "where",
    "aux": "channel",
    "entrance_panels": "where",
    "handsets": "where",
    "amplifiers": "where",
    "sources": "source",
    "scenario_modules": "where",
    "scenes": "scene",
}


def _build[T](spec: type[T], entry: object, context: str) -> T:
    """Build one spec dataclass from a mapping, coercing YAML's loose types."""
    if not isinstance(entry, Mapping):
        raise InstallationError(f"{context}: expected a mapping")
    hints = get_type_hints(spec)
    known = {item.name: item for item in fields(spec)}  # type: ignore[arg-type]
    unknown = set(entry) - set(known)
    if unknown:
        raise InstallationError(
            f"{context}: unknown keys {', '.join(sorted(map(str, unknown)))}"
        )
    missing = [
        name
        for name, item in known.items()
        if name not in entry
        and item.default is MISSING
        and item.default_factory is MISSING
    ]
    if missing:
        raise InstallationError(f"{context}: missing {', '.join(missing)}")
    try:
        values = {name: _coerce(hints[name], value) for name, value in entry.items()}
        return spec(**values)
    except (TypeError, ValueError) as err:
        raise InstallationError(f"{context}: {err}") from err


def _coerce(annotation: Any, value: object) -> object:
    """Turn a YAML/JSON value into the annotated field type, or raise ValueError."""
    if isinstance(annotation, types.UnionType):  # e.g. int | None
        if value is None:
            return None
        annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
    if (
        annotation is str
        and isinstance(value, int | str)
        and not isinstance(value, bool)
    ):
        return str(value)
    if annotation is bool and isinstance(value, bool):
        return value
    if annotation is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if (
        annotation is float
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        return float(value)
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return annotation(str(value))
    if getattr(annotation, "__origin__", None) is tuple and isinstance(value, list):
        (item_type, _) = get_args(annotation)
        return tuple(_coerce(item_type, item) for item in value)
    if is_dataclass(annotation) and isinstance(annotation, type):
        return _build(annotation, value, annotation.__name__)
    raise ValueError(f"{value!r} is not a {annotation}")
