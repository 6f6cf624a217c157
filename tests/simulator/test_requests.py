"""What the gateway answers on a command session: status, dimensions, sweeps."""

import asyncio
import dataclasses
import logging
import re

import pytest

from simulator.openwebnet import PROFILES, GatewaySimulator, Installation
from tests.peers.gateway import BENCHMARK_INSTALLATION, GatewayFactory

from .conftest import ACK, BUSY_NACK, FAST, NACK, RawClient, login, relaxed


@pytest.mark.parametrize(
    ("request_text", "answer"),
    [
        ("*#1*11##", ["*1*0*11##"]),
        ("*#1*12##", ["*1*1*12##"]),
        ("*#1*13##", ["*1*6*13##"]),
        ("*#1*0015##", ["*1*0*0015##"]),
        ("*#1*21#4#01##", ["*1*0*21#4#01##"]),
        ("*#1*14*1##", ["*#1*14*1*100*0##"]),
        ("*#1*#1##", ["*1*6*13##", "*1*0*14##"]),
        ("*#1*1##", ["*1*0*11##", "*1*1*12##", "*1*6*13##", "*1*0*14##"]),
        ("*#1*00##", ["*1*0*0015##"]),
        ("*#2*21##", ["*2*0*21##"]),
        ("*#2*22##", ["*#2*22*10*10*100*1*0##"]),
        ("*#2*22*10##", ["*#2*22*10*10*100*1*0##"]),
        ("*#4*1*0##", ["*#4*1*0*0205##"]),
        ("*#4*#1*14##", ["*#4*1*14*0210*3##"]),
        ("*#4*1*60##", ["*#4*1*60*45##"]),
        ("*#4*1*13##", ["*#4*1*13*00##"]),
        ("*#4*1*19##", ["*#4*1*19*0*1##"]),
        ("*#4*2*20##", ["*#4*2*20*1##"]),
        ("*#4*#0##", ["*4*21*#0##", "*4*1101*#0##"]),
        (
            "*#4*2##",
            [
                "*4*110*2##",
                "*#4*2*0*0182##",
                "*#4*2*12*0200*3##",
                "*#4*2*13*01##",
                "*#4*2*14*0190*3##",
            ],
        ),
        ("*#4*3*11##", ["*#4*3*11*2##"]),
        ("*#4*3*19##", ["*#4*3*19*7*5##"]),
        ("*#4*3#2*20##", ["*#4*3#2*20*7##"]),
        ("*#4*3#0*20##", ["*#4*3#1*20*7##", "*#4*3#2*20*7##"]),
        ("*#4*101*0##", ["*#4*101*0*0198##"]),
        ("*#4*500*15#1##", ["*#4*500*15*1*0075##"]),
        ("*#1018*0*7##", [f"*#1018*{w}*7*{'1' * 24}##" for w in ("51", "71#0")]),
        ("*#9*1##", ["*9*0*1##"]),
        ("*#9*0##", ["*9*0*1##"]),
        ("*#18*51*113##", ["*#18*51*113*1739##"]),
        ("*#18*51*51##", ["*#18*51*51*123456##"]),
        ("*#18*51*53##", ["*#18*51*53*45678##"]),
        ("*#18*51*54##", ["*#18*51*54*3210##"]),
        ("*#18*71#0*54##", ["*#18*71#0*54*456##"]),
        ("*#25*301##", ["*25*32#0*301##"]),
        ("*#25*30##", ["*25*32#0*301##", "*25*31#0*302##"]),
        ("*#13**15##", ["*#13**15*200##"]),
        ("*#13**16##", ["*#13**16*2*0*51##"]),
        ("*#13**12##", ["*#13**12*0*3*80*161*178*195##"]),
        ("*#13**10##", ["*#13**10*192*168*1*35##"]),
        ("*#13**11##", ["*#13**11*255*255*255*0##"]),
        ("*#13**23##", ["*#13**23*2*6*32##"]),
        ("*#13**24##", ["*#13**24*1*4*0##"]),
    ],
)
async def test_requests_are_answered_with_frames_then_ack(
    command: RawClient, request_text: str, answer: list[str]
) -> None:
    assert await command.request(request_text) == [*answer, ACK]


@pytest.mark.parametrize(
    "request_text",
    [
        "*#1*99##",  # nobody at that point
        "*#1*11*1##",  # a switch has no level dimension
        "*#1*14*2##",  # no such dimension
        "*#2*21*10##",  # a basic actuator has no position
        "*#4*7##",  # no zone 7
        "*#4*1*99##",
        "*#4*2*60##",  # zone 2 has no humidity probe
        "*#9*7##",
        "*#18*59*113##",
        "*#18*51*999##",
        "*#25*399##",
        "*#13**99##",
        "*#13*1*15##",  # WHO 13 has an empty WHERE
        "*#16*0##",  # a sweep the gateway does not support
        "*#7*0##",  # a WHO nobody answers
        "*1*a*123##",  # malformed
        "*1*1##",  # a command without WHERE: no simulated system has one
        "*1*1*12*3##",  # nor fields after WHERE
        "*#18*51*1200#1##",  # nor dimension parameters in a request
        "*1**##",  # grammatical, but no request
        "*#*0##",  # NACK is not a request
        "*99*0##",  # a session type inside a session
        "*#15*21##",  # buttons have no status
        "*#9*1*5##",  # nor do aux channels dimensions
        "*#9*1*#5*1##",
        "*18*1*51##",  # meters take no commands
        "*#4*#0*30##",  # no holiday, so no end
        "*#4*#0*#30*24*12*2026##",  # nor an end to write
        "*4*202*#0##",  # thermal protection while heating
        "*4*3104*#0##",  # no weekly programme 4
        "*4*3217*#0##",  # nor scenario 17
        "*4*33256#3101*#0##",  # a vacation lasts at most 255 days
        "*4*315#3104*#0##",  # a holiday returns to programme 1-3
        "*4*3000*#0##",  # no holiday or vacation to end
        "*#4*1*#11*2##",  # zone 1 has no fan coil
        "*#4*3*#11*9##",  # no such speed
        "*#4*101*15#1##",  # a slave probe reports dimension 0
        "*#4*2#7*20##",  # zone 2 has one actuator
        "*#1018*0*8##",  # the meters answer diagnostic 7 only
    ],
)
async def test_requests_nobody_can_answer_get_nack(
    command: RawClient, request_text: str
) -> None:
    assert await command.request(request_text) == [NACK]


async def test_time_requests_answer_the_gateway_clock(command: RawClient) -> None:
    time_answer, ack = await command.request("*#13**0##")
    assert ack == ACK
    assert re.fullmatch(r"\*#13\*\*0\*\d\d\*\d\d\*\d\d\*000##", time_answer)
    date_answer, _ = await command.request("*#13**1##")
    assert re.fullmatch(r"\*#13\*\*1\*0[0-6]\*\d\d\*\d\d\*\d{4}##", date_answer)
    both, _ = await command.request("*#13**22##")
    assert re.fullmatch(r"\*#13\*\*22(\*\d+){8}##", both)


async def test_uptime_counts_gateway_seconds_since_boot(command: RawClient) -> None:
    uptime, ack = await command.request("*#13**19##")
    assert ack == ACK
    assert re.fullmatch(r"\*#13\*\*19\*\d\d\*\d\d\*\d\d\*\d\d##", uptime)


async def test_setting_the_clock_changes_what_the_gateway_reports(
    command: RawClient, events: RawClient
) -> None:
    assert await command.request("*#13**#22*10*30*00*001*03*24*12*2025##") == [ACK]
    assert re.fullmatch(
        r"\*#13\*\*22\*10\*30\*0\d\*001\*03\*24\*12\*2025##", await events.read()
    )
    answer, _ = await command.request("*#13**1##")
    assert answer == "*#13**1*03*24*12*2025##"
    assert await command.request("*#13**#0*23*15*00*102##") == [ACK]
    answer, _ = await command.request("*#13**0##")
    assert answer.startswith("*#13**0*23*15*")
    assert answer.endswith("*102##")
    assert await command.request("*#13**#1*00*01*06*2031##") == [ACK]
    answer, _ = await command.request("*#13**1##")
    assert answer == "*#13**1*00*01*06*2031##"
    assert await command.request("*#13**#16*1*2*3##") == [NACK]
    assert await command.request("*#13*5*#22*1*2*3##") == [NACK]


async def test_unknown_sweeps_depend_on_the_profile(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(profile=relaxed("MH200"))
    client = await login(sim.port, "*99*0##")
    assert await client.request("*#4*0##") == [NACK]
    await client.close()


async def test_sweeps_report_every_item_once_then_ack(
    gateway_factory: GatewayFactory,
) -> None:
    installation = Installation.load(BENCHMARK_INSTALLATION)
    sim = await gateway_factory(installation, profile=relaxed())
    client = await login(sim.port)
    lights = await client.request("*#1*0##")
    shutters = await client.request("*#2*0##")
    zones = await client.request("*#4*0##")
    assert len(lights) == 200 + 1
    assert len(shutters) == 40 + 1
    assert {frame.split("*")[2] for frame in zones[:-1]} >= {
        str(z) for z in range(1, 11)
    }
    assert lights[-1] == shutters[-1] == zones[-1] == ACK
    assert len({frame.rsplit("*", 1)[1] for frame in lights[:-1]}) == 200
    assert sim.counters.requests == 3
    await client.close()


async def test_requests_faster_than_the_pacing_get_busy_nack_unexecuted(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(
        profile=dataclasses.replace(PROFILES["F454"], pacing=60.0)
    )
    client = await login(sim.port)
    assert await client.request("*1*1*11##") == [ACK]
    assert await client.request("*1*0*12##") == [BUSY_NACK]
    assert sim.light("11").on
    assert sim.light("12").on  # the refused command was not executed
    assert sim.counters.pacing_violations == 1
    assert [str(r) for r in sim.requests()] == ["*1*1*11##"]
    await client.close()


async def test_older_gateways_answer_a_pacing_violation_with_plain_nack(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(
        profile=dataclasses.replace(PROFILES["MH202"], pacing=60.0)
    )
    client = await login(sim.port, "*99*0##")
    assert await client.request("*#1*11##") == ["*1*0*11##", ACK]
    assert await client.request("*#1*11##") == [NACK]
    await client.close()


async def test_requests_paced_as_the_profile_asks_are_all_served(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(profile=relaxed(pacing=0.05), time_scale=FAST)
    client = await login(sim.port)
    pause = sim.clock.wall(sim.profile.pacing) * 2

    for _ in range(3):
        assert (await client.request("*#1*12##"))[-1] == ACK
        await asyncio.sleep(pause)
    assert sim.counters.pacing_violations == 0
    await client.close()


async def test_a_keepalive_ack_on_a_command_session_is_not_answered(
    command: RawClient,
) -> None:
    command.send(ACK)
    assert await command.silent()


async def test_received_frames_are_logged_in_order(
    sim: GatewaySimulator, command: RawClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="simulator.openwebnet")
    await command.request("*#1*12##")
    await command.request("*1*0*12##")
    assert [frame.text for frame in sim.received][-2:] == ["*#1*12##", "*1*0*12##"]
    assert [str(frame) for frame in sim.requests(who=1)] == ["*#1*12##", "*1*0*12##"]
    assert sim.requests(who=2) == []
    assert sim.counters.frames_received == len(sim.received)
    assert "(command) <- *1*0*12##" in caplog.text
    assert "(command) -> *#*1##" in caplog.text
