"""Thermoregulation replays: what a zone's function is, and where its set point goes."""

from typing import Any

from custom_components.onewire_own.openwebnet.gateway import Gateway
from custom_components.onewire_own.openwebnet.items import (
    CentralUnitMode,
    ThermoCentralUnit,
    ThermoFunction,
    ThermoMode,
    ThermoZone,
)
from simulator.openwebnet import GatewaySimulator, Installation, SessionKind
from tests.peers.gateway import GatewayFactory

from ..helpers import TIME_SCALE, GatewayConnector
from .harness import Capture, Replay


def zones(*numbers: int, **values: Any) -> Installation:
    """A simulated bus with these zones, so the client's writes are accepted."""
    return Installation.from_dict(
        {"zones": [{"zone": number, **values} for number in numbers]}
    )


def zone(gateway: Gateway, number: int) -> ThermoZone:
    item = gateway.items[(4, str(number))]
    assert isinstance(item, ThermoZone)
    return item


def last_thermo_write(sim: GatewaySimulator) -> str:
    return [
        frame.text
        for frame in sim.received
        if frame.kind is SessionKind.COMMAND and frame.text.startswith(("*#4*", "*4*"))
    ][-1]


async def test_f455_zones_that_only_report_heating_heat_and_are_written_at_their_address(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(zones(36, set_point=10.0), time_scale=TIME_SCALE)
    gateway = await connect(sim)
    replay = Replay(sim, gateway, Capture.load("f455_standalone_zones"))

    await replay.play()

    # What the capture shows: zone 36 heats (*4*1*36##, its only function
    # report), 19.3 °C, set point 10.0 °C, knob at 0; no central unit anywhere.
    living = zone(gateway, 36)
    assert living.function is ThermoFunction.HEATING
    assert (living.temperature, living.set_point, living.operating_set_point) == (
        19.3,
        10.0,
        10.0,
    )
    assert living.local_offset == "00"
    assert living.mode is None  # never reported on this plant
    assert {zone(gateway, n).function for n in (34, 35)} == {ThermoFunction.HEATING}
    assert zone(gateway, 42).humidity == 52
    assert zone(gateway, 45).function is None  # reported no function
    assert (4, "#0") not in gateway.items
    assert not living.has_central_unit

    # Not in the capture: Home Assistant then asks 21 °C. Written at the
    # zone's own address, for heating, as the F454 capture of
    # f454_home_assistant_sets_zone_1 shows real clients do.
    await living.set_set_point(21.0)
    assert last_thermo_write(sim) == "*#4*36*#14*0210*1##"
    await sim.wait_until(lambda: living.set_point == 21.0)
    assert sim.zone(36).function == "1"


async def test_f454_home_assistant_sets_a_zone_as_the_captured_client_did(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(
        zones(1, 2, 3, 4, 5, 6, 7, set_point=17.0), time_scale=TIME_SCALE
    )
    gateway = await connect(sim)
    living = gateway.get_item(4, "1")
    assert isinstance(living, ThermoZone)
    replay = Replay(sim, gateway, Capture.load("f454_home_assistant_sets_zone_1"))

    # The captured client was in heat mode: 20 °C for heating, at the zone's
    # own address (no central unit on this bus); the replay checks the frame.
    await replay.play(
        actions={
            "*#4*1*#14*0200*1##": lambda: living.set_set_point(
                20.0, ThermoFunction.HEATING
            )
        }
    )

    # Zone 1 still holds 20 °C while MyHomeServer1's programme writes
    # (dimension 7) go to zones 2-7; it reported heating (*4*1*1##).
    assert (living.set_point, living.operating_set_point) == (20.0, 20.0)
    assert (living.function, living.temperature, living.local_offset) == (
        ThermoFunction.HEATING,
        24.5,
        "00",
    )
    assert [zone(gateway, n).temperature for n in range(2, 8)] == [
        24.3,
        24.6,
        24.7,
        24.1,
        24.8,
        24.1,
    ]
    assert not living.has_central_unit
    assert replay.skipped == []

    # Not in the capture: a later change without a mode from Home Assistant
    # is written for the function the zone reported.
    await living.set_set_point(19.5)
    assert last_thermo_write(sim) == "*#4*1*#14*0195*1##"


async def test_mh200n_central_unit_plant_is_written_through_the_central_unit(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(zones(1, 2, 3, 4), time_scale=TIME_SCALE)
    gateway = await connect(sim)
    early = gateway.get_item(4, "4")  # known before the central unit spoke
    assert isinstance(early, ThermoZone)
    assert not early.has_central_unit
    replay = Replay(sim, gateway, Capture.load("mh200n_central_unit_zones"))

    await replay.play()

    central = gateway.items[(4, "#0")]
    assert isinstance(central, ThermoCentralUnit)
    # *4*110#0180*#0##, *4*21*#0##, *4*24*#0##: manual at 18 °C, remote
    # control enabled, a probe in manual.
    assert (central.function, central.mode, central.manual_temperature) == (
        ThermoFunction.HEATING,
        CentralUnitMode.MANUAL,
        18.0,
    )
    assert (central.remote_control, central.probe_manual) == (True, True)
    assert central.battery_low is None  # never said: unknown until a status
    expected = {  # temperature, set point, knob
        1: (23.9, 10.0, "00"),
        2: (23.9, 10.0, "00"),
        3: (23.2, 10.0, "11"),
        4: (24.4, 10.0, "11"),
    }
    for number, values in expected.items():
        each = zone(gateway, number)
        assert (each.temperature, each.set_point, each.local_offset) == values
        assert (each.function, each.mode) == (
            ThermoFunction.HEATING,
            ThermoMode.MANUAL,
        )
        assert each.has_central_unit
    # The energy polls in the capture were another client's requests.
    assert [step.text for step in replay.skipped] == [
        f"*#18*5{n}*51##" for n in range(1, 8)
    ]
    assert gateway.items[(18, "57")].energy_total == 87900  # type: ignore[attr-defined]

    # Not in the capture: Home Assistant asks 21.5 °C for zone 1, written
    # through the central unit as the WHO 4 document defines, for heating.
    await zone(gateway, 1).set_set_point(21.5)
    assert last_thermo_write(sim) == "*#4*#1*#14*0215*1##"
    await zone(gateway, 2).set_mode(ThermoMode.PROGRAMME, ThermoFunction.GENERIC)
    assert last_thermo_write(sim) == "*4*311*#2##"
