"""Thermoregulation and energy against the simulated gateway: discovery, health, ends.

Counts of requests are part of the specification: a gateway's command
session is shared by every client, so each request found here is one the
installation pays at every start.
"""

import dataclasses
from datetime import date, datetime, time

import pytest

from custom_components.onewire_own.openwebnet import OpenWebNetCommandError
from custom_components.onewire_own.openwebnet.gateway import Gateway
from custom_components.onewire_own.openwebnet.items import (
    CentralUnitMode,
    EnergyMeter,
    ThermoCentralUnit,
    ThermoProbe,
    ThermoZone,
    ZoneDemand,
)
from simulator.openwebnet import PROFILES, GatewaySimulator, Installation
from tests.peers.gateway import GatewayFactory

from .helpers import TIME_SCALE, GatewayConnector

METERS = {
    "energy_meters": [
        {"where": "51", "energy_today": 10},
        {"where": "52"},
        {"where": "54"},  # 53 is missing: a gap of one is bridged
        {"where": "510"},  # meter 10, beyond 51-59
        {"where": "71#0"},
        {"where": "72#0"},
    ]
}


async def sample_house(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> tuple[GatewaySimulator, Gateway, ThermoCentralUnit]:
    """The sample house's gateway, discovered; its central unit."""
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim)
    await gateway.discover()
    unit = gateway.items[(4, "#0")]
    assert isinstance(unit, ThermoCentralUnit)
    return sim, gateway, unit


async def test_one_request_finds_every_meter_when_the_gateway_answers_the_diagnostic(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(Installation.from_dict(METERS), time_scale=TIME_SCALE)
    gateway = await connect(sim)
    before = len(sim.requests())

    meters = await gateway.find_energy_meters()

    assert {meter.where for meter in meters} == {
        "51",
        "52",
        "54",
        "510",
        "71#0",
        "72#0",
    }
    assert [r.build() for r in sim.requests()[before:]] == ["*#1018*0*7##"]


async def test_a_gateway_refusing_the_diagnostic_is_scanned_until_three_silent_addresses(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    profile = dataclasses.replace(
        PROFILES["F454"],
        unsupported_requests=PROFILES["F454"].unsupported_requests | {"*#1018*0*7##"},
    )
    installation = Installation.from_dict(
        {
            "energy_meters": [
                {"where": "51"},
                {"where": "52"},
                {"where": "54"},
                {"where": "71#0"},
            ]
        }
    )
    sim = await gateway_factory(installation, profile=profile, time_scale=TIME_SCALE)
    gateway = await connect(sim)
    before = len(sim.requests())

    meters = await gateway.find_energy_meters()

    assert {meter.where for meter in meters} == {"51", "52", "54", "71#0"}
    asked = [r.build() for r in sim.requests()[before:]]
    assert asked == [
        "*#1018*0*7##",
        *(f"*#18*5{n}*113##" for n in range(1, 8)),  # 55, 56, 57 silent
        *(f"*#18*7{n}#0*113##" for n in range(1, 5)),  # 72, 73, 74 silent
    ]
    # The answers to the scan are the meters' power already.
    power = gateway.items[(18, "71#0")]
    assert isinstance(power, EnergyMeter)
    assert power.power == 0


async def test_no_meter_costs_seven_requests(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim = await gateway_factory(Installation(), time_scale=TIME_SCALE)
    gateway = await connect(sim)
    before = len(sim.requests())
    assert await gateway.find_energy_meters() == []
    assert len(sim.requests()) - before == 1 + 3 + 3


async def test_discovery_learns_central_unit_zones_actuators_and_probes(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    _, gateway, unit = await sample_house(gateway_factory, connect)

    assert (unit.mode, unit.programme, unit.remote_control) == (
        CentralUnitMode.WEEKLY,
        1,
        True,
    )
    assert (unit.battery_low, unit.failure) == (False, False)
    office = gateway.items[(4, "3")]
    assert isinstance(office, ThermoZone)
    assert office.actuators == {1: 7, 2: 7}  # fan coil at speed 2
    assert office.demand is ZoneDemand.COOLING
    living = gateway.items[(4, "1")]
    assert isinstance(living, ThermoZone)
    assert living.demand is ZoneDemand.HEATING
    probe = gateway.items[(4, "101")]
    outdoor = gateway.items[(4, "500")]
    assert isinstance(probe, ThermoProbe)
    assert isinstance(outdoor, ThermoProbe)
    assert (probe.temperature, outdoor.temperature) == (19.8, 7.5)


async def test_battery_trouble_is_reported_and_its_repair_seen_at_the_next_status(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim, gateway, unit = await sample_house(gateway_factory, connect)

    await sim.set_central_unit_health(battery_low=True, failure=True)
    await sim.wait_until(lambda: unit.battery_low is True and unit.failure is True)

    await sim.set_central_unit_health(battery_low=False)  # silent, as real units
    await gateway.follow_up_items()
    assert (unit.battery_low, unit.failure) == (False, True)


async def test_a_holiday_end_is_written_then_read_back(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim, _, unit = await sample_house(gateway_factory, connect)

    with pytest.raises(OpenWebNetCommandError):  # no holiday to end yet
        await unit.set_holiday_end(datetime.combine(date(2026, 12, 27), time(18)))
    await unit.set_holiday(2)
    await sim.wait_until(lambda: unit.mode is CentralUnitMode.HOLIDAY)
    assert sim.central_unit.what == "115"
    assert sim.central_unit.params == ("1102",)
    await unit.set_holiday_end(datetime.combine(date(2026, 12, 27), time(18)))
    assert unit.holiday_end == datetime.combine(date(2026, 12, 27), time(18))
    await unit.set_weekly_programme(3)
    await sim.wait_until(lambda: unit.mode is CentralUnitMode.WEEKLY)
    assert (unit.programme, unit.holiday_end) == (3, None)


async def test_central_unit_modes_go_through_the_simulated_unit(
    gateway_factory: GatewayFactory, connect: GatewayConnector
) -> None:
    sim, gateway, unit = await sample_house(gateway_factory, connect)
    zone = gateway.items[(4, "1")]
    assert isinstance(zone, ThermoZone)

    await unit.set_vacation(2, 1)
    await sim.wait_until(lambda: unit.mode is CentralUnitMode.VACATION)
    assert unit.vacation_days == 3  # the unit counts today
    await unit.set_manual(23.0)
    await sim.wait_until(lambda: unit.mode is CentralUnitMode.MANUAL)
    assert unit.manual_temperature == 23.0
    await sim.wait_until(lambda: zone.set_point == 23.0)
    await unit.set_scenario(5)
    await sim.wait_until(lambda: unit.scenario == 5)
    await unit.turn_off()
    await sim.wait_until(lambda: unit.mode is CentralUnitMode.OFF)
    await sim.wait_until(lambda: zone.demand is ZoneDemand.IDLE)
    with pytest.raises(OpenWebNetCommandError):
        await unit.set_thermal_protection()  # the unit heats
    await unit.set_antifreeze()
    await sim.wait_until(lambda: unit.mode is CentralUnitMode.ANTIFREEZE)
    assert sim.central_unit.history == ["13003", "110#0230", "1205", "103", "102"]
