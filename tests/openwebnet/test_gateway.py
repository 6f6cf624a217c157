"""The Gateway against the simulator: discovery, commands, events, resilience."""

import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta, timezone
import logging

import pytest

from custom_components.onewire_own.openwebnet.errors import (
    OpenWebNetAuthError,
    OpenWebNetConnectionError,
    OpenWebNetLockedError,
)
from custom_components.onewire_own.openwebnet.frames import (
    ACK,
    BusyNack,
    Command,
    DimensionReply,
    StatusRequest,
    parse_frame,
)
from custom_components.onewire_own.openwebnet.gateway import Gateway
from custom_components.onewire_own.openwebnet.items import (
    Aux,
    ButtonAction,
    ButtonPressed,
    CenButton,
    CenPlusButton,
    DryContact,
    EnergyMeter,
    Item,
    ItemEvent,
    Light,
    Movement,
    Shutter,
    SoundZone,
    ThermoCentralUnit,
    ThermoFunction,
    ThermoMode,
    ThermoZone,
)
from custom_components.onewire_own.openwebnet.lockout import (
    LoginGuard,
    guard_for,
    reset_login_guards,
)
from custom_components.onewire_own.openwebnet.where import Where
from simulator.openwebnet import PROFILES, GatewaySimulator, SessionKind, WriteMode
from tests.peers.gateway import GatewayFactory

from .helpers import TIME_SCALE, GatewayConnector


async def test_discovery_learns_the_whole_installation_with_a_few_sweeps(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    before = len(sim.requests())

    await gateway.discover()

    # Five sweeps, the sound system's and the burglar alarm's, and the
    # central unit's status (its conditions).
    assert len(sim.requests()) - before <= 8
    items = gateway.items
    assert {where for who, where in items if who == 1} == {
        "11", "12", "13", "14", "0015", "21#4#01",
    }  # fmt: skip
    kitchen = items[(1, "12")]
    assert isinstance(kitchen, Light)
    assert kitchen.is_on is True
    living = items[(1, "13")]
    assert isinstance(living, Light)
    assert (living.is_on, living.brightness, living.is_dimmer) == (True, 60, True)
    bay = items[(2, "22")]
    assert isinstance(bay, Shutter)
    assert (bay.is_advanced, bay.position, bay.movement) == (
        True,
        100,
        Movement.STOPPED,
    )
    zone = items[(4, "1")]
    assert isinstance(zone, ThermoZone)
    assert (zone.temperature, zone.set_point, zone.humidity) == (20.5, 21.0, 45)
    garage_door = items[(25, "302")]
    assert isinstance(garage_door, DryContact)
    assert garage_door.is_closed is True
    assert isinstance(items[(9, "1")], Aux)
    living_room_sound = items[(16, "11")]
    assert isinstance(living_room_sound, SoundZone)
    assert (living_room_sound.is_on, living_room_sound.volume) == (True, 12)


async def test_a_gateway_refusing_the_sound_sweep_is_no_error(
    gateway_factory: GatewayFactory,
    connect: GatewayConnector,
    caplog: pytest.LogCaptureFixture,
) -> None:
    profile = dataclasses.replace(
        PROFILES["MH200N"],
        unsupported_requests=frozenset({"*#16*0##", "*#16*0*5##"}),
        pacing=0.0,
    )
    sim = await gateway_factory(time_scale=TIME_SCALE, profile=profile)
    gateway = await connect(sim, event_session=False)
    with caplog.at_level(logging.DEBUG):
        await gateway.discover()
    assert not any(item.who == 16 for item in gateway.items.values())
    refusals = [r for r in caplog.records if "does not support the sweep" in r.message]
    assert [(r.levelno, r.args) for r in refusals] == [
        (logging.DEBUG, (parse_frame("*#16*0*5##"),))
    ]


async def test_gateway_identity_is_read_at_start(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    assert gateway.model == "F454/MH202"
    assert gateway.firmware == "2.0.51"
    assert gateway.mac == "00:03:50:a1:b2:c3"
    assert gateway.uptime is not None
    assert gateway.info.date_time is not None


async def test_setting_the_clock_moves_the_gateway_clock(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    wanted = datetime(2030, 5, 17, 8, 30, 0, tzinfo=timezone(timedelta(hours=2)))
    await gateway.set_datetime(wanted)
    await gateway.refresh_info()
    assert gateway.info.date_time is not None
    assert abs(gateway.info.date_time - wanted) < timedelta(minutes=1)
    with pytest.raises(ValueError, match="timezone"):
        await gateway.set_datetime(datetime(2030, 1, 1))  # noqa: DTZ001


async def test_a_light_command_changes_the_bus_and_comes_back_as_an_event(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    hall = gateway.get_item(1, "11")
    assert isinstance(hall, Light)
    events: list[ItemEvent] = []
    hall.add_callback(lambda item, event: events.append(event))

    await hall.turn_on()

    assert sim.light("11").on
    await sim.wait_until(lambda: hall.is_on is True)
    assert events

    await hall.turn_off()
    await sim.wait_until(lambda: hall.is_on is False)


async def test_dimmers_dim_and_a_100_level_dimmer_is_learned_from_its_events(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    living = gateway.get_item(1, "13")
    table = gateway.get_item(1, "14")
    assert isinstance(living, Light)
    assert isinstance(table, Light)

    await living.set_brightness(80)
    await sim.wait_until(lambda: living.brightness == 80)
    assert sim.light("13").level == 80

    await table.set_brightness(50)
    await sim.wait_until(lambda: table.has_100_levels)
    await table.set_brightness(37, speed=2)
    await sim.wait_until(lambda: table.brightness == 37)
    assert sim.light("14").level == 37
    await table.refresh()

    await table.set_brightness(0)
    await sim.wait_until(lambda: table.is_on is False)


async def test_a_general_off_switches_every_known_light_off(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    await gateway.discover()
    await sim.on_bus(Command(1, "0", (), Where("0")))
    lights = [item for item in gateway.items.values() if isinstance(item, Light)]
    await sim.wait_until(
        lambda: all(
            light.is_on is False for light in lights if light.where != "21#4#01"
        )
    )
    await sim.on_bus(Command(1, "1", (), Where("1")))
    await sim.wait_until(lambda: gateway.items[(1, "11")].is_on is True)  # type: ignore[attr-defined]
    assert gateway.items[(1, "0015")].is_on is False  # type: ignore[attr-defined]


async def test_an_advanced_shutter_goes_to_a_position(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    await gateway.discover()
    bay = gateway.items[(2, "22")]
    assert isinstance(bay, Shutter)

    await bay.set_position(40)

    await sim.wait_until(lambda: sim.shutter("22").level == 40)
    await sim.wait_until(
        lambda: bay.position == 40 and bay.movement is Movement.STOPPED
    )
    await bay.refresh()


async def test_a_basic_shutter_position_is_estimated_from_its_travel_times(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    scale = 0.2  # travel 4 s up, 3.6 s down: timers may run late on a busy machine
    sim = await gateway_factory(time_scale=scale)
    gateway = await connect(sim, pacing=0.05)
    window = gateway.get_item(2, "21")
    assert isinstance(window, Shutter)
    window.configure_travel_times(up=20 * scale, down=18 * scale)
    assert window.position is None

    await window.open()
    await sim.wait_until(lambda: window.position == 100, timeout=10)
    await window.stop()
    await sim.wait_until(lambda: window.movement is Movement.STOPPED)
    assert window.position == 100

    await window.set_position(50)
    await sim.wait_until(lambda: window.movement is Movement.CLOSING)
    await sim.wait_until(lambda: window.movement is Movement.STOPPED, timeout=10)
    assert window.position is not None
    assert 20 <= window.position <= 80  # an estimate: timers run late under load
    await window.close()
    await sim.wait_until(lambda: window.movement is Movement.CLOSING)
    await sim.wait_until(lambda: window.movement is Movement.STOPPED, timeout=10)
    assert window.position is not None
    assert window.position <= 20


async def test_a_basic_shutter_without_travel_times_cannot_be_positioned(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    window = gateway.get_item(2, "21")
    assert isinstance(window, Shutter)
    with pytest.raises(OpenWebNetConnectionError.__mro__[1], match="travel"):
        await window.set_position(30)


async def test_thermo_zone_set_point_and_measurements(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    zone = gateway.get_item(4, "1")
    assert isinstance(zone, ThermoZone)

    await zone.set_set_point(22.5)
    assert sim.zone(1).set_point == 22.5
    await sim.wait_until(lambda: zone.set_point == 22.5)

    await sim.set_temperature(1, -4.8)
    await sim.wait_until(lambda: zone.temperature == -4.8)
    await sim.set_humidity(1, 61)
    await sim.wait_until(lambda: zone.humidity == 61)
    await zone.refresh()
    assert zone.mode is not None

    await zone.set_mode(ThermoMode.MANUAL, ThermoFunction.HEATING)
    await sim.wait_until(lambda: zone.mode is ThermoMode.MANUAL)
    assert zone.function is ThermoFunction.HEATING
    central = gateway.get_item(4, "#0")
    assert isinstance(central, ThermoCentralUnit)
    await central.turn_off()
    assert sim.received[-1].text == "*4*303*#0##"


async def test_energy_power_keeps_flowing_once_asked(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    meter = gateway.get_item(18, "51")
    assert isinstance(meter, EnergyMeter)
    await meter.refresh()
    assert meter.power == 1739
    assert meter.energy_total == 123456

    meter.keep_power_flowing(minutes=1, margin=59.9)
    await sim.wait_until(lambda: sim.state()["energy_meters"]["51"]["pushing"])
    await sim.set_power("51", 250)
    await sim.wait_until(lambda: meter.power == 250)
    renewals = len(sim.requests(who=18))
    # The meter renews at most once per wall second (the simulator's minute is
    # scaled, the client's is not): two renewals take two seconds or more.
    await sim.wait_until(lambda: len(sim.requests(who=18)) > renewals + 1, timeout=20)

    # Stopping right after a renewal was sent (its ACK still on the way) must
    # still end with the stop: the renewal is waited for, and its answer is
    # never taken for the stop's.
    await meter.stop_power_flow()
    assert not sim.state()["energy_meters"]["51"]["pushing"]


async def test_buttons_report_presses_long_presses_and_releases(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    seen: list[tuple[Item, ItemEvent]] = []
    gateway.add_callback(lambda item, event: seen.append((item, event)))

    await sim.press_button("21", 3)
    await sim.press_button("2123", 7, long=True, repeats=2)

    def button_events(kind: type[Item]) -> list[ItemEvent]:
        return [event for item, event in seen if isinstance(item, kind)]

    await sim.wait_until(lambda: len(button_events(CenPlusButton)) == 4)
    assert button_events(CenButton) == [
        ButtonPressed(3, ButtonAction.PRESSED),
        ButtonPressed(3, ButtonAction.SHORT_PRESS),
    ]
    assert button_events(CenPlusButton) == [
        ButtonPressed(7, ButtonAction.LONG_PRESS_START),
        ButtonPressed(7, ButtonAction.LONG_PRESS),
        ButtonPressed(7, ButtonAction.LONG_PRESS),
        ButtonPressed(7, ButtonAction.LONG_RELEASE),
    ]


async def test_a_cen_plus_scenario_can_be_triggered(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    panel = gateway.get_item(25, "2123")
    assert isinstance(panel, CenPlusButton)
    await panel.press(4)
    assert sim.received[-1].text == "*25*21#4*2123##"


async def test_dry_contacts_and_aux_channels(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    door = gateway.get_item(25, "301")
    siren = gateway.get_item(9, "1")
    assert isinstance(door, DryContact)
    assert isinstance(siren, Aux)

    await sim.set_contact("301", closed=True)
    await sim.wait_until(lambda: door.is_closed is True)
    await sim.set_contact("301", closed=False)
    await sim.wait_until(lambda: door.is_closed is False)

    await siren.turn_on()
    assert sim.aux("1").on
    await sim.wait_until(lambda: siren.is_on is True)
    await siren.turn_off()
    await sim.wait_until(lambda: siren.is_on is False)


async def test_new_items_are_announced_once(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    announced: list[Item] = []
    remove = gateway.add_item_listener(announced.append)
    await gateway.discover()
    await gateway.discover()
    assert len(announced) == len({item.key for item in announced})
    assert (1, "12") in {item.key for item in announced}
    remove()
    await sim.emit(Command(1, "1", (), Where("77")))
    await sim.wait_until(lambda: (1, "77") in gateway.items)
    assert (1, "77") not in {item.key for item in announced}


async def test_a_refused_command_raises_and_a_raw_request_returns_the_nack(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    ghost = gateway.get_item(1, "99")
    assert isinstance(ghost, Light)
    answers = await gateway.send(StatusRequest(1, Where("99")))
    assert answers[-1] != ACK
    assert gateway.counters.nacks >= 1


async def test_a_dropped_event_session_reconnects_and_says_so(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    changes: list[bool] = []
    gateway.add_connection_listener(changes.append)

    sim.drop_sessions(SessionKind.EVENT)

    await sim.wait_until(lambda: changes == [False, True])
    assert gateway.connected
    assert gateway.counters.reconnects == 1
    hall = gateway.get_item(1, "11")
    assert isinstance(hall, Light)
    await hall.turn_on()
    await sim.wait_until(lambda: hall.is_on is True)


async def test_a_command_session_dropped_while_idle_is_reopened_on_demand(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    opened = sim.counters.sessions_opened
    sim.drop_sessions(SessionKind.COMMAND)
    answers = await gateway.send(StatusRequest(1, Where("12")))
    assert answers[-1] == ACK
    assert sim.counters.sessions_opened == opened + 1


async def test_a_half_open_gateway_is_detected_and_reconnected_after_it_resumes(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    changes: list[bool] = []
    gateway.add_connection_listener(changes.append)

    sim.go_half_open()
    await sim.wait_until(lambda: changes == [False])
    assert not gateway.connected
    sim.resume()
    await sim.wait_until(lambda: changes == [False, True])


async def test_the_event_session_outlives_the_gateway_silence_timeout(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    # The gateway closes event sessions silent for 105 s: 1.05 s here.
    changes: list[bool] = []
    gateway.add_connection_listener(changes.append)
    await asyncio.sleep(2.5)
    assert changes == []
    assert len(sim.sessions_of(SessionKind.EVENT)) == 1


async def test_a_rebooting_gateway_is_reconnected_with_backoff(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    changes: list[bool] = []
    gateway.add_connection_listener(changes.append)
    await sim.reboot(downtime=50)  # 0.5 s
    await sim.wait_until(lambda: changes == [False, True])


async def test_a_busy_nack_is_retried_once(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory()  # F454 in real time: 50 ms pacing, busy NACK
    gateway = await connect(sim, pacing=0.0)
    first = await gateway.send(StatusRequest(1, Where("12")))
    second = await gateway.send(StatusRequest(1, Where("11")))
    assert first[-1] == ACK
    assert second[-1] == ACK
    assert sim.counters.pacing_violations >= 1


async def test_a_gateway_that_stays_busy_gets_the_busy_nack_back(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    slow = dataclasses.replace(PROFILES["F454"], pacing=2.0)
    sim = await gateway_factory(profile=slow)
    gateway = await connect(sim, pacing=0.0, request_timeout=5.0)
    await gateway.send(StatusRequest(1, Where("12")))
    busy_before = gateway.counters.busy_nacks
    answers = await gateway.send(StatusRequest(1, Where("11")))
    assert isinstance(answers[-1], BusyNack)
    assert gateway.counters.busy_nacks == busy_before + 2


@pytest.mark.parametrize(("auth", "password"), [("open", "12345"), ("sha256", "abc")])
async def test_start_with_a_wrong_password_stops_before_the_lockout(
    gateway_factory: GatewayFactory,
    connect: GatewayConnector,
    auth: str,
    password: str,
) -> None:
    sim = await gateway_factory(auth=auth, password=password, time_scale=TIME_SCALE)
    guard = LoginGuard()  # what every Gateway for one address shares by default
    for _ in range(2):
        with pytest.raises(OpenWebNetAuthError) as raised:
            await connect(sim, "54321", login_guard=guard)
        assert not isinstance(raised.value, OpenWebNetLockedError)
    with pytest.raises(OpenWebNetLockedError):
        await connect(sim, "54321", login_guard=guard)
    assert sim.counters.failed_logins == 2


async def test_start_against_nothing_is_a_connection_error(
    socket_enabled: None, connect: GatewayConnector
) -> None:
    sim = GatewaySimulator()
    await sim.start()
    await sim.stop()
    with pytest.raises(OpenWebNetConnectionError):
        await connect(sim)


@pytest.mark.parametrize("profile", list(PROFILES))
@pytest.mark.parametrize(
    ("auth", "password"),
    [("none", None), ("open", "12345"), ("sha1", "pass1"), ("sha256", "pass2")],
)
async def test_every_profile_and_auth_mode_discovers_and_commands(
    gateway_factory: GatewayFactory,
    connect: GatewayConnector,
    profile: str,
    auth: str,
    password: str | None,
) -> None:
    sim = await gateway_factory(
        auth=auth, password=password, profile=profile, time_scale=TIME_SCALE
    )
    # One command session and the event session: what every model holds.
    gateway = await connect(
        sim,
        password,
        pacing=0.02,  # well above the scaled pacing: loopback jitter
    )
    await gateway.discover()
    hall = gateway.items[(1, "11")]
    assert isinstance(hall, Light)
    await hall.turn_on()
    await sim.wait_until(lambda: hall.is_on is True)  # heard on the event session
    assert len(sim.sessions_of(SessionKind.EVENT)) == 1


def test_every_gateway_address_has_its_own_process_wide_login_guard() -> None:
    assert guard_for("192.0.2.1", 20000) is guard_for("192.0.2.1", 20000)
    assert guard_for("192.0.2.1", 20000) is not guard_for("192.0.2.2", 20000)


def test_resetting_the_login_guards_forgets_every_failed_login() -> None:
    guard = guard_for("192.0.2.3", 20000)
    guard.failed()
    guard.failed()
    assert guard.retry_after > 0

    reset_login_guards()

    assert guard_for("192.0.2.3", 20000).retry_after == 0


async def test_ten_thousand_events_arrive_in_order_and_complete(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    meter = gateway.get_item(18, "51")
    seen: list[int | None] = []
    meter.add_callback(lambda item, event: seen.append(meter.power))  # type: ignore[attr-defined]

    await sim.emit(
        *(
            DimensionReply(18, Where("51"), "113", (str(watts),))
            for watts in range(10_000)
        )
    )

    await sim.wait_until(lambda: len(seen) == 10_000, timeout=30)
    assert seen == list(range(10_000))


@pytest.mark.parametrize("mode", [WriteMode.SPLIT, WriteMode.COALESCE])
async def test_frames_cut_or_glued_by_tcp_still_arrive_whole(
    sim: GatewaySimulator, connect: GatewayConnector, mode: WriteMode
) -> None:
    sim.write_mode = mode
    gateway = await connect(sim)
    await gateway.discover()
    assert gateway.items[(4, "2")].temperature == 18.2  # type: ignore[attr-defined]
    await sim.set_contact("301", closed=True)
    await sim.wait_until(lambda: gateway.items[(25, "301")].is_closed is True)  # type: ignore[attr-defined]


async def test_malformed_event_frames_are_skipped(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    await sim.send_malformed()
    await sim.set_contact("301", closed=True)
    door = gateway.get_item(25, "301")
    await sim.wait_until(lambda: door.is_closed is True)  # type: ignore[attr-defined]
    assert gateway.counters.malformed_frames == 1
    assert gateway.connected


async def test_a_never_ending_frame_drops_the_session_and_it_reconnects(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    changes: list[bool] = []
    gateway.add_connection_listener(changes.append)
    await sim.send_malformed("*1" * 4096)
    await sim.wait_until(lambda: changes == [False, True])


async def test_two_gateways_in_one_process_share_nothing(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    first_sim = await gateway_factory(time_scale=TIME_SCALE)
    second_sim = await gateway_factory(time_scale=TIME_SCALE)
    first = await connect(first_sim)
    second = await connect(second_sim)
    first_hall = first.get_item(1, "11")
    second_hall = second.get_item(1, "11")
    assert first_hall is not second_hall
    await first_hall.turn_on()  # type: ignore[attr-defined]
    await first_sim.wait_until(lambda: first_hall.is_on is True)  # type: ignore[attr-defined]
    assert second_hall.is_on is None  # type: ignore[attr-defined]
    assert not second_sim.light("11").on
    assert first.counters is not second.counters


async def test_a_command_only_gateway_has_no_event_session(
    sim: GatewaySimulator, connect: GatewayConnector
) -> None:
    gateway = await connect(sim, event_session=False)
    assert gateway.connected
    assert sim.sessions_of(SessionKind.EVENT) == []
    assert repr(gateway) == f"Gateway('127.0.0.1', {sim.port})"
    await gateway.close()
    assert not gateway.connected


def test_a_gateway_offers_up_to_four_command_sessions() -> None:
    with pytest.raises(ValueError, match="1-4"):
        Gateway("127.0.0.1", 20000, command_sessions=5)


async def test_item_callbacks_can_be_removed_and_failing_ones_do_not_stop_others(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    door = gateway.get_item(25, "301")
    calls: list[str] = []

    def broken(item: Item, event: ItemEvent) -> None:
        raise RuntimeError("callback bug")

    door.add_callback(broken)
    gateway.add_callback(broken)
    remove = door.add_callback(lambda item, event: calls.append("removed"))
    door.add_callback(lambda item, event: calls.append("kept"))
    remove()
    await sim.set_contact("301", closed=True)
    await sim.wait_until(lambda: calls == ["kept"])
    assert datetime.now(UTC)  # the loop is still alive


async def test_known_items_can_be_refreshed_one_by_one_without_sweeps(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    kitchen = gateway.get_item(1, "12")
    bay = gateway.get_item(2, "22")
    zone = gateway.get_item(4, "2")
    before = len(sim.requests())
    await gateway.refresh_items()
    assert kitchen.is_on is True  # type: ignore[attr-defined]
    assert bay.is_advanced  # type: ignore[attr-defined]
    assert zone.temperature == 18.2  # type: ignore[attr-defined]
    assert not any(request.where == Where("0") for request in sim.requests()[before:])


async def test_connection_listeners_can_be_removed_and_a_failing_one_is_contained(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    changes: list[bool] = []

    def broken(connected: bool) -> None:
        raise RuntimeError("listener bug")

    gateway.add_connection_listener(broken)
    remove = gateway.add_connection_listener(lambda up: changes.append(not up))
    gateway.add_connection_listener(changes.append)
    remove()
    remove()
    sim.drop_sessions(SessionKind.EVENT)
    await sim.wait_until(lambda: changes == [False, True])


async def test_reconnecting_waits_while_the_login_guard_says_so(
    sim: GatewaySimulator, connect: GatewayConnector
) -> None:
    guard = LoginGuard(window=0.5)
    gateway = await connect(sim, login_guard=guard)
    changes: list[bool] = []
    gateway.add_connection_listener(changes.append)
    guard.failed()
    guard.failed()  # as if two logins had just failed elsewhere in the process
    connections = sim.counters.connections

    sim.drop_sessions(SessionKind.EVENT)
    await sim.wait_until(lambda: changes == [False])
    assert sim.counters.connections == connections
    await sim.wait_until(lambda: changes == [False, True])


async def test_several_command_sessions_carry_requests_in_parallel(
    sim: GatewaySimulator, connect: GatewayConnector
) -> None:
    gateway = await connect(sim, command_sessions=3, event_session=False)
    wheres = ["11", "12", "13", "14", "0015", "21#4#01"] * 3
    answers = await asyncio.gather(
        *(gateway.send(StatusRequest(1, Where.parse(where))) for where in wheres)
    )
    assert all(answer[-1] == ACK for answer in answers)
    assert len(sim.sessions_of(SessionKind.COMMAND)) == 3
    assert sim.counters.pacing_violations == 0


async def test_a_closed_gateway_does_not_reconnect_behind_the_callers_back(
    sim: GatewaySimulator, gateway: Gateway
) -> None:
    await gateway.close()
    with pytest.raises(OpenWebNetConnectionError, match="closed"):
        await gateway.send(StatusRequest(1, Where("12")))
    await sim.wait_until(lambda: sim.sessions == [])


async def test_a_half_open_gateway_is_noticed_even_while_a_request_holds_the_session(
    sim: GatewaySimulator, connect: GatewayConnector
) -> None:
    gateway = await connect(sim, request_timeout=3.0)  # one command session
    seen: list[str] = []
    gateway.add_connection_listener(
        lambda up: seen.append("connected" if up else "lost")
    )

    sim.go_half_open()
    stuck = asyncio.create_task(gateway.send(StatusRequest(1, Where("12"))))
    stuck.add_done_callback(lambda task: seen.append("request failed"))

    # The liveness probe does not queue behind the stuck request: the loss
    # is known long before that request's own timeout.
    await sim.wait_until(lambda: "request failed" in seen, timeout=10)
    assert seen == ["lost", "request failed"]
    with pytest.raises(OpenWebNetConnectionError):
        await stuck
    sim.resume()
    await sim.wait_until(lambda: seen[-1] == "connected")
