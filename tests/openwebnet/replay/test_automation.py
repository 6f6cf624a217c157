"""Shutter replays: centralised advanced commands, and an actuator's own reports."""

from custom_components.onewire_own.openwebnet.gateway import Gateway
from custom_components.onewire_own.openwebnet.items import Movement, Shutter
from tests.peers.gateway import GatewayFactory

from ..helpers import TIME_SCALE, GatewayConnector
from .harness import Capture, Replay

ACTUATORS = ("02", "03", "04", "08", "09", "0010", "0011")


def shutter(gateway: Gateway, where: str) -> Shutter:
    item = gateway.get_item(2, where)
    assert isinstance(item, Shutter)
    return item


async def test_mhs1_centralised_up_moves_every_shutter_until_the_stop(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim)
    shutters = [shutter(gateway, where) for where in ACTUATORS]  # known ones
    replay = Replay(sim, gateway, Capture.load("mhs1_centralised_up_then_stop"))

    # *2*11#100#001#1*0##: advanced UP to the whole bus. For 8.9 s no
    # actuator says a word, and every one of them is opening.
    await replay.play(until=0.0)
    assert [each.movement for each in shutters] == [Movement.OPENING] * 7

    await replay.play()
    assert [each.movement for each in shutters] == [Movement.STOPPED] * 7
    assert [each.position for each in shutters] == [86, 76, 43, 36, 27, 26, 25]
    assert all(each.is_advanced for each in shutters)


async def test_mhs1_advanced_actuator_reports_its_travel(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim)
    replay = Replay(sim, gateway, Capture.load("mhs1_bistable_cover"))

    await replay.play(until=0.1)
    cover = shutter(gateway, "03")
    assert (cover.movement, cover.position) == (Movement.CLOSING, 100)
    await replay.play(until=5.2)
    assert (cover.movement, cover.position) == (Movement.STOPPED, 83)
    await replay.play(until=7.6)
    assert (cover.movement, cover.position) == (Movement.OPENING, 83)
    await replay.play()
    assert (cover.movement, cover.position) == (Movement.STOPPED, 100)
