"""CEN and CEN+ replays: every press of a real keypad reaches the client, in order."""

from custom_components.onewire_own.openwebnet.gateway import Gateway
from custom_components.onewire_own.openwebnet.items import (
    ButtonAction,
    ButtonPressed,
    Item,
    ItemEvent,
    Light,
)
from tests.peers.gateway import GatewayFactory

from ..helpers import TIME_SCALE, GatewayConnector
from .harness import Capture, Replay

PRESSED = ButtonAction.PRESSED
SHORT = ButtonAction.SHORT_PRESS
LONG_START = ButtonAction.LONG_PRESS_START
HELD = ButtonAction.LONG_PRESS
RELEASED = ButtonAction.LONG_RELEASE


def presses(gateway: Gateway, who: int, where: str) -> list[tuple[int, ButtonAction]]:
    """Record every press of a control from now on."""
    seen: list[tuple[int, ButtonAction]] = []

    def on_event(item: Item, event: ItemEvent) -> None:
        if item.key == (who, where) and isinstance(event, ButtonPressed):
            seen.append((event.button, event.action))

    gateway.add_callback(on_event)
    return seen


def lights_on(gateway: Gateway) -> set[str]:
    return {
        item.where
        for item in gateway.items.values()
        if isinstance(item, Light) and item.is_on
    }


async def test_mh200n_cen_short_and_long_presses_of_two_buttons(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim)
    seen = presses(gateway, 15, "73")
    replay = Replay(sim, gateway, Capture.load("mh200n_cen_73"))

    await replay.play()

    assert seen == [
        (1, PRESSED),
        (1, SHORT),
        (1, PRESSED),
        (1, HELD),
        (1, HELD),
        (1, HELD),
        (1, RELEASED),
        (2, PRESSED),
        (2, SHORT),
        (2, PRESSED),
        (2, HELD),
        (2, HELD),
        (2, HELD),
        (2, RELEASED),
    ]
    assert lights_on(gateway) == {"14", "34", "41", "52", "53", "57", "61", "72"}
    assert gateway.items[(1, "14")].brightness == 80  # type: ignore[attr-defined]
    # The capturing client's area status requests are not this client's.
    assert [step.text for step in replay.skipped] == [
        f"*#1*{area}##" for area in range(1, 7)
    ]


async def test_mhs1_cen_plus_long_presses_start_and_release_without_repeats(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim)
    seen = presses(gateway, 25, "21")
    replay = Replay(sim, gateway, Capture.load("mhs1_cen_plus_21"))

    await replay.play()

    assert seen == [(1, SHORT), (1, LONG_START), (1, RELEASED)] * 3
    assert gateway.items[(25, "21")].last_event == ButtonPressed(1, RELEASED)  # type: ignore[attr-defined]


async def test_mhs1_cen_plus_scenario_switches_its_lights_on(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim)
    seen = presses(gateway, 25, "21")
    replay = Replay(sim, gateway, Capture.load("mhs1_cen_plus_scenario"))

    await replay.play()

    assert seen == [(1, SHORT), (1, SHORT)]
    assert lights_on(gateway) == {"16", "18", "19"}
