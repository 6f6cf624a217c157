"""Probe the integration as a hostile, careful user would, through a real Home Assistant.

Optional and manual (not part of ``script/test``): it runs the e2e stack
(real ``hass``, ``owserver --fake``, the owserver on the emulated 1-Wire bus,
the OpenWebNet gateway simulator as an MH200N, all on free loopback ports),
adds the three peers through the config flow over HTTP, then measures and
prints a Markdown report:

1. hostile hosts, ports and passwords in every flow that takes them (add,
   reconfigure, and the reauth flow Home Assistant opens when the gateway's
   password changes): form errors or HTTP 4xx, never a 500 or a log ERROR;
2. the same owserver and gateway added again under other names: aborted,
   nothing created, the existing entries untouched and not reloaded;
3. gateway reboots of 1-5 s spaced 5-60 s apart: time from the port
   reopening to every MyHOME entity available again, logins per minute;
   owserver kills: time until the 1-Wire entities are back;
4. a non-admin user: ``write`` and ``send_message`` Unauthorized, ``read``
   and ``scan`` allowed; ``write`` to owserver's settings refused;
5. the hass process's memory, file descriptors and sockets around the outages.

It takes about 25 minutes with the defaults (the reboots alone about 13:
their spacing is real time; ``--spacing-scale 0.2`` shortens it, which also
packs more logins into each minute). Exits 1 when any row missed its target.
"""

import argparse
import asyncio
from collections.abc import Awaitable, Callable
import contextlib
import datetime as dt
import importlib.metadata
import importlib.util
from pathlib import Path
import shutil
import signal
import sys
import tempfile
import time

from devstack import GATEWAY_PASSWORD, GATEWAY_PROFILE, Ports, Stack
from e2e_support import UNAVAILABLE, wait_until, wait_until_loaded
from hass_client import HomeAssistantClient
from peer_flows import add_gateway, add_owserver
from probe_access import probe_access
from probe_duplicates import probe_duplicates
from probe_flows import probe_hostile_inputs
from probe_outages import probe_outages
from probe_reauth import probe_reauth
from probe_support import FAIL, HassLog, Probe

OWNER = "probe"
OWNER_PASSWORD = "probe-password"  # noqa: S105 (a throw-away instance on a free port)
START_TIMEOUT = 180.0
PARTS = ("flows", "duplicates", "access", "outages", "reauth")


async def entities_settled(probe: Probe, entry_id: str) -> int:
    """Wait until an entry's available entities stop changing; return how many."""
    counts: list[int] = []

    async def available() -> int:
        entities = await probe.client.ws("config/entity_registry/list")
        states = await probe.client.states()
        count = sum(
            1
            for e in entities
            if e["config_entry_id"] == entry_id
            and not e["disabled_by"]
            and states.get(e["entity_id"], {}).get("state", UNAVAILABLE) != UNAVAILABLE
        )
        counts.append(count)
        return count

    await wait_until(
        available,
        lambda count: count > 0 and counts[-6:] == [count] * 6,
        120,
        f"the entities of {entry_id} did not settle",
    )
    return counts[-1]


async def set_up(probe: Probe) -> str:
    """Onboard, add the three peers, wait for their entities."""
    client = probe.client
    stack = probe.stack
    await client.wait_until_up(START_TIMEOUT, lambda: stack.hass.exit_code is None)
    await client.onboard(OWNER, OWNER_PASSWORD)
    probe.owserver_entry = await add_owserver(client, stack.ports.owserver)
    probe.emulated_entry = await add_owserver(client, stack.emulated_owserver.port)
    probe.gateway_entry = await add_gateway(
        client, stack.ports.gateway, GATEWAY_PASSWORD
    )
    counts = []
    for entry in (probe.owserver_entry, probe.emulated_entry, probe.gateway_entry):
        await wait_until_loaded(
            probe, entry["entry_id"], f"{entry['title']} did not load"
        )
        counts.append(
            f"'{entry['title']}' {await entities_settled(probe, entry['entry_id'])}"
        )
    return "entities available: " + ", ".join(counts)


def header(args: argparse.Namespace, stack: Stack, setup: str) -> str:
    """What was probed, with what."""
    return "\n".join(
        [
            "## onewire_own probe through a real Home Assistant",
            "",
            f"- {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, Home Assistant"
            f" {importlib.metadata.version('homeassistant')}",
            f"- hass on 127.0.0.1:{stack.ports.hass}; owserver --fake on"
            f" {stack.ports.owserver}; owserver on the emulated bus on"
            f" {stack.emulated_owserver.port}; gateway simulator"
            f" ({stack.gateway_profile}, time scale 1) on {stack.ports.gateway}",
            f"- seed {args.seed}; {args.reboots} reboots, spacing x{args.spacing_scale};"
            f" {args.kills} owserver kills; parts: {', '.join(args.parts)}",
            f"- {setup}",
        ]
    )


async def run_parts(probe: Probe, args: argparse.Namespace) -> None:
    """Run the chosen parts in an order where none disturbs the next.

    The outages come before the hostile passwords (whose failed logins arm
    the login guard the entry shares), and the reauth comes last (it
    changes the gateway's password).
    """
    parts: list[tuple[str, Callable[[], Awaitable[None]]]] = [
        ("access", lambda: probe_access(probe)),
        ("duplicates", lambda: probe_duplicates(probe)),
        (
            "outages",
            lambda: probe_outages(
                probe, args.reboots, args.kills, args.spacing_scale, args.seed
            ),
        ),
        ("flows", lambda: probe_hostile_inputs(probe)),
        ("reauth", lambda: probe_reauth(probe)),
    ]
    for name, part in parts:
        if name not in args.parts:
            continue
        began = time.monotonic()
        print(f"[probe] part {name}…", flush=True)
        try:
            await part()
        except Exception as err:  # noqa: BLE001 (a broken part is reported, the rest run)
            table = probe.table(f"part {name} did not finish", ["error"])
            table.add(f"{type(err).__name__}: {err}", verdict=FAIL)
        print(f"[probe] part {name} took {time.monotonic() - began:.0f} s", flush=True)


async def main_async(args: argparse.Namespace) -> int:
    """Start the stack, probe, print the report; always tear down."""
    config_dir = Path(tempfile.mkdtemp(prefix="onewire_own-probe-"))
    ports = Ports.free()
    stack = Stack(
        config_dir,
        ports,
        minimal=True,
        skip_pip=importlib.util.find_spec("hass_frontend") is not None,
        log=lambda text: print(f"[probe] {text}", flush=True),
        gateway_profile=args.gateway_profile,
    )
    main_task = asyncio.current_task()
    assert main_task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    report = ""
    failed = 1
    try:
        async with (
            stack,
            HomeAssistantClient(f"http://127.0.0.1:{ports.hass}") as client,
        ):
            probe = Probe(stack, client, HassLog(stack.hass.log_path))
            setup = await set_up(probe)
            print(f"[probe] {setup}", flush=True)
            await run_parts(probe, args)
            report = "\n\n".join(
                [header(args, stack, setup), *(t.markdown() for t in probe.tables)]
            )
            failures = sum(len(t.failed) for t in probe.tables)
            report += f"\n\n**{failures} row(s) missed their target.**\n"
            failed = 1 if failures else 0
    finally:
        if report:
            print(report)
            if args.report:
                args.report.write_text(report)
        if args.keep:
            print(f"[probe] kept {config_dir}")
        else:
            shutil.rmtree(config_dir, ignore_errors=True)
    return failed


def main() -> int:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reboots", type=int, default=20)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument(
        "--spacing-scale",
        type=float,
        default=1.0,
        help="multiply the 5-60 s between reboots (the downtimes stay real)",
    )
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--parts",
        type=lambda text: [p for p in text.split(",") if p],
        default=list(PARTS),
        help=f"comma-separated subset of {','.join(PARTS)}",
    )
    parser.add_argument("--gateway-profile", default=GATEWAY_PROFILE)
    parser.add_argument("--report", type=Path, help="also write the report here")
    parser.add_argument(
        "--keep", action="store_true", help="keep the config dir and the hass log"
    )
    args = parser.parse_args()
    if unknown := set(args.parts) - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    try:
        return asyncio.run(main_async(args))
    except KeyboardInterrupt:
        print("[probe] interrupted")
        return 130
    except RuntimeError as err:
        print(f"[probe] {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
