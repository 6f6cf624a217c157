"""End-to-end checks of the MyHOME half against the in-process gateway simulator."""

import asyncio
import contextlib
from typing import Any

from devstack import GATEWAY_PASSWORD, ROOT, Stack
from e2e_support import (
    UNAVAILABLE,
    CheckFailedError,
    Context,
    download_diagnostics,
    entry_devices,
    entry_entities,
    json_strings,
    wait_until,
    wait_until_loaded,
)
from peer_flows import DOMAIN, add_gateway

MYHOME_PLATFORM_FILES = ("light.py", "event.py")


def myhome_missing(stack: Stack) -> str:
    """Why the MyHOME checks cannot run yet, or "" when they can."""
    if not stack.has_gateway:
        return stack.gateway_skip_reason
    half = ROOT / "custom_components" / DOMAIN / "myhome"
    if missing := [
        name for name in MYHOME_PLATFORM_FILES if not (half / name).is_file()
    ]:
        return f"the MyHOME half has not landed yet (no myhome/{', myhome/'.join(missing)})"
    return ""


async def check_gateway_flow(ctx: Context) -> str:
    """Add the gateway through the config flow; the entry must load."""
    entry = await add_gateway(ctx.client, ctx.stack.ports.gateway, GATEWAY_PASSWORD)
    ctx.gateway_entry = entry
    await wait_until_loaded(ctx, entry["entry_id"], "the gateway entry did not load")
    return f"entry '{entry['title']}' loaded"


def expected_myhome_items(installation: Any) -> list[tuple[str, str]]:
    """(``<who>-<where>``, platform) for every item of the installation."""
    return [
        *((f"1-{spec.where}", "light") for spec in installation.lights),
        *((f"2-{spec.where}", "cover") for spec in installation.shutters),
        *((f"4-{spec.zone}", "climate") for spec in installation.zones),
        *((f"4-{spec.where}", "sensor") for spec in installation.probes),
        *([("4-#0", "select")] if installation.central_unit is not None else []),
        *((f"9-{spec.channel}", "switch") for spec in installation.aux),
        *((f"18-{spec.where}", "sensor") for spec in installation.energy_meters),
        *((f"25-{spec.where}", "binary_sensor") for spec in installation.contacts),
        *((f"16-{spec.where}", "media_player") for spec in installation.amplifiers),
        *((f"16-10{spec.source}", "media_player") for spec in installation.sources),
        *(
            [("5-0", "alarm_control_panel")]
            + [
                (f"5-#{zone.zone}", "binary_sensor")
                for zone in installation.alarm.zones
            ]
            if installation.alarm is not None
            else []
        ),
    ]


async def myhome_items_without_entity(ctx: Context) -> list[str]:
    """Installation items that have no device with an entity of their platform yet."""
    entry_id = ctx.gateway_entry["entry_id"]
    devices = await entry_devices(ctx, entry_id)
    entities = await entry_entities(ctx, entry_id)
    platforms_by_item: dict[str, set[str]] = {}
    for device in devices:
        for _domain, identifier in device["identifiers"]:
            item = "-".join(identifier.rsplit("-", 2)[-2:])
            platforms_by_item[item] = {
                e["entity_id"].split(".")[0]
                for e in entities
                if e["device_id"] == device["id"]
            }
    installation = ctx.stack.gateway.installation  # type: ignore[union-attr]
    return [
        f"{item} ({platform})"
        for item, platform in expected_myhome_items(installation)
        if platform not in platforms_by_item.get(item, set())
    ]


async def check_myhome_devices(ctx: Context) -> str:
    """Every item of the sample installation is a device with its entity and a state."""
    await wait_until(
        lambda: myhome_items_without_entity(ctx),
        lambda missing: not missing,
        60,
        "some installation items have no entity",
    )
    entry_id = ctx.gateway_entry["entry_id"]
    entity_ids = [e["entity_id"] for e in await entry_entities(ctx, entry_id)]
    # A button has no state before its first press; a basic shutter reports
    # "stopped", not where it stopped, until it is moved; a central unit has
    # a holiday end only during a holiday, and a manual set point once it
    # has been in manual: all may be unknown.
    may_be_unknown = ("event.", "cover.", "datetime.", "number.")

    async def entities_without_state() -> list[str]:
        states = await ctx.client.states()
        return [
            e
            for e in entity_ids
            if states.get(e, {}).get("state") in (None, UNAVAILABLE)
            or (states[e]["state"] == "unknown" and not e.startswith(may_be_unknown))
        ]

    # Energy meters cannot be swept: they are found by a probe after the
    # sweeps, so their entities may exist a moment before their first value.
    await wait_until(
        entities_without_state,
        lambda missing: not missing,
        15,
        "entities without a state",
    )
    devices = await entry_devices(ctx, entry_id)
    kinds = sorted({e.split(".")[0] for e in entity_ids})
    return f"{len(devices)} devices, {len(entity_ids)} entities with states ({', '.join(kinds)})"


def simulated_lights_on(ctx: Context) -> set[str]:
    """WHEREs of the simulated lights that are on."""
    gateway: Any = ctx.stack.gateway
    return {
        spec.where
        for spec in gateway.installation.lights
        if gateway.light(spec.where).level > 0
    }


async def check_light_turn_on(ctx: Context) -> str:
    """light.turn_on from Home Assistant switches a light on the simulated bus."""
    entities = await entry_entities(ctx, ctx.gateway_entry["entry_id"])
    states = await ctx.client.states()
    off = [
        e["entity_id"]
        for e in entities
        if e["entity_id"].startswith("light.")
        and states[e["entity_id"]]["state"] == "off"
    ]
    if not off:
        raise CheckFailedError("no light is off in Home Assistant to turn on")
    before = simulated_lights_on(ctx)
    await ctx.client.call_service("light", "turn_on", {"entity_id": off[0]})

    async def bus_lights() -> set[str]:
        return simulated_lights_on(ctx)

    after = await wait_until(
        bus_lights,
        lambda on: len(on) > len(before),
        20,
        f"no simulated light came on after turning {off[0]} on",
    )
    await wait_until(
        ctx.client.states,
        lambda s: s[off[0]]["state"] == "on",
        20,
        f"{off[0]} did not report on",
    )
    return f"{off[0]} on: bus lights on {sorted(before)} -> {sorted(after)}"


async def gateway_events(ctx: Context) -> dict[str, str]:
    """State (time of the last event) of each event entity of the gateway entry."""
    entities = await entry_entities(ctx, ctx.gateway_entry["entry_id"])
    states = await ctx.client.states()
    return {
        e["entity_id"]: states.get(e["entity_id"], {}).get("state", "")
        for e in entities
        if e["entity_id"].startswith("event.")
    }


async def check_button_event(ctx: Context) -> str:
    """A button pressed on the simulated bus arrives as an event entity state.

    CEN buttons cannot be swept, so an integration may only learn a button
    from its first press: the button is pressed again (up to three times)
    until an event entity shows a new event.
    """
    gateway: Any = ctx.stack.gateway
    if not gateway.installation.buttons:
        raise CheckFailedError("the sample installation has no buttons")
    where = gateway.installation.buttons[0].where
    before = await gateway_events(ctx)

    def fired(events: dict[str, str]) -> bool:
        return any(
            state not in ("", "unknown", UNAVAILABLE) and state != before.get(entity)
            for entity, state in events.items()
        )

    for press in range(1, 4):
        await gateway.press_button(where, 0)
        with contextlib.suppress(CheckFailedError):
            events = await wait_until(
                lambda: gateway_events(ctx), fired, 10, "no event entity fired"
            )
            entity = next(e for e, s in events.items() if s != before.get(e))
            attributes = (await ctx.client.states())[entity]["attributes"]
            return f"press {press} of button 0 at {where}: {entity} event_type {attributes.get('event_type')!r}"
    raise CheckFailedError(
        f"no event entity fired after 3 presses of button 0 at {where} "
        f"(event entities: {sorted(await gateway_events(ctx)) or 'none'})"
    )


async def check_gateway_diagnostics(ctx: Context) -> str:
    """The gateway entry's diagnostics download and never show its password."""
    strings = json_strings(
        await download_diagnostics(ctx, ctx.gateway_entry["entry_id"])
    )
    if GATEWAY_PASSWORD in strings:
        raise CheckFailedError("the gateway password is in the diagnostics")
    return f"{len(strings)} values, none of them the password"


ALARM_PANEL = "alarm_control_panel.burglar_alarm"


async def panel_state(ctx: Context) -> str:
    """The alarm panel's state, read over HTTP (``/api/states``)."""
    return str((await ctx.client.states()).get(ALARM_PANEL, {}).get("state", ""))


async def next_state_of(
    changes: asyncio.Queue[Any], entity_id: str, wanted: str, timeout: float
) -> dict[str, Any]:
    """The next state_changed event (WebSocket) of entity_id to state wanted."""
    async with asyncio.timeout(timeout):
        while True:
            event = await changes.get()
            new_state = event["data"].get("new_state") or {}
            if event["data"]["entity_id"] == entity_id and (
                new_state.get("state") == wanted or not wanted
            ):
                return new_state


async def check_alarm_panel(ctx: Context) -> str:
    """The alarm panel shows the central unit's state at start and follows it.

    The state at start is read over HTTP; arming, an intrusion and disarming
    at the simulated keypad must each reach the panel as a state_changed
    event on the WebSocket API.
    """
    gateway: Any = ctx.stack.gateway
    if gateway.installation.alarm is None:
        raise CheckFailedError("the sample installation has no burglar alarm")
    at_start = await wait_until(
        lambda: panel_state(ctx),
        lambda state: state not in ("", UNAVAILABLE, "unknown"),
        20,
        f"{ALARM_PANEL} has no state",
    )
    expected = "armed_away" if gateway.alarm.armed else "disarmed"
    if at_start != expected:
        raise CheckFailedError(f"{ALARM_PANEL} is {at_start!r}, the unit {expected!r}")
    seen = []
    async with ctx.client.subscribe(
        "subscribe_events", event_type="state_changed"
    ) as changes:
        for action, wanted in (
            (gateway.arm_alarm, "armed_away"),
            (lambda: gateway.trigger_alarm(3), "triggered"),
            (gateway.disarm_alarm, "disarmed"),
        ):
            await action()
            try:
                await next_state_of(changes, ALARM_PANEL, wanted, 20)
            except TimeoutError as err:
                raise CheckFailedError(
                    f"{ALARM_PANEL} did not become {wanted!r} (now {await panel_state(ctx)!r})"
                ) from err
            seen.append(wanted)
    return f"{at_start} at start, then {' -> '.join(seen)} over the WebSocket API"


async def check_doorbell_event(ctx: Context) -> str:
    """A bell press on the simulated entrance panel fires its doorbell event once."""
    gateway: Any = ctx.stack.gateway
    if not gateway.installation.entrance_panels:
        raise CheckFailedError("the sample installation has no entrance panel")
    panel = gateway.installation.entrance_panels[0].where
    doorbell = f"event.entrance_panel_{panel}_doorbell"
    async with ctx.client.subscribe(
        "subscribe_events", event_type="state_changed"
    ) as changes:
        await gateway.ring(panel)
        try:
            first = await next_state_of(changes, doorbell, "", 20)
        except TimeoutError as err:
            raise CheckFailedError(f"{doorbell} did not fire") from err
        with contextlib.suppress(TimeoutError):
            again = await next_state_of(changes, doorbell, "", 2)
            raise CheckFailedError(
                f"{doorbell} fired twice for one bell press: {again}"
            )
        await gateway.hang_up()
    attributes = first.get("attributes", {})
    if attributes.get("event_type") != "ring":
        raise CheckFailedError(f"{doorbell} fired {attributes.get('event_type')!r}")
    return f"{doorbell} fired once: event_type 'ring', ring tone {attributes.get('ring_tone')}"
