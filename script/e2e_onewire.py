"""End-to-end checks of the 1-Wire half against real owservers.

Most run against ``owserver --fake``; the last ones against the second
owserver, which drives the emulated bus (``simulator.onewire``): there the
check changes a temperature on the wire and waits for it in Home Assistant.
"""

from collections.abc import Callable
import json
from typing import Any

from e2e_support import (
    UNAVAILABLE,
    CheckFailedError,
    Context,
    child_entity_ids,
    download_diagnostics,
    entry_devices,
    refresh,
    wait_until,
    wait_until_loaded,
)
from peer_flows import add_owserver

# Set through the options flow so that the availability checks are quick.
POLL_INTERVAL_SECONDS = 5
# The model Home Assistant names each fake family after (as core onewire does).
ONEWIRE_MODELS = {
    "10": "DS18S20",
    "12": "DS2406",
    "1D": "DS2423",
    "1F": "DS2409",
    "26": "DS2438",
    "28": "DS18B20",
    "29": "DS2408",
    "3A": "DS2413",
}


async def check_owserver_flow(ctx: Context) -> str:
    """Add the owserver through the config flow; the entry must load."""
    entry = await add_owserver(ctx.client, ctx.stack.ports.owserver)
    ctx.owserver_entry = entry
    await wait_until_loaded(ctx, entry["entry_id"], "the owserver entry did not load")
    return f"entry '{entry['title']}' loaded"


async def check_owserver_options(ctx: Context) -> str:
    """Set the poll interval through the options flow (the entry reloads)."""
    flow = await ctx.client.start_options_flow(ctx.owserver_entry["entry_id"])
    steps = 0
    while flow["type"] == "form" and steps < 4:
        names = [f["name"] for f in flow.get("data_schema", [])]
        answers = (
            {"poll_interval": POLL_INTERVAL_SECONDS} if "poll_interval" in names else {}
        )
        flow = await ctx.client.options_flow_step(flow["flow_id"], answers)
        steps += 1
    if flow["type"] != "create_entry":
        raise CheckFailedError(f"options flow ended with {flow['type']}: {flow}")
    await wait_until_loaded(
        ctx, ctx.owserver_entry["entry_id"], "the owserver entry did not reload"
    )
    return f"poll interval {POLL_INTERVAL_SECONDS} s"


async def check_onewire_devices(ctx: Context) -> str:
    """A device per fake 1-Wire device, behind the hub, with entities that have states."""
    entry_id = ctx.owserver_entry["entry_id"]
    devices = await wait_until(
        lambda: entry_devices(ctx, entry_id),
        lambda found: sum(1 for d in found if d["via_device_id"])
        >= len(ctx.stack.owserver.fake),
        60,
        f"fewer than {len(ctx.stack.owserver.fake)} 1-Wire devices appeared",
    )
    entity_ids = await child_entity_ids(ctx, entry_id)
    if not entity_ids:
        raise CheckFailedError("the 1-Wire devices have no enabled entities")
    states = await wait_until(
        ctx.client.states,
        lambda states: all(
            states.get(e, {}).get("state") not in (None, UNAVAILABLE, "unknown")
            for e in entity_ids
        ),
        60,
        "some 1-Wire entities have no state",
        nudge=lambda: refresh(ctx, entity_ids),
    )
    models = {
        d["name"].split(".")[0]: d["model"] for d in devices if d["via_device_id"]
    }
    wrong = {
        family: models.get(family)
        for family in ctx.stack.owserver.fake
        if models.get(family) != ONEWIRE_MODELS.get(family)
    }
    if wrong:
        raise CheckFailedError(
            f"devices missing or with another model (family: model): {wrong}"
        )
    sample = ", ".join(f"{e}={states[e]['state']}" for e in entity_ids[:3])
    return f"{len(devices)} devices ({', '.join(sorted(models.values()))}), {len(entity_ids)} entities with states, e.g. {sample}"


async def temperature_sensor(ctx: Context) -> str:
    """The first 1-Wire temperature sensor entity."""
    states = await ctx.client.states()
    for entity_id in await child_entity_ids(ctx, ctx.owserver_entry["entry_id"]):
        attributes = states.get(entity_id, {}).get("attributes", {})
        if (
            entity_id.startswith("sensor.")
            and attributes.get("device_class") == "temperature"
        ):
            return entity_id
    raise CheckFailedError("no 1-Wire temperature sensor entity")


async def check_temperature(ctx: Context) -> str:
    """A temperature read from owserver reaches its sensor, and fresh reads follow.

    The fake adapter returns a new random temperature on every uncached read,
    so a sensor whose value changes is being fed by owserver, not by a cache.
    """
    entity_id = await temperature_sensor(ctx)
    first = (await ctx.client.states())[entity_id]
    try:
        value = float(first["state"])
    except ValueError as err:
        raise CheckFailedError(
            f"{entity_id} is not numeric: {first['state']!r}"
        ) from err
    if first["attributes"].get("unit_of_measurement") != "°C":
        raise CheckFailedError(
            f"{entity_id} unit is {first['attributes'].get('unit_of_measurement')!r}"
        )
    later = await wait_until(
        lambda: ctx.client.states(),
        lambda states: states[entity_id]["state"] != first["state"],
        45,
        f"{entity_id} kept {first['state']} (no fresh read reached it)",
        nudge=lambda: refresh(ctx, [entity_id]),
    )
    return f"{entity_id}: {value} °C, then {later[entity_id]['state']} °C"


async def owserver_entities_become(
    ctx: Context, available: bool, change: Callable[[], None], timeout: float
) -> str:
    """Change the owserver (stop/start), then wait for every 1-Wire entity to follow."""
    entity_ids = await child_entity_ids(ctx, ctx.owserver_entry["entry_id"])
    change()
    await wait_until(
        ctx.client.states,
        lambda states: all(
            (states[e]["state"] != UNAVAILABLE) == available for e in entity_ids
        ),
        timeout,
        f"1-Wire entities did not all become {'available' if available else UNAVAILABLE}",
        nudge=lambda: refresh(ctx, entity_ids),
    )
    return (
        f"{len(entity_ids)} entities {'available again' if available else UNAVAILABLE}"
    )


async def check_owserver_stopped(ctx: Context) -> str:
    """Stopping owserver makes every 1-Wire entity unavailable."""
    return await owserver_entities_become(ctx, False, ctx.stack.owserver.stop, 60)


async def check_owserver_restarted(ctx: Context) -> str:
    """Restarting owserver brings every 1-Wire entity back, without a reload."""
    return await owserver_entities_become(ctx, True, ctx.stack.owserver.start, 120)


async def check_owserver_diagnostics(ctx: Context) -> str:
    """The owserver entry's diagnostics download, with its devices in them."""
    text = json.dumps(await download_diagnostics(ctx, ctx.owserver_entry["entry_id"]))
    families = [f for f in ctx.stack.owserver.fake if f"{f}." not in text]
    if families:
        raise CheckFailedError(f"no device of families {families} in the diagnostics")
    return f"{len(text)} bytes, every fake family listed"


# A DS18B20 of simulator/onewire_buses/sample.yaml (10-bit: 0.25 °C steps).
EMULATED_SENSOR = "28.000000000002"
EMULATED_ENTITY = "sensor.28_000000000002_temperature"
SET_CELSIUS = 23.25
RAMP_TO_CELSIUS = 26.25
RAMP_SECONDS = 20.0


async def check_emulated_bus_flow(ctx: Context) -> str:
    """Add the owserver of the emulated bus through the config flow."""
    entry = await add_owserver(ctx.client, ctx.stack.emulated_owserver.port)
    ctx.emulated_entry = entry
    await wait_until_loaded(
        ctx, entry["entry_id"], "the emulated-bus owserver entry did not load"
    )
    devices = await wait_until(
        lambda: entry_devices(ctx, entry["entry_id"]),
        lambda found: sum(1 for d in found if d["via_device_id"])
        >= len(ctx.stack.emulator.chips()),
        60,
        "not every emulated chip became a device",
    )
    return f"entry '{entry['title']}' loaded, {len(devices)} devices"


async def check_emulated_temperature(ctx: Context) -> str:
    """A temperature set on the emulated wire, then a ramp, reach the sensor.

    The emulated DS18B20 converts what its "room" holds: a step to 23.25 °C
    must arrive exactly, then a ramp towards 26.25 °C must show values that
    climb strictly between the two.
    """
    emulator = ctx.stack.emulator
    emulator.set_value(EMULATED_SENSOR, "temperature", SET_CELSIUS)

    def celsius(states: dict[str, Any]) -> float | None:
        try:
            return float(states[EMULATED_ENTITY]["state"])
        except (KeyError, ValueError):
            return None

    await wait_until(
        ctx.client.states,
        lambda states: celsius(states) == SET_CELSIUS,
        60,
        f"{EMULATED_ENTITY} never showed {SET_CELSIUS} °C",
        nudge=lambda: refresh(ctx, [EMULATED_ENTITY]),
    )
    emulator.ramp_value(EMULATED_SENSOR, "temperature", RAMP_TO_CELSIUS, RAMP_SECONDS)
    states = await wait_until(
        ctx.client.states,
        lambda states: (value := celsius(states)) is not None
        and SET_CELSIUS < value < RAMP_TO_CELSIUS,
        60,
        f"{EMULATED_ENTITY} did not follow the ramp from {SET_CELSIUS} °C",
        nudge=lambda: refresh(ctx, [EMULATED_ENTITY]),
    )
    conversions = len(emulator.bus.conversions())
    return (
        f"{EMULATED_ENTITY}: {SET_CELSIUS} °C, then {celsius(states)} °C on the "
        f"ramp ({conversions} conversions on the emulated wire)"
    )
