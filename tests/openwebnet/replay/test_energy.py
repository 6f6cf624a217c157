"""Energy replay: power pushes, totals, and a push that runs out."""

from custom_components.onewire_own.openwebnet.gateway import Gateway
from custom_components.onewire_own.openwebnet.items import EnergyMeter
from simulator.openwebnet import GatewaySimulator, Installation, SessionKind
from tests.peers.gateway import GatewayFactory

from ..helpers import TIME_SCALE, GatewayConnector
from .harness import Capture, Replay

ENABLE_2_MINUTES = "*#18*56*#1200#1*2##"


def meter(gateway: Gateway, where: str) -> EnergyMeter:
    item = gateway.get_item(18, where)
    assert isinstance(item, EnergyMeter)
    return item


def enables(sim: GatewaySimulator) -> int:
    return sum(
        1
        for frame in sim.received
        if frame.kind is SessionKind.COMMAND and frame.text == ENABLE_2_MINUTES
    )


async def test_f454_meters_end_with_the_captured_power_and_totals(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    installation = Installation.from_dict(
        {"energy_meters": [{"where": "56", "power": 9}]}
    )
    sim = await gateway_factory(installation, time_scale=TIME_SCALE)
    gateway = await connect(sim)
    heat_pump = meter(gateway, "56")
    replay = Replay(sim, gateway, Capture.load("f454_energy_meters"))

    async def keep_power_flowing() -> None:
        # Two minutes, renewed only when the meter says the push stopped.
        heat_pump.keep_power_flowing(minutes=2, margin=0)
        await sim.wait_until(lambda: enables(sim) == 1)

    # The captured client asked meter 56 for 2 minutes of pushes; so does
    # this one (the replay checks the frame).
    await replay.play(until=140.0, actions={ENABLE_2_MINUTES: keep_power_flowing})
    assert enables(sim) == 1

    # 126 s later the meter reports its push stopped: renewed at once.
    await replay.play(until=140.9)
    await sim.wait_until(lambda: enables(sim) == 2, timeout=2)

    await replay.play()
    powers = {
        where: meter(gateway, where).power
        for where in ("51", "53", "54", "55", "56", "57", "58", "59", "510", "511")
    }
    assert powers == {
        "51": 571,
        "53": 365,
        "54": 0,
        "55": 89,
        "56": 9,
        "57": 0,
        "58": 0,
        "59": 20,
        "510": 145,
        "511": 67,
    }
    totals = {
        where: (meter(gateway, where).energy_total, meter(gateway, where).energy_today)
        for where in ("51", "53", "54", "55")
    }
    assert totals == {
        "51": (35098267, 13165),
        "53": (18915332, 7919),
        "54": (2186911, 1179),
        "55": (3033954, 1916),
    }
    await heat_pump.stop_power_flow()
    assert enables(sim) == 2
