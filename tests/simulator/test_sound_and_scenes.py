"""The simulated sound system (WHO 16/22), scenario modules (WHO 0) and scenes (WHO 17).

The sample house has amplifier 11 (WHO 16, on, volume 12) and amplifier 21
(reported on WHO 16 and 22, off, volume 8), both routed to source 1, a tuner
(on, 96.2 MHz "KRONEHIT" then 101.5 MHz "FM4") and source 2 (off); scenario
module 05 and scene 3.
"""

import pytest

from simulator.openwebnet import GatewaySimulator, Installation, InstallationError

from .conftest import ACK, EVENT_SESSION, NACK, RawClient, login

KRONEHIT = "75*82*79*78*69*72*73*84"
FM4 = "70*77*52*32*32*32*32*32"


@pytest.mark.parametrize(
    ("request_text", "answer"),
    [
        # The sweep gateways answer: every source, then every WHO 16 amplifier.
        (
            "*#16*0*5##",
            [
                "*16*3*101##",
                "*16*13*102##",
                "*16*3*11##",
                "*#16*11*1*12##",
                "*16*13*21##",
                "*#16*21*1*8##",
            ],
        ),
        ("*#16*0##", [NACK]),
        ("*#16*11##", [NACK]),
        ("*#16*11*5##", ["*16*3*11##"]),
        ("*#16*21*1##", ["*#16*21*1*8##"]),
        ("*#16*102*5##", ["*16*13*102##"]),
        ("*#16*101*6##", ["*#16*101*6*0*96200##"]),
        ("*#16*101*7##", ["*#16*101*7*0*1##"]),
        ("*#16*101*8##", [f"*#16*101*8*{KRONEHIT}##"]),
        ("*#16*102*6##", [NACK]),
        ("*#16*11*9##", [NACK]),
        ("*#16*99*5##", [NACK]),
        ("*#22*3#2#1##", ["*#22*3#2#1*12*0*4##", "*#22*3#2#1*1*8##"]),
        ("*#22*3#2#1*12##", ["*#22*3#2#1*12*0*4##"]),
        ("*#22*3#2#1*1##", ["*#22*3#2#1*1*8##"]),
        # Amplifier 11 speaks WHO 16 only, as on an MH200N.
        ("*#22*3#1#1##", [NACK]),
        ("*#17*3##", ["*17*2*3##", "*17*3*3##"]),
        ("*#17*4##", [NACK]),
    ],
)
async def test_status_requests_and_the_sound_sweep(
    command: RawClient, request_text: str, answer: list[str]
) -> None:
    expected = answer if answer == [NACK] else [*answer, ACK]
    assert await command.request(request_text) == expected


@pytest.mark.parametrize(
    ("command_text", "events"),
    [
        ("*16*13*11##", ["*16*13*11##", "*#16*11*1*12##"]),
        (
            "*16*3*21##",
            ["*16*3*21##", "*#16*21*1*8##", "*#22*3#2#1*12*1*4##", "*#22*3#2#1*1*8##"],
        ),
        ("*16*1003*11##", ["*16*1003*11##", "*#16*11*1*15##"]),
        ("*16*1115*11##", ["*16*1115*11##", "*#16*11*1*0##"]),
        ("*#16*21*#1*20##", ["*#16*21*1*20##", "*#22*3#2#1*1*20##"]),
        ("*16*3*122##", ["*16*3*122##", "*22*2#4#2*5#2#2##", "*16*3*102##"]),
        ("*16*3*102##", ["*16*3*102##"]),
        (
            "*16*6001*101##",
            [
                "*16*6001*101##",
                "*#16*101*6*0*101500##",
                "*#16*101*7*0*2##",
                f"*#16*101*8*{FM4}##",
            ],
        ),
        (
            "*#16*101*#7*2##",
            ["*#16*101*6*0*101500##", "*#16*101*7*0*2##", f"*#16*101*8*{FM4}##"],
        ),
        (
            "*16*13*#2##",
            [
                "*16*13*#2##",
                "*16*13*21##",
                "*#16*21*1*8##",
                "*#22*3#2#1*12*0*4##",
                "*#22*3#2#1*1*8##",
            ],
        ),
        (
            "*22*1#4#2*3#2#1##",
            [
                "*22*1#4#2*3#2#1##",
                "*16*3*21##",
                "*#16*21*1*8##",
                "*#22*3#2#1*12*1*4##",
                "*#22*3#2#1*1*8##",
            ],
        ),
        ("*22*4#3*3#2#1##", ["*22*4#3*3#2#1##", "*#16*21*1*5##", "*#22*3#2#1*1*5##"]),
        ("*#22*3#2#1*#1*31##", ["*#16*21*1*31##", "*#22*3#2#1*1*31##"]),
        (
            "*22*35#4#2#2*3#2#1##",
            [
                "*22*35#4#2#2*3#2#1##",
                "*16*3*122##",
                "*22*2#4#2*5#2#2##",
                "*16*3*102##",
                "*16*3*21##",
                "*#16*21*1*8##",
                "*#22*3#2#1*12*1*4##",
                "*#22*3#2#1*1*8##",
            ],
        ),
        (
            "*16*13*0##",
            [
                "*16*13*0##",
                "*16*13*11##",
                "*#16*11*1*12##",
                "*16*13*21##",
                "*#16*21*1*8##",
                "*#22*3#2#1*12*0*4##",
                "*#22*3#2#1*1*8##",
            ],
        ),
        (
            "*22*0*4#2##",
            [
                "*22*0*4#2##",
                "*16*13*21##",
                "*#16*21*1*8##",
                "*#22*3#2#1*12*0*4##",
                "*#22*3#2#1*1*8##",
            ],
        ),
        ("*0*3*05##", ["*0*3*05##"]),
        ("*17*1*3##", ["*17*1*3##"]),
        ("*17*4*3##", ["*17*4*3##"]),
    ],
)
async def test_commands_are_echoed_and_reported_in_each_dialect(
    sim: GatewaySimulator, command: RawClient, command_text: str, events: list[str]
) -> None:
    listener = await login(sim.port, EVENT_SESSION)
    assert await command.request(command_text) == [ACK]
    assert await listener.read_events(len(events)) == events
    assert await listener.silent()
    await listener.close()


@pytest.mark.parametrize(
    "command_text",
    [
        "*22*1#4#1*3#1#1##",  # amplifier 11 does not speak WHO 22
        "*16*3*99##",  # no such amplifier
        "*16*5*11##",  # no such WHAT
        "*16*3*109##",  # no source 9
        "*16*3*103##",
        "*16*3*129##",  # no source 9 to route to
        "*16*3*101#1##",
        "*16*6001*102##",  # not a tuner
        "*16*3*#7##",  # nobody in environment 7
        "*#16*11*#1*32##",
        "*#16*101*#7*3##",  # the tuner has two stations
        "*#16*102*#7*1##",
        "*22*9*3#2#1##",
        "*22*35#4#2#9*3#2#1##",  # no source 9
        "*22*1*4#7##",
        "*22*1*2#1##",
        "*0*17*05##",  # an F420 has 16 scenarios
        "*0*3*06##",
        "*0*40#3*05##",
        "*17*5*3##",
        "*17*1*4##",
    ],
)
async def test_what_no_device_would_do_is_refused(
    command: RawClient, command_text: str
) -> None:
    assert await command.request(command_text) == [NACK]


async def test_a_disabled_scene_does_not_start(
    sim: GatewaySimulator, command: RawClient
) -> None:
    assert await command.request("*17*4*3##") == [ACK]
    assert await command.request("*17*1*3##") == [ACK]
    assert sim.scene(3).running is False
    assert await command.request("*#17*3##") == ["*17*2*3##", "*17*4*3##", ACK]


async def test_people_at_wall_panels_modules_and_programmers(
    sim: GatewaySimulator, events: RawClient
) -> None:
    await sim.operate_amplifier("21", on=True, volume=17, source=2)
    assert await events.read_events(9) == [
        "*16*3*122##",
        "*22*2#4#2*5#2#2##",
        "*16*3*102##",
        "*16*3*21##",
        "*#16*21*1*8##",
        "*#22*3#2#1*12*1*4##",
        "*#22*3#2#1*1*8##",
        "*#16*21*1*17##",
        "*#22*3#2#1*1*17##",
    ]
    state = sim.state()
    assert state["amplifiers"]["21"] == {"on": True, "volume": 17, "source": 2}
    assert state["sources"][2] == {"on": True, "station": 1}

    await sim.run_scenario("05", 7)
    await sim.operate_scene(3, "1")
    assert await events.read_events(2) == ["*0*7*05##", "*17*1*3##"]
    assert sim.state()["scenes"][3] == {"running": True, "enabled": True}


def test_installations_describe_sound_systems_scenario_modules_and_scenes() -> None:
    generated = Installation.generate(
        amplifiers=10, sources=2, scenario_modules=2, scenes=3
    )
    assert [spec.where for spec in generated.amplifiers][8:] == ["19", "21"]
    assert [spec.kind.value for spec in generated.sources] == ["tuner", "generic"]
    assert [spec.where for spec in generated.scenario_modules] == ["01", "02"]
    assert [spec.scene for spec in generated.scenes] == [1, 2, 3]
    with pytest.raises(InstallationError, match="at most 81 amplifiers"):
        Installation.generate(amplifiers=82)
    with pytest.raises(InstallationError, match="appears twice"):
        Installation.from_dict({"sources": [{"source": 1}, {"source": 1}]})
    loaded = Installation.from_dict(
        {"amplifiers": [{"where": "41", "dialects": [22], "switched_on": True}]}
    )
    assert loaded.amplifiers[0].dialects == (22,)
