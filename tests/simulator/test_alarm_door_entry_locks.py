"""The simulated burglar alarm, door entry and actuator locks, seen on the wire."""

import dataclasses
from typing import Any

import pytest

from simulator.openwebnet import GatewaySimulator, Installation, InstallationError
from tests.peers.gateway import GatewayFactory, sample_installation

from .conftest import ACK, EVENT_SESSION, FAST, NACK, RawClient, login, relaxed

ALL_ZONES = [
    "*5*11*#1##",
    "*5*11*#2##",
    "*5*11*#3##",
    "*5*11*#4##",
    "*5*11*#5##",
    "*5*11*#6##",
    "*5*18*#7##",
    "*5*18*#8##",
]


def with_alarm(**changes: Any) -> Installation:
    """The sample house with its alarm changed."""
    sample = sample_installation()
    assert sample.alarm is not None
    return dataclasses.replace(
        sample, alarm=dataclasses.replace(sample.alarm, **changes)
    )


async def test_the_alarm_answers_its_whole_state_with_the_system_at_zero(
    command: RawClient,
) -> None:
    expected = ["*5*1*0##", "*5*9*0##", "*5*5*0##", "*5*7*0##", *ALL_ZONES, ACK]
    assert await command.request("*#5*0##") == expected
    # *#5## (the web server's copy) answers the same.
    assert await command.request("*#5##") == expected
    assert await command.request("*#5*#7##") == ["*5*18*#7##", ACK]
    assert await command.request("*#5*#9##") == [NACK]


@pytest.mark.parametrize(
    ("style", "disarmed"), [("", "*5*9*##"), ("doc", "*5*9**##"), ("0", "*5*9*0##")]
)
async def test_the_system_where_is_written_as_the_gateway_writes_it(
    gateway_factory: GatewayFactory, style: str, disarmed: str
) -> None:
    sim = await gateway_factory(
        with_alarm(system_where=style), profile=relaxed(), time_scale=FAST
    )
    command = await login(sim.port)
    assert disarmed in await command.request("*#5*0##")
    await command.close()


async def test_a_disengaged_unit_lists_the_intrusion_it_remembers(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(
        with_alarm(memory=(2,), system_where=""), profile=relaxed(), time_scale=FAST
    )
    command = await login(sim.port)
    answer = await command.request("*#5*0##")
    assert answer[-2:] == ["*5*15*#2##", ACK]
    await command.close()


async def test_keypad_arming_alarms_and_disarming_reach_the_event_sessions(
    sim: GatewaySimulator, events: RawClient, command: RawClient
) -> None:
    await sim.arm_alarm()
    assert await events.read_events(2) == ["*5*1*0##", "*5*8*0##"]
    await sim.trigger_alarm(3)
    await sim.trigger_alarm(12, "tamper")
    assert await events.read_events(2) == ["*5*15*#3##", "*5*16*#12##"]
    answer = await command.request("*#5*0##")
    assert answer[1] == "*5*8*0##"
    assert answer[-3:] == ["*5*15*#3##", "*5*16*#12##", ACK]
    await sim.disarm_alarm()
    assert await events.read_events(3) == ["*5*2*0##", "*5*1*0##", "*5*9*0##"]
    # The unit remembers the intrusion until the next arming.
    assert (await command.request("*#5*0##"))[-2:] == ["*5*15*#3##", ACK]
    await sim.arm_alarm(zones=[1, 3, 4])
    # Only the zones whose engagement changed are reported.
    assert await events.read_events(5) == [
        "*5*1*0##",
        "*5*8*0##",
        "*5*18*#2##",
        "*5*18*#5##",
        "*5*18*#6##",
    ]
    assert [number for number, on in sim.alarm.zones.items() if on] == [1, 3, 4]
    assert sim.state()["alarm"]["armed"] is True


async def test_technical_alarms_battery_mains_maintenance_and_delay_end(
    sim: GatewaySimulator, events: RawClient
) -> None:
    await sim.trigger_alarm(4, "technical")
    await sim.reset_technical_alarm(4)
    await sim.set_alarm_battery("fault")
    await sim.set_alarm_mains(present=False)
    await sim.set_alarm_maintenance(on=True)
    await sim.end_alarm_delay()
    assert await events.read_events(6) == [
        "*5*12*#4##",
        "*5*13*#4##",
        "*5*4*0##",
        "*5*6*0##",
        "*5*0*0##",
        "*5*3*0##",
    ]
    assert sim.alarm.alarms == []


async def test_the_central_unit_acts_on_the_auxiliary_commands_it_is_programmed_for(
    sim: GatewaySimulator, events: RawClient, command: RawClient
) -> None:
    assert await command.request("*9*1*4##") == [ACK]
    # The aux command is reported, then the unit arms half a second later.
    assert await events.read_events(3) == ["*9*1*4##", "*5*1*0##", "*5*8*0##"]
    assert sim.alarm.armed
    assert await command.request("*9*0*4##") == [ACK]
    assert await events.read_events(4) == [
        "*9*0*4##",
        "*5*2*0##",
        "*5*1*0##",
        "*5*9*0##",
    ]
    assert not sim.alarm.armed
    assert await command.request("*9*1*5##") == [ACK]
    assert (await events.read_events(6))[2:] == [
        "*5*8*0##",
        "*5*18*#2##",
        "*5*18*#5##",
        "*5*18*#6##",
    ]
    assert [number for number, on in sim.alarm.zones.items() if on] == [1, 3, 4]
    # A channel nothing is programmed for is only reported.
    assert await command.request("*9*1*6##") == [ACK]
    assert await events.read_events(1) == ["*9*1*6##"]
    assert await events.silent(0.1)
    assert await command.request("*9*2*6##") == [NACK]


async def test_a_gateway_that_does_not_forward_the_alarm_stays_silent_about_it(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(
        sample_installation(), profile=relaxed("MyHOMEServer1"), time_scale=FAST
    )
    command = await login(sim.port)
    events = await login(sim.port, EVENT_SESSION)
    assert await command.request("*#5*0##") == [NACK]
    await sim.arm_alarm()
    await sim.trigger_alarm(1)
    assert await events.silent(0.1)
    assert sim.alarm.armed
    await command.close()
    await events.close()


async def test_a_house_without_an_alarm_refuses_its_requests(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(Installation(), profile=relaxed(), time_scale=FAST)
    command = await login(sim.port)
    assert await command.request("*#5*0##") == [NACK]
    assert await command.request("*#5##") == [NACK]
    assert await command.request("*#0##") == [NACK]
    assert await command.request("*9*1*4##") == [NACK]  # no aux, no alarm
    with pytest.raises(LookupError):
        sim.alarm  # noqa: B018 - the property raises
    with pytest.raises(LookupError):
        await sim.arm_alarm()
    await command.close()


# -- door entry -----------------------------------------------------------------


async def test_a_bell_press_rings_the_handset_and_the_panel_names_itself(
    sim: GatewaySimulator, events: RawClient
) -> None:
    await sim.ring("73")
    assert await events.read_events(2) == ["*8*1#1#4*74##", "*8*9#1#4*73##"]
    await sim.answer_call()  # already named: nothing more
    await sim.hang_up()
    assert await events.read_events(1) == ["*6*9##"]


async def test_a_panel_may_name_itself_only_when_the_handset_answers(
    gateway_factory: GatewayFactory,
) -> None:
    sample = sample_installation()
    panel = dataclasses.replace(
        sample.entrance_panels[0], announces="answer", audio_only=True
    )
    sim = await gateway_factory(
        dataclasses.replace(sample, entrance_panels=(panel,)),
        profile=relaxed(),
        time_scale=FAST,
    )
    events = await login(sim.port, EVENT_SESSION)
    await sim.ring("73")
    assert await events.read_events(1) == ["*8*1#1#2*74##"]
    assert await events.silent(0.1)
    await sim.answer_call()
    assert await events.read_events(1) == ["*8*9#1#2*73##"]
    await events.close()


async def test_the_door_lock_and_staircase_light_are_pressed_and_released(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    for text in ("*8*19*73##", "*8*20*73##", "*8*21*73##", "*8*22*73##"):
        assert await command.request(text) == [ACK]
    assert await events.read_events(4) == [
        "*8*19*73##",
        "*8*20*73##",
        "*8*21*73##",
        "*8*22*73##",
    ]
    panel = sim.entrance_panel("73")
    assert (panel.door_openings, panel.staircase_switches) == (1, 1)
    assert sim.state()["entrance_panels"] == {"73": {"door_openings": 1}}
    # Unknown panels, calls from a client and releases without a press.
    assert await command.request("*8*19*75##") == [NACK]
    assert await command.request("*8*1#1#4*74##") == [NACK]
    assert await command.request("*8*20*73##") == [ACK]
    assert panel.door_openings == 1


@pytest.mark.parametrize("profile", ["MyHOMEServer1", "MH200N"])
async def test_gateways_without_a_door_entry_service_refuse_the_lock(
    gateway_factory: GatewayFactory, profile: str
) -> None:
    sim = await gateway_factory(
        sample_installation(), profile=relaxed(profile), time_scale=FAST
    )
    command = await login(sim.port, "*99*0##")
    assert await command.request("*8*19*73##") == [NACK]
    await command.close()


async def test_a_panel_without_a_handset_cannot_ring(
    gateway_factory: GatewayFactory,
) -> None:
    sample = sample_installation()
    panel = dataclasses.replace(sample.entrance_panels[0], handset="")
    sim = await gateway_factory(
        dataclasses.replace(sample, entrance_panels=(panel,), handsets=()),
        profile=relaxed(),
        time_scale=FAST,
    )
    with pytest.raises(LookupError):
        await sim.ring("73")


# -- actuator locks ---------------------------------------------------------------


async def test_point_locks_are_acknowledged_but_not_reported(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    assert await command.request("*14*0*12##") == [ACK]
    assert await events.silent(0.1)
    assert sim.actuator_locked("12")
    assert sim.state()["actuator_locks"] == {"12": True}
    assert await command.request("*14*1*12##") == [ACK]
    assert not sim.actuator_locked("12")
    assert await command.request("*14*0*99##") == [NACK]
    assert await command.request("*14*2*12##") == [NACK]
    assert await command.request("*#14*12##") == [NACK]


async def test_area_and_general_locks_are_reported_and_reach_their_points(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    assert await command.request("*14*0*1##") == [ACK]
    assert await events.read_events(1) == ["*14*0*1##"]
    assert [sim.actuator_locked(w) for w in ("11", "12", "21", "22")] == [
        True,
        True,
        False,
        False,
    ]
    assert await command.request("*14*0*0##") == [ACK]
    assert await events.read_events(1) == ["*14*0*0##"]
    assert sim.actuator_locked("21#4#01")
    assert await command.request("*14*0*#1##") == [NACK]


def test_installation_files_describe_the_alarm_and_the_door_entry() -> None:
    sample = sample_installation()
    assert sample.alarm is not None
    assert len(sample.alarm.zones) == 8
    assert [panel.where for panel in sample.entrance_panels] == ["73"]
    with pytest.raises(InstallationError, match=r"alarm\.zones"):
        Installation.from_dict({"alarm": {"zones": [{"zone": 1}, {"zone": 1}]}})
    with pytest.raises(InstallationError, match="panel and a handset"):
        Installation.from_dict(
            {"entrance_panels": [{"where": "73"}], "handsets": [{"where": "73"}]}
        )
    with pytest.raises(InstallationError, match="unknown keys True"):
        Installation.from_dict({"alarm": {"automations": [{"aux": 4, True: True}]}})
    generated = Installation.from_dict({"generate": {"lights": 2}, "alarm": {}})
    assert generated.alarm is not None
