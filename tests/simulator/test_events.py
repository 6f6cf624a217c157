"""What every event session hears: command echoes, moving shutters, pushes, people."""

import asyncio
import contextlib

import pytest

from simulator.openwebnet import GatewaySimulator, Installation
from simulator.openwebnet.automation import Motion
from simulator.openwebnet.installation import ButtonKind
from tests.peers.gateway import GatewayFactory

from .conftest import ACK, EVENT_SESSION, FAST, NACK, RawClient, login, relaxed


@pytest.mark.parametrize(
    ("command_text", "echo"),
    [
        ("*1*1*11##", ["*1*1000#1*11##", "*1*1*11##"]),
        ("*1*5*14##", ["*1*1000#5*14##", "*1*5*14##", "*#1*14*1*150*0##"]),
        ("*1*1#3*14##", ["*1*1000#1#3*14##", "*1*1#3*14##", "*#1*14*1*200*3##"]),
        ("*1*0*#1##", ["*1*1000#0*#1##", "*1*0*#1##"]),
        ("*1*0*0##", ["*1*1000#0*0##", "*1*0*0##"]),
        ("*#1*14*#1*175*2##", ["*#1*14*1*175*2##"]),
        ("*2*1*21##", ["*2*1*21##"]),
        ("*2*2*22##", ["*2*2*22##", "*#2*22*10*12*100*1*0##"]),
        ("*4*110*1##", ["*4*110*1##"]),
        ("*4*303*#0##", ["*4*103*#0##", "*4*303*1##"]),
        ("*#4*#1*#14*0225*1##", ["*#4*1*14*0225*3##", "*#4*1*12*0225*3##"]),
        ("*9*1*1##", ["*9*1*1##"]),
        ("*15*07*21##", ["*15*07*21##"]),
        ("*25*21#7*2123##", ["*25*21#7*2123##"]),
    ],
)
async def test_commands_are_echoed_on_every_event_session(
    sim: GatewaySimulator, command: RawClient, command_text: str, echo: list[str]
) -> None:
    second = await login(sim.port, EVENT_SESSION)
    first = await login(sim.port, EVENT_SESSION)
    assert await command.request(command_text) == [ACK]
    assert await first.read_events(len(echo)) == echo
    assert await second.read_events(len(echo)) == echo
    await first.close()
    await second.close()


@pytest.mark.parametrize(
    ("command_text", "where", "level"),
    [
        ("*1*1*11##", "11", 100),
        ("*1*0*12##", "12", 0),
        ("*1*8*13##", "13", 80),
        ("*1*1*14##", "14", 100),
        ("*1*30*13##", "13", 70),
        ("*1*31*13##", "13", 50),
        ("*1*31*11##", "11", 0),
        ("*1*22*11##", "11", 100),
        ("*1*34*11##", "11", 100),
        ("*1*1*21#4#01##", "21#4#01", 100),
    ],
)
async def test_light_commands_change_the_light(
    sim: GatewaySimulator, command: RawClient, command_text: str, where: str, level: int
) -> None:
    assert await command.request(command_text) == [ACK]
    assert sim.light(where).level == level
    assert sim.state()["lights"][where] == {"level": level, "on": level > 0}


async def test_a_switched_off_dimmer_comes_back_at_its_level(
    sim: GatewaySimulator, command: RawClient
) -> None:
    await command.request("*1*0*13##")
    assert sim.light("13").level == 0
    await command.request("*1*1*13##")
    assert sim.light("13").level == 60


async def test_area_group_and_local_bus_commands_reach_their_lights(
    sim: GatewaySimulator, command: RawClient
) -> None:
    await command.request("*1*1*#1##")
    assert (sim.light("13").on, sim.light("14").on, sim.light("11").on) == (
        True,
        True,
        False,
    )
    await command.request("*1*0*1##")
    assert not any(sim.light(w).on for w in ("11", "12", "13", "14"))
    await command.request("*1*1*0#4#01##")
    assert sim.light("21#4#01").on
    assert not sim.light("0015").on
    await command.request("*1*1*00##")
    assert sim.light("0015").on
    await command.request("*1*0*0##")
    assert not any(light["on"] for light in sim.state()["lights"].values())


@pytest.mark.parametrize(
    "command_text",
    [
        "*1*1*99##",
        "*1*19*11##",
        "*1*1000#1*11##",
        "*#1*11*#1*150##",
        "*#1*14*#1*250##",
        "*#1*14*#2*150##",
        "*2*3*21##",
        "*2*1*29##",
        "*#2*21*#11#1*50##",
        "*#2*22*#11#1*101##",
        "*4*999*1##",
        "*4*110*9##",
        "*#4*9*#14*0200*1##",
        "*#4*1*#15*0200##",
        "*#4*1*#14*2200*1##",
        "*9*2*1##",
        "*25*11#1*2123##",
        "*#18*59*#1200#1*10##",
        "*#18*51*#1201*10##",
        "*#1*14*#1*##",
    ],
)
async def test_commands_nobody_obeys_get_nack_and_no_echo(
    command: RawClient, events: RawClient, command_text: str
) -> None:
    assert await command.request(command_text) == [NACK]
    assert await events.silent()


async def test_timed_on_switches_the_light_off_after_its_time(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    assert await command.request("*1*17*11##") == [ACK]  # 30 s, 0.6 s scaled
    await events.read_events(2)
    assert sim.light("11").on
    assert await events.read(timeout=3) == "*1*0*11##"
    assert not sim.light("11").on


async def test_a_new_command_cancels_a_timed_on(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    await command.request("*1*18*14##")
    await command.request("*1*4*14##")
    await events.read_events(6)
    assert await events.silent(0.2)
    assert sim.light("14").level == 40


async def test_a_basic_shutter_travels_for_its_travel_time_then_reports_stop(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    assert await command.request("*2*1*21##") == [ACK]
    assert await events.read() == "*2*1*21##"
    assert sim.shutter("21").motion is Motion.UP
    assert await events.read(timeout=3) == "*2*0*21##"
    assert sim.shutter("21").position == 100
    assert await command.request("*#2*21##") == ["*2*0*21##", ACK]


async def test_a_shutter_at_its_end_stop_still_runs_its_motor_then_stops(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    assert sim.shutter("21").position == 0
    assert await command.request("*2*2*21##") == [ACK]
    assert await events.read() == "*2*2*21##"
    assert sim.shutter("21").motion is Motion.DOWN
    assert await events.read(timeout=3) == "*2*0*21##"
    assert sim.shutter("21").position == 0


async def test_stopping_a_shutter_keeps_it_part_way(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    await command.request("*2*2*22##")
    await events.read_events(2)
    await asyncio.sleep(sim.clock.wall(5))
    moving, _ack = await command.request("*#2*22##")
    assert moving.startswith("*#2*22*10*12*")
    assert 0 < int(moving.split("*")[5]) < 100
    await command.request("*2*0*22##")
    stopped_at = sim.shutter("22").level
    assert 0 < stopped_at < 100
    assert await events.read_events(2) == [
        "*2*0*22##",
        f"*#2*22*10*10*{stopped_at}*1*0##",
    ]
    assert sim.state()["shutters"]["22"] == {
        "position": stopped_at,
        "motion": "stopped",
    }


async def test_advanced_shutter_goes_to_a_position(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    assert await command.request("*#2*22*#11#2*40##") == [ACK]
    assert await events.read() == "*#2*22*10*12*100*2*0##"
    assert await events.read_events(2, timeout=3) == [
        "*2*0*22##",
        "*#2*22*10*10*40*2*0##",
    ]
    assert sim.shutter("22").level == 40
    assert await command.request("*#2*22*#11#2*40##") == [ACK]  # already there
    assert await events.read() == "*#2*22*10*10*40*2*0##"


async def test_group_shutter_commands_move_every_member(
    gateway_factory: GatewayFactory,
) -> None:
    installation = Installation.from_dict(
        {
            "shutters": [
                {"where": "31", "groups": [4]},
                {"where": "32", "groups": [4]},
                {"where": "33"},
            ]
        }
    )
    sim = await gateway_factory(installation, profile=relaxed(), time_scale=FAST)
    client = await login(sim.port)
    assert await client.request("*2*1*#4##") == [ACK]
    motions = [sim.shutter(w).motion for w in ("31", "32", "33")]
    assert motions == [Motion.UP, Motion.UP, Motion.STOPPED]
    await client.close()


async def test_power_is_pushed_only_while_enabled(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    await sim.set_power("51", 100)
    assert await events.silent()
    assert await command.request("*#18*51*#1200#1*1##") == [ACK]
    assert await events.read() == "*#18*51*113*100##"
    await sim.set_power("51", 2500)
    assert await events.read() == "*#18*51*113*2500##"
    assert sim.state()["energy_meters"]["51"] == {"power": 2500, "pushing": True}
    # Pushed again every 5 gateway seconds, until the minute runs out.
    assert await events.read() == "*#18*51*113*2500##"
    assert await command.request("*#18*51*#1200#1*0##") == [ACK]
    await asyncio.sleep(sim.clock.wall(6))
    assert await events.silent()
    assert not sim.state()["energy_meters"]["51"]["pushing"]


async def test_power_push_expires_after_its_minutes(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(
        profile=relaxed(),
        time_scale=0.002,
    )
    client = await login(sim.port)
    listener = await login(sim.port, EVENT_SESSION)
    await client.request("*#18*51*#1200#1*1##")
    pushes = 0
    with contextlib.suppress(TimeoutError):
        while True:
            assert await listener.read(0.1) == "*#18*51*113*1739##"
            pushes += 1
    assert pushes > 1
    assert not sim.state()["energy_meters"]["51"]["pushing"]
    assert await client.request("*#18*51*#1200#0*5##") == [ACK]
    await client.close()
    await listener.close()


async def test_scripted_people_and_probes_reach_the_event_sessions(
    sim: GatewaySimulator, events: RawClient
) -> None:
    await sim.set_contact("301", closed=True)
    await sim.set_temperature(1, -4.8)
    await sim.set_humidity(1, 61)
    await sim.emit("*#4*1*0*0215##")
    assert await events.read_events(4) == [
        "*25*31#1*301##",
        "*#4*1*0*1048##",
        "*#4*1*60*61##",
        "*#4*1*0*0215##",
    ]
    assert sim.contact("301").closed
    assert sim.zone(1).temperature == -4.8
    assert sim.state()["zones"][1]["humidity"] == 61


async def test_frames_on_the_bus_move_the_actuators_and_pass_on_as_they_are(
    sim: GatewaySimulator, events: RawClient, command: RawClient
) -> None:
    # Lights 13 and 14 form group 1 (sample installation); a keypad's group
    # off switches them without a word from either, as gateways do.
    assert sim.light("13").on
    await sim.on_bus("*1*0*#1##", "*#1*32*1*130*5##", "*4*1*36##")
    assert await events.read_events(3) == [
        "*1*0*#1##",
        "*#1*32*1*130*5##",
        "*4*1*36##",
    ]
    assert await events.silent(0.1)
    assert not sim.light("13").on
    assert not sim.light("14").on
    assert await command.request("*#1*13##") == ["*1*0*13##", ACK]


async def test_cen_short_and_long_presses(
    sim: GatewaySimulator, events: RawClient
) -> None:
    await sim.press_button("21", 3)
    assert await events.read_events(2) == ["*15*03*21##", "*15*03#1*21##"]
    await sim.press_button("21", 3, long=True, repeats=2)
    assert await events.read_events(4) == [
        "*15*03*21##",
        "*15*03#3*21##",
        "*15*03#3*21##",
        "*15*03#2*21##",
    ]


async def test_cen_plus_short_and_long_presses(
    sim: GatewaySimulator, events: RawClient
) -> None:
    await sim.press_button("2123", 7)
    assert await events.read() == "*25*21#7*2123##"
    await sim.press_button("2123", 7, long=True, repeats=1)
    assert await events.read_events(3) == [
        "*25*22#7*2123##",
        "*25*23#7*2123##",
        "*25*24#7*2123##",
    ]


async def test_pressing_an_unknown_button_needs_its_kind(
    sim: GatewaySimulator, events: RawClient
) -> None:
    with pytest.raises(KeyError):
        await sim.press_button("99", 1)

    await sim.press_button("99", 1, kind=ButtonKind.CEN_PLUS)
    assert await events.read() == "*25*21#1*99##"


async def test_gateways_that_broadcast_the_time_do_so_periodically(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(profile=relaxed("MH202"), time_scale=0.005)
    listener = await login(sim.port, EVENT_SESSION)
    assert (await listener.read()).startswith("*#13**22*")
    await listener.close()


async def test_event_session_keepalive_is_not_answered(
    sim: GatewaySimulator, events: RawClient
) -> None:
    events.send(ACK)
    assert await events.silent()
    assert sim.received[-1].text == ACK
