"""End-to-end check: the integration in a real Home Assistant against real peers.

Starts the stack headless on free ports (a throw-away config dir, a minimal
configuration, no runtime pip installs when the frontend is installed),
completes onboarding and both config flows through Home Assistant's HTTP
API, then checks behaviour through the REST and WebSocket APIs. Each check
prints one ``PASS``/``FAIL``/``SKIP`` line with its name; any FAIL exits 1.
Every process started here is stopped before exiting, even on Ctrl-C.

The MyHOME checks need the OpenWebNet simulator and the MyHOME half of the
integration; until both are there they print SKIP with the reason, unless
``--require-myhome`` is given (then a missing half is a FAIL). The simulator
plays an MH200N (one command session besides the event session, legacy
password) unless ``--gateway-profile`` names another model.
"""

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
import importlib.util
import os
from pathlib import Path
import shutil
import signal
import sys
import tempfile
import time

from devstack import GATEWAY_PROFILE, Ports, Stack
from e2e_myhome import (
    check_alarm_panel,
    check_button_event,
    check_doorbell_event,
    check_gateway_diagnostics,
    check_gateway_flow,
    check_light_turn_on,
    check_myhome_devices,
    myhome_missing,
)
from e2e_onewire import (
    check_emulated_bus_flow,
    check_emulated_temperature,
    check_onewire_devices,
    check_owserver_diagnostics,
    check_owserver_flow,
    check_owserver_options,
    check_owserver_restarted,
    check_owserver_stopped,
    check_temperature,
)
from e2e_support import Context
from hass_client import HomeAssistantClient

E2E_USER = "e2e"
E2E_PASSWORD = "e2e-password"  # noqa: S105 (a throw-away instance on a free port)
START_TIMEOUT = 180.0


@dataclass
class Outcome:
    """One named check and how it ended."""

    name: str
    status: str
    detail: str = ""


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
    emulated = "owserver on the emulated 1-Wire bus: config flow"
    await runner.run(emulated, check_emulated_bus_flow, after=ready)
    await runner.run(
        "emulated bus: a temperature step and ramp reach their sensor",
        check_emulated_temperature,
        after=(emulated,),
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
            "burglar alarm panel at start and after keypad changes (HTTP + WebSocket)",
            check_alarm_panel,
        ),
        (
            "bell press on the entrance panel fires its doorbell event once",
            check_doorbell_event,
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
        gateway_profile=args.gateway_profile,
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
    parser.add_argument(
        "--gateway-profile",
        default=GATEWAY_PROFILE,
        help=f"simulated gateway model (default {GATEWAY_PROFILE}: one command"
        " session besides the event session)",
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
