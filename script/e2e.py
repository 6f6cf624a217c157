"""End-to-end check: the integration in a real Home Assistant against real peers.

Starts the stack headless on free ports (a throw-away config dir, a minimal
configuration, no runtime pip installs when the frontend is installed),
completes onboarding and both config flows through Home Assistant's HTTP
API, then checks behaviour through the REST and WebSocket APIs. Each check
prints one ``PASS``/``FAIL``/``SKIP`` line with its name; any FAIL exits 1.
Every process started here is stopped before exiting, even on Ctrl-C.

The MyHOME checks need the OpenWebNet simulator and the MyHOME half of the
integration; until both are there they print SKIP with the reason, unless
``--require-myhome`` is given (then a missing half is a FAIL).
"""

import argparse
import asyncio
from collections.abc import Awaitable, Callable
import contextlib
from dataclasses import dataclass, field
import importlib.util
import json
import os
from pathlib import Path
import shutil
import signal
import sys
import tempfile
import time
from typing import Any

from devstack import GATEWAY_PASSWORD, ROOT, Ports, Stack
from hass_client import HomeAssistantClient
from peer_flows import DOMAIN, add_gateway, add_owserver

E2E_USER = "e2e"
E2E_PASSWORD = "e2e-password"  # noqa: S105 (a throw-away instance on a free port)
START_TIMEOUT = 180.0
POLL_INTERVAL_SECONDS = (
    5  # set through the options flow so the availability checks are quick
)
UNAVAILABLE = "unavailable"
MYHOME_PLATFORM_FILES = ("light.py", "event.py")


class CheckFailedError(AssertionError):
    """A check saw something other than what it expects."""


@dataclass
class Outcome:
    """One named check and how it ended."""

    name: str
    status: str
    detail: str = ""


@dataclass
class Context:
    """What the checks share: the stack, the client, and what earlier checks found."""

    stack: Stack
    client: HomeAssistantClient
    owserver_entry: dict[str, Any] = field(default_factory=dict)
    gateway_entry: dict[str, Any] = field(default_factory=dict)


async def wait_until[T](
    probe: Callable[[], Awaitable[T]],
    accept: Callable[[T], bool],
    timeout: float,
    what: str,
    nudge: Callable[[], Awaitable[object]] | None = None,
) -> T:
    """Probe until accept(result) or timeout; nudge (e.g. a refresh) between probes."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if accept(result):
            return result
        if time.monotonic() > deadline:
            raise CheckFailedError(
                f"{what} within {timeout:.0f} s; last seen: {str(result)[:300]}"
            )
        if nudge is not None:
            with contextlib.suppress(Exception):
                await nudge()
        await asyncio.sleep(1.0)


# --------------------------------------------------------------- registries
async def entry_entities(ctx: Context, entry_id: str) -> list[dict[str, Any]]:
    """The enabled entity registry entries of a config entry."""
    entities = await ctx.client.ws("config/entity_registry/list")
    return [
        e for e in entities if e["config_entry_id"] == entry_id and not e["disabled_by"]
    ]


async def entry_devices(ctx: Context, entry_id: str) -> list[dict[str, Any]]:
    """The devices of a config entry."""
    devices = await ctx.client.ws("config/device_registry/list")
    return [d for d in devices if entry_id in d["config_entries"]]


async def child_entity_ids(ctx: Context, entry_id: str) -> list[str]:
    """Entities of the devices behind the hub (the 1-Wire devices, not the owserver)."""
    children = {
        d["id"] for d in await entry_devices(ctx, entry_id) if d["via_device_id"]
    }
    return [
        e["entity_id"]
        for e in await entry_entities(ctx, entry_id)
        if e["device_id"] in children
    ]


async def refresh(ctx: Context, entity_ids: list[str]) -> None:
    """Ask Home Assistant to update entities now (homeassistant.update_entity)."""
    await ctx.client.call_service(
        "homeassistant", "update_entity", {"entity_id": entity_ids}
    )


async def wait_until_loaded(ctx: Context, entry_id: str, what: str) -> None:
    """Wait for a config entry to reach the "loaded" state."""
    await wait_until(
        lambda: ctx.client.config_entries(DOMAIN),
        lambda entries: any(
            e["entry_id"] == entry_id and e["state"] == "loaded" for e in entries
        ),
        60,
        what,
    )


# ------------------------------------------------------------ 1-Wire checks
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


# ------------------------------------------------------------ MyHOME checks
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
        *((f"9-{spec.channel}", "switch") for spec in installation.aux),
        *((f"18-{spec.where}", "sensor") for spec in installation.energy_meters),
        *((f"25-{spec.where}", "binary_sensor") for spec in installation.contacts),
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
    states = await ctx.client.states()
    # A button has no state before its first press; a basic shutter reports
    # "stopped", not where it stopped, until it is moved: both may be unknown.
    may_be_unknown = ("event.", "cover.")
    not_ready = [
        e
        for e in entity_ids
        if states.get(e, {}).get("state") in (None, UNAVAILABLE)
        or (states[e]["state"] == "unknown" and not e.startswith(may_be_unknown))
    ]
    if not_ready:
        raise CheckFailedError(f"entities without a state: {not_ready}")
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


async def download_diagnostics(ctx: Context, entry_id: str) -> Any:
    """The entry's diagnostics as the "Download diagnostics" menu gets them."""
    data = await ctx.client.request("GET", f"/api/diagnostics/config_entry/{entry_id}")
    if not isinstance(data, dict) or "data" not in data:
        raise CheckFailedError(f"unexpected diagnostics: {str(data)[:200]}")
    return data


def json_strings(node: Any) -> list[str]:
    """Every string value in a JSON document."""
    if isinstance(node, dict):
        return [text for value in node.values() for text in json_strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in json_strings(value)]
    return [node] if isinstance(node, str) else []


async def check_owserver_diagnostics(ctx: Context) -> str:
    """The owserver entry's diagnostics download, with its devices in them."""
    text = json.dumps(await download_diagnostics(ctx, ctx.owserver_entry["entry_id"]))
    families = [f for f in ctx.stack.owserver.fake if f"{f}." not in text]
    if families:
        raise CheckFailedError(f"no device of families {families} in the diagnostics")
    return f"{len(text)} bytes, every fake family listed"


async def check_gateway_diagnostics(ctx: Context) -> str:
    """The gateway entry's diagnostics download and never show its password."""
    strings = json_strings(
        await download_diagnostics(ctx, ctx.gateway_entry["entry_id"])
    )
    if GATEWAY_PASSWORD in strings:
        raise CheckFailedError("the gateway password is in the diagnostics")
    return f"{len(strings)} values, none of them the password"


# ------------------------------------------------------------------ runner
class Runner:
    """Run named checks in order, each once, and remember how they ended."""

    def __init__(self, ctx: Context) -> None:
        """Checks share ctx."""
        self.ctx = ctx
        self.outcomes: list[Outcome] = []

    def passed(self, name: str) -> bool:
        """Whether the check called name passed."""
        return any(o.name == name and o.status == "PASS" for o in self.outcomes)

    def report(self, outcome: Outcome) -> None:
        """Print and remember an outcome."""
        self.outcomes.append(outcome)
        print(
            f"{outcome.status} {outcome.name}"
            + (f": {outcome.detail}" if outcome.detail else ""),
            flush=True,
        )

    async def run(
        self,
        name: str,
        check: Callable[[Context], Awaitable[str]],
        *,
        after: tuple[str, ...] = (),
        skip: str = "",
    ) -> None:
        """Run one check unless skipped or a check it builds on failed."""
        if skip:
            self.report(Outcome(name, "SKIP", skip))
            return
        if failed := [n for n in after if not self.passed(n)]:
            self.report(
                Outcome(name, "FAIL", f"not run: {', '.join(failed)} did not pass")
            )
            return
        try:
            detail = await check(self.ctx)
        except Exception as err:  # noqa: BLE001 (every failure is reported by name)
            self.report(Outcome(name, "FAIL", f"{type(err).__name__}: {err}"))
        else:
            self.report(Outcome(name, "PASS", detail))


async def run_checks(
    stack: Stack, client: HomeAssistantClient, require_myhome: bool
) -> list[Outcome]:
    """Onboard, add both peers, and run every check."""
    runner = Runner(Context(stack, client))

    async def start(_ctx: Context) -> str:
        began = time.monotonic()
        await client.wait_until_up(START_TIMEOUT, lambda: stack.hass.exit_code is None)
        return f"HTTP API up in {time.monotonic() - began:.1f} s"

    async def onboard(_ctx: Context) -> str:
        await client.onboard(E2E_USER, E2E_PASSWORD)
        return "owner created, core config, analytics and integration steps done"

    await runner.run("Home Assistant starts", start)
    await runner.run(
        "onboarding through /api/onboarding", onboard, after=("Home Assistant starts",)
    )
    ready = ("onboarding through /api/onboarding",)
    owserver = "owserver config flow"
    await runner.run(owserver, check_owserver_flow, after=ready)
    await runner.run("owserver options flow", check_owserver_options, after=(owserver,))
    await runner.run(
        "1-Wire devices and entities with states",
        check_onewire_devices,
        after=(owserver,),
    )
    await runner.run(
        "1-Wire temperature reaches its sensor", check_temperature, after=(owserver,)
    )
    await runner.run(
        "diagnostics of the owserver download",
        check_owserver_diagnostics,
        after=(owserver,),
    )
    await runner.run(
        "owserver stopped: its entities become unavailable",
        check_owserver_stopped,
        after=(owserver,),
    )
    await runner.run(
        "owserver restarted: its entities come back",
        check_owserver_restarted,
        after=("owserver stopped: its entities become unavailable",),
    )

    missing = myhome_missing(stack)
    skip = "" if require_myhome or not missing else f"MyHOME check skipped: {missing}"
    gateway = "gateway config flow"
    if require_myhome and missing:
        runner.report(Outcome(gateway, "FAIL", f"required but {missing}"))
        return runner.outcomes
    await runner.run(gateway, check_gateway_flow, after=ready, skip=skip)
    for name, check in (
        ("MyHOME devices and entities with states", check_myhome_devices),
        (
            "light turned on from Home Assistant changes the simulated bus",
            check_light_turn_on,
        ),
        (
            "button pressed on the bus arrives as an event entity state",
            check_button_event,
        ),
        (
            "diagnostics of the gateway download without its password",
            check_gateway_diagnostics,
        ),
    ):
        await runner.run(name, check, after=(gateway,), skip=skip)
    return runner.outcomes


def left_behind(children: dict[str, int]) -> Outcome:
    """The last check: every child, and hass's whole process group, is gone."""
    alive = []
    for name, pid in children.items():
        probes = [os.kill] if name != "hass" else [os.kill, os.killpg]
        for probe in probes:
            try:
                probe(pid, 0)  # signal 0 only asks whether the target exists
            except ProcessLookupError:
                continue
            alive.append(f"{name} ({probe.__name__} {pid})")
    detail = (
        f"still running: {', '.join(alive)}"
        if alive
        else ", ".join(children) + " stopped"
    )
    outcome = Outcome("no process left behind", "FAIL" if alive else "PASS", detail)
    print(f"{outcome.status} {outcome.name}: {outcome.detail}", flush=True)
    return outcome


async def main_async(args: argparse.Namespace) -> int:
    """Run the stack and the checks; always tear down."""
    began = time.monotonic()
    config_dir = Path(tempfile.mkdtemp(prefix="onewire_own-e2e-"))
    ports = Ports.free()
    # Without the frontend package hass would install it from PyPI (slow) or,
    # with --skip-pip, start in recovery mode without custom integrations.
    skip_pip = importlib.util.find_spec("hass_frontend") is not None
    stack = Stack(
        config_dir,
        ports,
        minimal=True,
        skip_pip=skip_pip,
        log=lambda t: print(f"[e2e] {t}", flush=True),
    )
    main_task = asyncio.current_task()
    assert main_task is not None
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, main_task.cancel)
    outcomes: list[Outcome] = []
    try:
        async with (
            stack,
            HomeAssistantClient(f"http://127.0.0.1:{ports.hass}") as client,
        ):
            outcomes = await run_checks(stack, client, args.require_myhome)
            children = stack.children()
        outcomes.append(left_behind(children))
    finally:
        if args.keep:
            print(f"[e2e] kept {config_dir}")
        else:
            log = config_dir / "hass.out.log"
            if any(o.status == "FAIL" for o in outcomes) and log.exists():
                print("[e2e] last lines of the Home Assistant log:")
                print("\n".join(log.read_text(errors="replace").splitlines()[-40:]))
            shutil.rmtree(config_dir, ignore_errors=True)
    failed = [o for o in outcomes if o.status == "FAIL"]
    skipped = [o for o in outcomes if o.status == "SKIP"]
    passed = len(outcomes) - len(failed) - len(skipped)
    print(
        f"[e2e] {passed} passed, {len(failed)} failed, {len(skipped)} skipped "
        f"in {time.monotonic() - began:.0f} s"
    )
    return 1 if failed or not outcomes else 0


def main() -> int:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--require-myhome",
        action="store_true",
        help="fail instead of skipping the MyHOME checks",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary config dir and its log"
    )
    args = parser.parse_args()
    try:
        return asyncio.run(main_async(args))
    except KeyboardInterrupt:
        print("[e2e] interrupted")
        return 130
    except RuntimeError as err:
        print(f"[e2e] {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
