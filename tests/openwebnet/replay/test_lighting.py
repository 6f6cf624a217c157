"""Lighting replays: groups whose members stay silent, and 100-level dimmers."""

from custom_components.onewire_own.openwebnet.gateway import Gateway
from custom_components.onewire_own.openwebnet.items import Light
from simulator.openwebnet import Installation
from tests.peers.gateway import GatewayFactory

from ..helpers import TIME_SCALE, GatewayConnector
from .harness import Capture, Replay


def light(gateway: Gateway, where: str) -> Light:
    item = gateway.items[(1, where)]
    assert isinstance(item, Light)
    return item


def state(gateway: Gateway, where: str) -> tuple[bool | None, int | None]:
    item = light(gateway, where)
    return item.is_on, item.brightness


async def test_mhs1_group_members_end_as_the_last_group_command_left_them(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    # Lights 16, 18 and 19 report after each group 1 OFF, so they are its
    # members; the simulated bus follows the captured commands (on_bus).
    group_1 = Installation.from_dict(
        {"lights": [{"where": where, "groups": [1]} for where in ("16", "18", "19")]}
    )
    sim = await gateway_factory(group_1, time_scale=TIME_SCALE)
    gateway = await connect(sim, light_sweep_delay=0.1)
    await gateway.discover()
    replay = Replay(
        sim, gateway, Capture.load("mhs1_group_1"), time_scale=0.01, on_bus=True
    )

    # Group OFF (members report), then group ON 0.7 s later with no member
    # report for 5 s: one sweep after the two says the members are on.
    await replay.play(until=1.0)
    assert [state(gateway, w) for w in ("16", "18", "19")] == [(True, None)] * 3
    assert gateway.light_sweeps == 1

    # The same again; the capture ends with the group ON and nothing else.
    await replay.play()
    assert [state(gateway, w) for w in ("16", "18", "19")] == [(True, None)] * 3
    assert gateway.light_sweeps == 2
    sweeps = [r for r in sim.requests(who=1) if r.build() == "*#1*0##"]
    assert len(sweeps) == 3  # discovery's and one per burst of group commands


async def test_f454_dimmer_answers_dimension_4_and_reports_its_level_after_a_step(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim)
    replay = Replay(sim, gateway, Capture.load("f454_f418u2_dimmer"))

    # Asked for dimension 1 while off, the F454 answers dimension 4, level 0.
    await replay.play(until=0.2)
    dimmer = light(gateway, "32")
    assert (dimmer.is_on, dimmer.has_100_levels) == (False, True)

    # Step 5 reaches 30 % on this dimmer (its dimension 1 report follows).
    await replay.play(until=12.0)
    assert state(gateway, "32") == (True, 30)
    await replay.play(until=22.3)
    assert state(gateway, "32") == (True, 30)  # dimension 4 says the same

    await replay.play()
    assert dimmer.is_on is False
    assert [step.text for step in replay.skipped][:2] == ["*#1*32*1##", "*#1*32*4##"]


async def test_mh202_dimmer_switched_on_by_a_dimension_4_write_is_on(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim)
    replay = Replay(sim, gateway, Capture.load("mh202_f418u2_dimmer"))

    await replay.play(until=11.4)
    assert state(gateway, "32") == (True, 30)
    await replay.play(until=28.2)
    assert light(gateway, "32").is_on is False
    # Another client's dimension 4 write turns it on at 30 % (MH202 only):
    # its echo, then *#1*32*4*130*2##.
    await replay.play(until=33.5)
    assert state(gateway, "32") == (True, 30)
    # A write of level 0 does not switch it off (*1*1#0*32## and level 30).
    await replay.play(until=47.7)
    assert state(gateway, "32") == (True, 30)

    await replay.play()
    assert light(gateway, "32").is_on is False


async def test_mh200_dimmer_steps_follow_its_own_curve(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim)
    replay = Replay(sim, gateway, Capture.load("mh200_f418u2_dimmer"))

    await replay.play(until=130.1)
    assert state(gateway, "62") == (True, 50)
    # Its status answer at 50 % is step 7: still 50 %, not 70 %.
    await replay.play(until=138.4)
    assert state(gateway, "62") == (True, 50)
    # Step 3 is 10 % and step 5 is 30 % on this dimmer.
    await replay.play(until=188.3)
    assert state(gateway, "62") == (True, 10)
    await replay.play(until=200.0)
    assert state(gateway, "62") == (True, 30)
    await replay.play(until=209.6)
    assert light(gateway, "62").is_on is False

    await replay.play()
    assert state(gateway, "62") == (True, 100)

    # Not in the capture: a sweep (after a group command, or a reconnect)
    # answers steps only. The learned curve reads them as the dimmer means.
    for step, percent in (("7", 50), ("3", 10), ("5", 30), ("10", 100)):
        await sim.emit(f"*1*{step}*62##")
        await replay.settle()
        assert state(gateway, "62") == (True, percent)
