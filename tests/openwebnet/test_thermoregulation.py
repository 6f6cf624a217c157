"""Thermoregulation and energy items: the WHO 4 and WHO 18 rules, without a network.

Frames are those of the WHO 4 document, BTicino's touch screen tests and
field captures quoted in ``docs/openwebnet-systems.md`` §5-§6 and §13.
"""

from datetime import date, datetime, time

import pytest

from custom_components.onewire_own.openwebnet.frames import (
    ACK,
    NACK,
    Frame,
    parse_frame,
)
from custom_components.onewire_own.openwebnet.items import (
    CentralUnitMode,
    EnergyMeter,
    FanCoilSpeed,
    ItemRegistry,
    LocalOffset,
    StateChanged,
    ThermoCentralUnit,
    ThermoFunction,
    ThermoProbe,
    ThermoZone,
    ZoneDemand,
)
from custom_components.onewire_own.openwebnet.items.thermo_central_unit import (
    ModeReport,
    decode_central_unit_mode,
)
from custom_components.onewire_own.openwebnet.items.thermo_probes import (
    decode_probe_temperature,
)


class Recorder:
    """A sender that records what it is asked to send and answers ACK (or NACK)."""

    def __init__(self, answer: Frame = ACK) -> None:
        self.sent: list[str] = []
        self.answer = answer
        self.registry = ItemRegistry(self)

    async def send(self, frame: Frame) -> list[Frame]:
        self.sent.append(frame.build())
        return [self.answer]

    def feed(self, *raw: str) -> None:
        for text in raw:
            self.registry.dispatch(parse_frame(text))

    def item(self, who: int, where: str) -> object:
        return self.registry.items[(who, where)]


def local(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A moment in the central unit's own (local, naive) time."""
    return datetime.combine(date(year, month, day), time(hour, minute))


def central_unit(*raw: str) -> tuple[ThermoCentralUnit, Recorder]:
    recorder = Recorder()
    recorder.feed("*4*1101*#0##", *raw)
    unit = recorder.item(4, "#0")
    assert isinstance(unit, ThermoCentralUnit)
    return unit, recorder


def zone(*raw: str) -> ThermoZone:
    recorder = Recorder()
    recorder.feed(*raw)
    item = recorder.item(4, "2")
    assert isinstance(item, ThermoZone)
    return item


# -- the central unit's mode codes -------------------------------------------


@pytest.mark.parametrize(
    ("what", "report"),
    [
        ("103", ModeReport(CentralUnitMode.OFF, ThermoFunction.HEATING)),
        ("203", ModeReport(CentralUnitMode.OFF, ThermoFunction.COOLING)),
        ("102", ModeReport(CentralUnitMode.ANTIFREEZE, ThermoFunction.HEATING)),
        ("202", ModeReport(CentralUnitMode.THERMAL_PROTECTION, ThermoFunction.COOLING)),
        ("302", ModeReport(CentralUnitMode.ANTIFREEZE)),
        # MH200N, MyHOME issue_466: manual at 18 °C.
        (
            "110#0180",
            ModeReport(CentralUnitMode.MANUAL, ThermoFunction.HEATING, None, 18.0),
        ),
        (
            "210#0245",
            ModeReport(CentralUnitMode.MANUAL, ThermoFunction.COOLING, None, 24.5),
        ),
        (
            "112#0200",
            ModeReport(
                CentralUnitMode.MANUAL_TIMED, ThermoFunction.HEATING, None, 20.0
            ),
        ),
        ("111", ModeReport(CentralUnitMode.WEEKLY, ThermoFunction.HEATING)),
        ("1101", ModeReport(CentralUnitMode.WEEKLY, ThermoFunction.HEATING, 1)),
        ("2103", ModeReport(CentralUnitMode.WEEKLY, ThermoFunction.COOLING, 3)),
        ("1212", ModeReport(CentralUnitMode.SCENARIO, ThermoFunction.HEATING, 12)),
        ("2216", ModeReport(CentralUnitMode.SCENARIO, ThermoFunction.COOLING, 16)),
        # BTicino's touch screen expects 115#1102, the PDF 115#2.
        ("115#1102", ModeReport(CentralUnitMode.HOLIDAY, ThermoFunction.HEATING, 2)),
        ("215#3", ModeReport(CentralUnitMode.HOLIDAY, ThermoFunction.COOLING, 3)),
        ("115", ModeReport(CentralUnitMode.HOLIDAY, ThermoFunction.HEATING)),
        # WHO 4 document: 33002 is reported as 13003 (today counts).
        ("13003", ModeReport(CentralUnitMode.VACATION, ThermoFunction.HEATING, 3)),
        ("23255", ModeReport(CentralUnitMode.VACATION, ThermoFunction.COOLING, 255)),
        ("3000", None),  # a command (end of vacation), never reported
        ("3100", ModeReport(CentralUnitMode.WEEKLY)),  # "last programme"
        ("21", None),
        ("1", None),
        ("410", None),
        ("11x1", None),
        ("1301", None),
        ("12345", None),
    ],
)
def test_the_central_unit_mode_codes_are_decoded(
    what: str, report: ModeReport | None
) -> None:
    code, *params = what.split("#")
    assert decode_central_unit_mode(code, tuple(params)) == report


def test_the_central_unit_follows_its_mode_reports() -> None:
    unit, _ = central_unit("*4*1102*#0##")
    assert (unit.mode, unit.programme, unit.function) == (
        CentralUnitMode.WEEKLY,
        2,
        ThermoFunction.HEATING,
    )
    unit.handle(parse_frame("*4*115#1102*#0##"))  # type: ignore[arg-type]
    assert (unit.mode, unit.programme) == (CentralUnitMode.HOLIDAY, 2)
    unit.handle(parse_frame("*4*13004*#0##"))  # type: ignore[arg-type]
    assert (unit.mode, unit.vacation_days) == (CentralUnitMode.VACATION, 4)
    unit.handle(parse_frame("*4*1203*#0##"))  # type: ignore[arg-type]
    assert (unit.mode, unit.scenario, unit.programme) == (
        CentralUnitMode.SCENARIO,
        3,
        2,
    )
    unit.handle(parse_frame("*4*210#0230*#0##"))  # type: ignore[arg-type]
    assert (unit.mode, unit.manual_temperature, unit.function) == (
        CentralUnitMode.MANUAL,
        23.0,
        ThermoFunction.COOLING,
    )
    # A generic report keeps the function learned, a season report sets it.
    unit.handle(parse_frame("*4*302*#0##"))  # type: ignore[arg-type]
    assert unit.function is ThermoFunction.COOLING
    unit.handle(parse_frame("*4*1*#0##"))  # type: ignore[arg-type]
    assert unit.function is ThermoFunction.HEATING
    assert unit.handle(parse_frame("*4*999*#0##")) == []  # type: ignore[arg-type]
    assert not unit.is_four_zone


def test_a_four_zone_central_unit_keeps_its_address() -> None:
    recorder = Recorder()
    recorder.feed("*4*110#0180*#0#1##")
    unit = recorder.item(4, "#0#1")
    assert isinstance(unit, ThermoCentralUnit)
    assert unit.is_four_zone
    assert unit.manual_temperature == 18.0


# -- battery, failure and the other conditions ------------------------------


def test_conditions_are_set_by_their_reports_and_cleared_by_a_status_without_them() -> (
    None
):
    unit, recorder = central_unit()
    assert (unit.battery_low, unit.failure, unit.remote_control) == (None, None, None)
    events = unit.handle(parse_frame("*4*31*#0##"))  # type: ignore[arg-type]
    assert events == [StateChanged()]
    recorder.feed("*4*30*#0##", "*4*24*#0##", "*4*20*#0##")
    assert (unit.battery_low, unit.failure, unit.probe_manual) == (True, True, True)
    assert unit.remote_control is False

    # A complete status answer lists what holds, then the mode.
    answer = [parse_frame(t) for t in ("*4*21*#0##", "*4*30*#0##", "*4*1101*#0##")]
    recorder.feed(*(frame.build() for frame in answer))
    assert unit.conclude_status([*answer, ACK]) == [StateChanged()]
    assert (unit.battery_low, unit.failure, unit.probe_manual) == (False, True, False)
    assert (unit.probe_off, unit.probe_protection) == (False, False)
    assert unit.remote_control is True


@pytest.mark.parametrize(
    "answer",
    [
        ["*#*0##"],  # refused
        ["*4*21*#0##", "*#*1##"],  # no mode frame: not the whole answer
        ["*4*1101*#1##", "*#*1##"],  # zone 1 through the unit, not the unit
    ],
)
def test_an_incomplete_status_answer_clears_nothing(answer: list[str]) -> None:
    unit, _ = central_unit("*4*31*#0##")
    assert unit.conclude_status([parse_frame(text) for text in answer]) == []
    assert unit.battery_low is True


async def test_the_registry_concludes_the_status_request_of_an_existing_item() -> None:
    unit, recorder = central_unit("*4*31*#0##")
    answers = [parse_frame("*4*21*#0##"), parse_frame("*4*1101*#0##"), ACK]
    heard: list[object] = []
    recorder.registry.add_callback(lambda item, event: heard.append(item))
    recorder.registry.conclude(parse_frame("*#4*#0##"), answers)
    assert unit.battery_low is False
    assert heard == [unit]
    # Requests of items nobody knows, and other requests, conclude nothing.
    recorder.registry.conclude(parse_frame("*#4*#0#2##"), answers)
    recorder.registry.conclude(parse_frame("*#4*9#9##"), answers)
    recorder.registry.conclude(parse_frame("*#4*#0*30##"), answers)
    assert set(recorder.registry.items) == {(4, "#0")}


# -- holiday and vacation ends ------------------------------------------------


def test_a_holiday_end_is_shown_only_while_a_holiday_or_vacation_runs() -> None:
    unit, _ = central_unit("*4*115#1101*#0##")
    assert unit.wants_holiday_end
    # BTicino's touch screen tests: *#4*#0*30*29*08*2012## and 31*23*08.
    for text in ("*#4*#0*30*29*08*2012##", "*#4*#0*31*23*08##"):
        unit.handle(parse_frame(text))  # type: ignore[arg-type]
    assert unit.holiday_end == local(2012, 8, 29, 23, 8)
    unit.handle(parse_frame("*4*13003*#0##"))  # type: ignore[arg-type]
    assert unit.holiday_end == local(2012, 8, 29, 23, 8)  # the same absence
    unit.handle(parse_frame("*4*1101*#0##"))  # type: ignore[arg-type]
    assert unit.holiday_end is None
    assert (unit.end_date, unit.end_time) == (date(2012, 8, 29), time(23, 8))
    # A new holiday forgets the old end until the unit tells the new one.
    unit.handle(parse_frame("*4*115#1101*#0##"))  # type: ignore[arg-type]
    assert (unit.end_date, unit.end_time, unit.holiday_end) == (None, None, None)
    assert unit.handle(parse_frame("*#4*#0*30*29##")) == []  # type: ignore[arg-type]
    unit.handle(parse_frame("*#4*#0*30*01*01*2030##"))  # type: ignore[arg-type]
    assert unit.holiday_end is None  # until the time is known too
    unit.handle(parse_frame("*#4*#0*31*00*00##"))  # type: ignore[arg-type]
    assert unit.holiday_end == local(2030, 1, 1, 0, 0)


async def test_the_end_is_asked_once_per_holiday() -> None:
    unit, recorder = central_unit("*4*115#1101*#0##")
    await unit.follow_up()
    assert recorder.sent == ["*#4*#0##", "*#4*#0*30##", "*#4*#0*31##"]
    await unit.follow_up()
    assert recorder.sent[3:] == ["*#4*#0##"]
    assert not unit.wants_holiday_end
    assert unit.refresh_requests()[0].build() == "*#4*#0##"
    assert len(unit.refresh_requests()) == 3
    unit.handle(parse_frame("*4*1101*#0##"))  # type: ignore[arg-type]
    assert [r.build() for r in unit.refresh_requests()] == ["*#4*#0##"]


# -- central unit commands ----------------------------------------------------


async def test_central_unit_commands_are_the_generic_frames() -> None:
    unit, recorder = central_unit()
    await unit.turn_off()
    await unit.set_antifreeze()
    await unit.set_thermal_protection()
    await unit.set_manual(21.5)
    await unit.set_weekly_programme(2)
    await unit.set_scenario(12)
    await unit.set_holiday(3)
    await unit.set_vacation(2, 1)
    await unit.set_holiday_end(local(2026, 12, 24, 18, 30))
    assert recorder.sent == [
        "*4*303*#0##",
        "*4*102*#0##",
        "*4*202*#0##",
        "*#4*#0*#14*0215*3##",
        "*4*3102*#0##",
        "*4*3212*#0##",
        "*4*315#3103*#0##",
        "*4*33002#3101*#0##",
        "*#4*#0*#30*24*12*2026##",
        "*#4*#0*#31*18*30##",
        "*#4*#0*30##",
        "*#4*#0*31##",
    ]


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (lambda unit: unit.set_weekly_programme(4), "weekly programme must be 1-3"),
        (lambda unit: unit.set_scenario(0), "scenario must be 1-16"),
        (lambda unit: unit.set_holiday(0), "weekly programme"),
        (lambda unit: unit.set_vacation(256, 1), "vacation days must be 1-255"),
    ],
)
async def test_central_unit_commands_out_of_range_send_nothing(
    command: object, message: str
) -> None:
    unit, recorder = central_unit()
    with pytest.raises(ValueError, match=message):
        await command(unit)  # type: ignore[operator]
    assert recorder.sent == []


# -- zones: valves, actuators, fan coils, knobs ------------------------------


@pytest.mark.parametrize(
    ("frames", "demand"),
    [
        ([], None),
        (["*#4*2*19*0*1##"], ZoneDemand.HEATING),
        (["*#4*2*19*2*0##"], ZoneDemand.COOLING),
        (["*#4*2*19*3*3##"], ZoneDemand.IDLE),
        (["*#4*2*19*0*8##"], ZoneDemand.HEATING),  # fan coil at speed 3
        (["*#4*2*19*0*5##"], ZoneDemand.IDLE),  # fan coil off
        (["*#4*2*19*0*14##"], ZoneDemand.IDLE),  # openwebnet4j's "off speed 1"
        (["*#4*2#1*20*0##"], ZoneDemand.IDLE),  # MH200N sweep
        (["*#4*2#1*20*1##"], ZoneDemand.HEATING),
        (["*#4*2#2*20*9##"], ZoneDemand.HEATING),  # fan coil on (actuator only)
        (["*4*210*2##", "*#4*2#1*20*1##"], ZoneDemand.COOLING),
        (["*4*0*2##", "*#4*2#1*20*1##"], ZoneDemand.COOLING),  # F454 season
        (["*#4*2*19*1*1##"], ZoneDemand.HEATING),  # both: the function decides
        (["*4*210*2##", "*#4*2*19*1*1##"], ZoneDemand.COOLING),
        (["*#4*2*19*0*0##", "*#4*2#1*20*1##"], ZoneDemand.HEATING),
    ],
)
def test_a_zone_demand_comes_from_its_valves_and_actuators(
    frames: list[str], demand: ZoneDemand | None
) -> None:
    item = zone("*#4*2*0*0200##", *frames)
    assert item.demand is demand


def test_a_zone_keeps_each_actuator_and_all_of_them_at_once() -> None:
    item = zone("*#4*2#1*20*1##", "*#4*2#2*20*0##")
    assert item.actuators == {1: 1, 2: 0}
    item.handle(parse_frame("*#4*2#0*20*0##"))  # type: ignore[arg-type]
    assert item.actuators == {1: 0, 2: 0}
    item = zone("*#4*2#0*20*1##")
    assert item.actuators == {0: 1}
    item.handle(parse_frame("*#4*2#3*20*0##"))  # type: ignore[arg-type]
    assert item.actuators == {3: 0}


@pytest.mark.parametrize(
    ("code", "offset"),
    [
        ("00", LocalOffset.ZERO),
        ("03", LocalOffset.PLUS_3),
        ("13", LocalOffset.MINUS_3),
        ("4", LocalOffset.OFF),
        ("5", LocalOffset.PROTECTION),
        ("7", None),
        ("", None),
    ],
)
def test_the_knob_is_decoded(code: str, offset: LocalOffset | None) -> None:
    assert zone(f"*#4*2*13*{code}##").local_offset is offset


def test_a_fan_coil_reports_and_takes_its_speed() -> None:
    item = zone("*#4*2*11*2##")
    assert item.fan_coil_speed is FanCoilSpeed.MEDIUM
    assert zone("*#4*2*11*15##").fan_coil_speed is FanCoilSpeed.OFF
    assert zone("*#4*2*11*9##").fan_coil_speed is None  # no such speed: dropped


async def test_the_fan_coil_speed_is_written_at_the_zone_itself() -> None:
    recorder = Recorder()
    recorder.feed("*#4*2*11*0##", "*4*110*#2##")  # a central unit runs the zone
    item = recorder.item(4, "2")
    assert isinstance(item, ThermoZone)
    await item.set_fan_coil_speed(FanCoilSpeed.HIGH)
    assert recorder.sent == ["*#4*2*#11*3##"]


# -- probes ------------------------------------------------------------------


def test_probes_are_items_of_their_own_never_their_zone() -> None:
    recorder = Recorder()
    recorder.feed(
        "*#4*105*0*0296##",  # MH200N sweep: probe 1 of zone 5, 29.6 °C
        "*#4*500*15*1*1025##",  # external probe 5, -2.5 °C
        "*#4*300*15*1*123##",  # three digits (BTicino's test frame)
        "*#4*105*14*0200*3##",  # no set point on a probe
    )
    slave = recorder.item(4, "105")
    outdoor = recorder.item(4, "500")
    assert isinstance(slave, ThermoProbe)
    assert isinstance(outdoor, ThermoProbe)
    assert (slave.temperature, slave.zone, slave.probe, slave.is_external) == (
        29.6,
        5,
        1,
        False,
    )
    assert (outdoor.temperature, outdoor.zone, outdoor.is_external) == (-2.5, 0, True)
    assert recorder.item(4, "300").temperature == 12.3  # type: ignore[attr-defined]
    assert (4, "5") not in recorder.registry.items
    assert slave.handle(parse_frame("*4*1*105##")) == []  # type: ignore[arg-type]
    assert [r.build() for r in slave.refresh_requests()] == ["*#4*105*0##"]
    assert [r.build() for r in outdoor.refresh_requests()] == ["*#4*500*15#1##"]


@pytest.mark.parametrize(
    ("text", "celsius"), [("123", 12.3), ("0296", 29.6), ("1048", -4.8), ("12", None)]
)
def test_probe_temperatures_have_four_digits_or_three(
    text: str, celsius: float | None
) -> None:
    assert decode_probe_temperature(text) == celsius


# -- energy ------------------------------------------------------------------


def test_a_meter_diagnostic_makes_the_meter_without_changing_it() -> None:
    recorder = Recorder()
    recorder.feed("*#1018*52*7*111111111111111111111111##", "*#1018*71#0*7*1##")
    meter = recorder.item(18, "52")
    assert isinstance(meter, EnergyMeter)
    assert meter.energy_total is None
    assert isinstance(recorder.item(18, "71#0"), EnergyMeter)


async def test_a_meter_reads_its_energies_and_its_power_unless_pushed() -> None:
    recorder = Recorder()
    recorder.feed("*#18*51*51*23791364##")
    meter = recorder.item(18, "51")
    assert isinstance(meter, EnergyMeter)
    assert [r.build() for r in meter.refresh_requests()] == [
        "*#18*51*113##",
        "*#18*51*51##",
        "*#18*51*53##",
        "*#18*51*54##",
    ]
    await meter.refresh_energy()
    assert recorder.sent == ["*#18*51*51##"]  # the only energy it has reported
    meter.keep_power_flowing(minutes=1)
    assert meter.power_flowing
    assert len(meter.refresh_requests()) == 3
    meter.dispose()
    assert not meter.power_flowing


async def test_a_refused_meter_read_is_no_error() -> None:
    recorder = Recorder(answer=NACK)
    recorder.feed("*#18*51*54*12##")
    meter = recorder.item(18, "51")
    assert isinstance(meter, EnergyMeter)
    await meter.refresh_energy()
    assert meter.energy_today == 12
