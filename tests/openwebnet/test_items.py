"""Items turn frames into state: the per-WHO rules, without a network."""

from datetime import datetime, timedelta, timezone

import pytest

from custom_components.onewire_own.openwebnet.frames import (
    Command,
    DimensionReply,
    Frame,
    parse_frame,
)
from custom_components.onewire_own.openwebnet.items import (
    Aux,
    ButtonAction,
    ButtonPressed,
    CenButton,
    CenPlusButton,
    CentralUnitMode,
    DryContact,
    EnergyMeter,
    GatewayInfo,
    ItemRegistry,
    Light,
    Movement,
    Shutter,
    StateChanged,
    ThermoCentralUnit,
    ThermoFunction,
    ThermoMode,
    ThermoProbe,
    ThermoZone,
    decode_temperature,
    encode_temperature,
    item_address,
)
from custom_components.onewire_own.openwebnet.items.gateway_info import (
    format_date_time,
    parse_date_time,
)
from custom_components.onewire_own.openwebnet.items.light_sets import LightSet
from custom_components.onewire_own.openwebnet.items.scenarios import (
    ProgrammedScene,
    ScenarioModule,
)
from custom_components.onewire_own.openwebnet.items.sound import SoundSource, SoundZone
from custom_components.onewire_own.openwebnet.items.thermoregulation import decode_mode
from custom_components.onewire_own.openwebnet.where import Where


class NothingSent:
    """A sender for items that must not send anything in these tests."""

    async def send(self, frame: Frame) -> list[Frame]:
        raise AssertionError(f"unexpected send of {frame}")


def registry_fed(*raw: str) -> ItemRegistry:
    registry = ItemRegistry(NothingSent())
    for text in raw:
        registry.dispatch(parse_frame(text))
    return registry


@pytest.mark.parametrize(
    ("text", "celsius"),
    [("0215", 21.5), ("1048", -4.8), ("0000", 0.0), ("", None), ("02a", None)],
)
def test_temperatures_travel_as_sign_and_tenths(
    text: str, celsius: float | None
) -> None:
    assert decode_temperature(text) == celsius
    if celsius is not None:
        assert encode_temperature(celsius) == text


def test_thermo_modes_are_function_and_mode() -> None:
    assert decode_mode("110") == (ThermoFunction.HEATING, ThermoMode.MANUAL)
    assert decode_mode("211") == (ThermoFunction.COOLING, ThermoMode.PROGRAMME)
    assert decode_mode("303") == (ThermoFunction.GENERIC, ThermoMode.OFF)
    assert decode_mode("102") == (ThermoFunction.HEATING, ThermoMode.PROTECTION)
    # The bare function reports of zones (F455, F454): heating, cooling.
    assert decode_mode("1") == (ThermoFunction.HEATING, None)
    assert decode_mode("0") == (ThermoFunction.COOLING, None)
    assert decode_mode("21") == (None, None)


def test_thermo_frames_update_zone_and_central_unit() -> None:
    registry = registry_fed(
        "*4*210*3##",
        "*#4*3*0*0195##",
        "*#4*#3*14*0200*2##",
        "*#4*3*12*0205*2##",
        "*#4*3*13*01##",
        "*#4*3*60*55##",
        "*#4*3*19*1*0##",
        "*4*111*#0##",
        "*4*999*#0##",
        "*#4*103*0*0190##",  # probe 1 of zone 03: an item of its own
        "*#4*3#1*20*1##",  # actuator 1 of zone 3: part of the zone
    )
    zone = registry.items[(4, "3")]
    assert isinstance(zone, ThermoZone)
    assert (zone.function, zone.mode) == (ThermoFunction.COOLING, ThermoMode.MANUAL)
    assert (zone.temperature, zone.set_point, zone.operating_set_point) == (
        19.5,
        20.0,
        20.5,
    )
    assert (zone.local_offset, zone.humidity) == ("01", 55)
    assert zone.actuators == {1: 1}
    central = registry.items[(4, "#0")]
    assert isinstance(central, ThermoCentralUnit)
    assert (central.function, central.mode) == (
        ThermoFunction.HEATING,
        CentralUnitMode.WEEKLY,
    )
    assert set(registry.items) == {(4, "3"), (4, "#0"), (4, "103")}
    assert central.handle(DimensionReply(4, Where("", ("0",)), "0", ("0200",))) == []
    # *4*1*3##: the zone reports it heats now; its mode is not in that frame.
    assert zone.handle(Command(4, "1", (), Where("3"))) == [StateChanged()]
    assert (zone.function, zone.mode) == (ThermoFunction.HEATING, ThermoMode.MANUAL)
    # A generic (3xx) report switches it off without forgetting that it heats.
    assert zone.handle(Command(4, "303", (), Where("3"))) == [StateChanged()]
    assert (zone.function, zone.mode) == (ThermoFunction.HEATING, ThermoMode.OFF)


@pytest.mark.parametrize(
    ("who", "where", "expected"),
    [
        (1, "12", (Light, "12")),
        (1, "0", (LightSet, "0")),
        (1, "#3", (LightSet, "#3")),
        (1, "3#4#01", (LightSet, "3#4#01")),
        (1, "1#2#3", None),
        (2, "0", None),
        (2, "21#4#01", (Shutter, "21#4#01")),
        (4, "#12", (ThermoZone, "12")),
        (4, "0", None),
        (4, "#0", (ThermoCentralUnit, "#0")),
        (4, "#0#1", (ThermoCentralUnit, "#0#1")),
        (4, "#0#1#2", None),
        (4, "#100", None),
        (4, "#1#2", None),
        (4, "3#1", (ThermoZone, "3")),
        (4, "3#0", (ThermoZone, "3")),
        (4, "0#0", None),
        (4, "3#4#01", None),
        (4, "105", (ThermoProbe, "105")),
        (4, "500", (ThermoProbe, "500")),
        (4, "005", None),  # all probes of zone 5: a request address
        (4, "105#1", None),
        (9, "1", (Aux, "1")),
        (13, "", (GatewayInfo, "")),
        (15, "21", (CenButton, "21")),
        (18, "51", (EnergyMeter, "51")),
        (18, "71#0", (EnergyMeter, "71#0")),
        (18, "510", (EnergyMeter, "510")),
        (18, "5255", (EnergyMeter, "5255")),
        (18, "5256", None),
        (18, "50", None),
        (18, "5", None),
        (18, "71", None),
        (18, "51#0", None),
        (18, "12", None),  # a Stop&Go breaker: no meter
        (1018, "52", (EnergyMeter, "52")),
        (1018, "0", None),
        (18, "1", None),
        (25, "2123", (CenPlusButton, "2123")),
        (25, "301", (DryContact, "301")),
        (25, "3", None),
        (25, "30", (DryContact, "30")),
        (16, "1", None),
        (16, "41", (SoundZone, "41")),
        (16, "00", None),
        (16, "103", (SoundSource, "103")),
        (16, "123", None),
        (16, "#2", None),
        (22, "3#4#1", (SoundZone, "41")),
        (22, "3#14#1", None),
        (22, "2#3", (SoundSource, "103")),
        (22, "5#2#3", (SoundSource, "103")),
        (22, "4#3", None),
        (0, "05", (ScenarioModule, "05")),
        (0, "05#4#01", (ScenarioModule, "05#4#01")),
        (0, "", None),
        (17, "12", (ProgrammedScene, "12")),
        (17, "0", None),
    ],
)
def test_frames_are_routed_to_the_item_their_where_names(
    who: int, where: str, expected: tuple[type, str] | None
) -> None:
    assert item_address(who, Where.parse(where)) == expected


def test_light_learns_levels_steps_and_timed_commands() -> None:
    registry = registry_fed("*1*1*12##", "*1*31*13##", "*1*12*14##", "*1*20*15##")
    stepping = registry.items[(1, "13")]
    timed = registry.items[(1, "14")]
    blinking = registry.items[(1, "15")]
    assert isinstance(stepping, Light)
    assert (stepping.is_on, stepping.is_dimmer) == (True, True)
    assert timed.is_on is True  # type: ignore[attr-defined]
    assert blinking.is_on is None  # type: ignore[attr-defined]
    light = registry.items[(1, "12")]
    assert isinstance(light, Light)
    assert light.handle(DimensionReply(1, Where("12"), "1", ("",))) == []
    assert light.handle(DimensionReply(1, Where("12"), "2", ("1",))) == []
    assert light.handle(DimensionReply(1, Where("12"), "1", ("100", "0"))) == [
        StateChanged()
    ]
    assert (light.is_on, light.has_100_levels) == (False, True)


def test_command_translations_are_ignored_because_the_plain_command_follows() -> None:
    registry = registry_fed("*1*1000#1*12##")
    assert registry.items == {}


def test_frames_that_do_not_fit_their_item_are_ignored() -> None:
    registry = registry_fed("*1*99999*12##", "*#18*51*113*##", "*#18*51*999*1##")
    assert registry.items[(1, "12")].is_on is None  # type: ignore[attr-defined]
    meter = registry.items[(18, "51")]
    assert isinstance(meter, EnergyMeter)
    assert meter.power is None
    assert meter.handle(Command(18, "1", (), Where("51"))) == []
    registry.dispatch(parse_frame("*#*1##"))  # not about an item
    registry.dispatch(parse_frame("*#1*12##"))  # a request, not a state


def test_an_item_that_cannot_read_a_frame_drops_it_quietly() -> None:
    registry = registry_fed("*1*1*12##")
    light = registry.items[(1, "12")]
    registry.dispatch(DimensionReply(1, Where("12"), "1", ("x",)))  # int("x") fails
    assert light.is_on is True  # type: ignore[attr-defined]


def test_energy_dimensions() -> None:
    registry = registry_fed(
        "*#18*51*113*1739##",
        "*#18*51*51*123456##",
        "*#18*51*53*2345##",
        "*#18*51*54*12##",
    )
    meter = registry.items[(18, "51")]
    assert isinstance(meter, EnergyMeter)
    assert (
        meter.power,
        meter.energy_total,
        meter.energy_month,
        meter.energy_today,
    ) == (
        1739,
        123456,
        2345,
        12,
    )


def test_buttons_ignore_what_is_not_a_press() -> None:
    cen = CenButton(NothingSent(), "21")
    plus = CenPlusButton(NothingSent(), "2123")
    assert cen.handle(Command(15, "3", ("9",), Where("21"))) == []
    assert cen.handle(DimensionReply(15, Where("21"), "1", ("1",))) == []
    assert plus.handle(Command(25, "29", ("1",), Where("2123"))) == []
    assert plus.handle(Command(25, "21", (), Where("2123"))) == []
    assert cen.handle(Command(15, "07", ("3",), Where("21"))) == [
        ButtonPressed(7, ButtonAction.LONG_PRESS)
    ]
    assert cen.last_event == ButtonPressed(7, ButtonAction.LONG_PRESS)
    assert cen.refresh_requests() == []


def test_contacts_and_aux_ignore_unknown_whats() -> None:
    contact = DryContact(NothingSent(), "301")
    aux = Aux(NothingSent(), "1")
    assert contact.handle(Command(25, "33", ("0",), Where("301"))) == []
    assert contact.handle(DimensionReply(25, Where("301"), "1", ("1",))) == []
    assert aux.handle(Command(9, "5", (), Where("1"))) == []
    assert repr(aux) == "Aux(9, '1')"


def test_gateway_info_decodes_its_dimensions() -> None:
    registry = registry_fed(
        "*#13**15*2##",
        "*#13**16*1*2*3##",
        "*#13**12*0*3*80*161*178*195##",
        "*#13**19*1*02*03*04##",
        "*#13**22*08*30*00*102*05*17*05*2030##",
        "*#13**22*99*30*00*001*05*17*05*2030##",
        "*#13**15*##",
    )
    info = registry.items[(13, "")]
    assert isinstance(info, GatewayInfo)
    assert info.model == "MHServer"
    assert info.firmware == "1.2.3"
    assert info.mac == "00:03:50:a1:b2:c3"
    assert info.uptime == timedelta(days=1, hours=2, minutes=3, seconds=4)
    assert info.date_time == datetime(
        2030, 5, 17, 8, 30, tzinfo=timezone(timedelta(hours=-2))
    )
    assert info.handle(Command(13, "1", (), Where("1"))) == []
    info.model_id = 999
    assert info.model == "model 999"


def test_date_time_values_round_trip() -> None:
    moment = datetime(2031, 1, 5, 23, 59, 58, tzinfo=timezone(timedelta(hours=1)))
    values = format_date_time(moment)
    assert values == ("23", "59", "58", "001", "00", "05", "01", "2031")
    assert parse_date_time(values) == moment
    assert parse_date_time(("1",)) is None


def test_shutter_dimension_10_reports_motion_and_position() -> None:
    shutter = Shutter(NothingSent(), "22")
    assert shutter.handle(DimensionReply(2, Where("22"), "10", ("11", "255"))) == [
        StateChanged()
    ]
    assert (shutter.is_advanced, shutter.movement, shutter.position) == (
        True,
        Movement.OPENING,
        None,
    )
    assert shutter.handle(DimensionReply(2, Where("22"), "11", ("1",))) == []
    assert shutter.handle(Command(2, "7", (), Where("22"))) == []


def test_a_basic_shutter_without_travel_times_only_knows_its_motion() -> None:
    now = [0.0]
    shutter = Shutter(NothingSent(), "21", clock=lambda: now[0])
    shutter.handle(Command(2, "1", (), Where("21")))
    now[0] = 100.0
    assert shutter.position is None
    shutter.configure_travel_times(up=10, down=10)
    assert shutter.position == 100
    shutter.handle(Command(2, "0", (), Where("21")))
    shutter.handle(Command(2, "2", (), Where("21")))
    now[0] = 103.0
    assert shutter.position == 70
    now[0] = 120.0
    assert shutter.position == 0


def test_an_item_callback_that_raises_does_not_reach_the_bus_reader() -> None:
    light = Light(NothingSent(), "12")

    def broken(item: object, event: object) -> None:
        raise RuntimeError("callback bug")

    light.add_callback(broken)
    light.notify([StateChanged()])
    light.remove_callback(broken)
    light.remove_callback(broken)


def test_a_point_reports_motion_and_its_end_without_touching_its_light() -> None:
    registry = registry_fed("*1*1*13##")
    corridor = registry.items[(1, "13")]
    assert isinstance(corridor, Light)
    assert corridor.motion is None  # never reported: unknown, not "no motion"
    events: list[object] = []
    corridor.add_callback(lambda item, event: events.append(event))

    registry.dispatch(parse_frame("*1*34*13##"))
    assert (corridor.motion, corridor.is_on) == (True, True)
    registry.dispatch(parse_frame("*1*34*13##"))  # still moving: no news
    registry.dispatch(parse_frame("*1*39*13##"))
    assert (corridor.motion, corridor.is_on) == (False, True)
    assert events == [StateChanged(), StateChanged()]


def test_a_first_end_of_motion_is_news_and_an_area_34_is_no_report() -> None:
    registry = registry_fed("*1*39*14##", "*1*34*1##")
    assert registry.items[(1, "14")].motion is False  # type: ignore[attr-defined]
    assert (1, "13") not in registry.items
