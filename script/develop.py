"""Run Home Assistant with this integration and both local peers until Ctrl-C.

The first run creates ``config/`` (git-ignored) with ``default_config:``;
Home Assistant installs what default_config needs from PyPI on that first
start, so it takes a while once. Unless ``--manual`` is given, the owner
account is created and both config flows are completed for the local peers
through the same HTTP calls the UI makes, so the devices are there at once.
"""

import argparse
import asyncio
import contextlib
from pathlib import Path
import signal
import sys

from devstack import GATEWAY_PASSWORD, ROOT, Ports, Stack
from hass_client import HomeAssistantClient, HomeAssistantError
from peer_flows import DOMAIN, add_gateway, add_owserver

DEV_USER = "dev"
# A local development instance on 127.0.0.1 only: a known password is the point.
DEV_PASSWORD = "onewire-own"  # noqa: S105
FIRST_START_TIMEOUT = 900.0  # the first start installs default_config's requirements


def _say(text: str) -> None:
    print(f"[develop] {text}", flush=True)


async def _complete_flows(client: HomeAssistantClient, stack: Stack) -> None:
    """Log in (onboarding first if needed) and add the two peers if nothing is there."""
    if not await client.onboarding_done():
        await client.onboard(DEV_USER, DEV_PASSWORD)
        _say(f"onboarding done: user '{DEV_USER}', password '{DEV_PASSWORD}'")
    else:
        await client.login(DEV_USER, DEV_PASSWORD)
    if await client.config_entries(DOMAIN):
        _say("onewire_own entries exist already: not adding the peers again")
        return
    await add_owserver(client, stack.ports.owserver)
    _say(f"added the owserver 127.0.0.1:{stack.ports.owserver}")
    await add_owserver(client, stack.emulated_owserver.port)
    _say(f"added the emulated-bus owserver 127.0.0.1:{stack.emulated_owserver.port}")
    if stack.has_gateway:
        await add_gateway(client, stack.ports.gateway, GATEWAY_PASSWORD)
        _say(f"added the gateway 127.0.0.1:{stack.ports.gateway}")


def _print_instructions(stack: Stack, *, manual: bool) -> None:
    ports = stack.ports
    lines = [
        "",
        f"Home Assistant: http://127.0.0.1:{ports.hass}",
        f"  log in as '{DEV_USER}' / '{DEV_PASSWORD}'"
        if not manual
        else "  create the owner account in the browser",
        "  Settings > Devices & services shows the onewire_own entries.",
        "To add a peer by hand: Settings > Devices & services > Add integration >",
        "  '1-Wire and MyHOME (onewire_own)', then",
        f"  - '1-Wire bus through an owserver': host 127.0.0.1, port {ports.owserver}",
        f"    (the emulated bus: port {stack.emulated_owserver.port})",
    ]
    if stack.has_gateway:
        lines.append(
            f"  - 'MyHOME bus through an OpenWebNet gateway': host 127.0.0.1, "
            f"port {ports.gateway}, password {GATEWAY_PASSWORD}"
        )
    else:
        lines.append(f"  (no gateway simulator: {stack.gateway_skip_reason})")
    lines += [
        f"Home Assistant log: {stack.hass.log_path}",
        "Ctrl-C stops everything.",
        "",
    ]
    print("\n".join(lines), flush=True)


async def run(args: argparse.Namespace) -> int:
    """Start the stack, set it up, wait for Ctrl-C or for hass to exit."""
    ports = Ports.defaults(args.port_offset)
    stack = Stack(args.config, ports, minimal=False, skip_pip=False, log=_say)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with stack, HomeAssistantClient(f"http://127.0.0.1:{ports.hass}") as client:
        _say("waiting for Home Assistant (the first start installs its requirements)")
        waiting = asyncio.create_task(
            client.wait_until_up(
                FIRST_START_TIMEOUT, lambda: stack.hass.exit_code is None
            )
        )
        stopped = asyncio.create_task(stop.wait())
        await asyncio.wait({waiting, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if stop.is_set():
            waiting.cancel()
            return 130
        stopped.cancel()
        await waiting
        if not args.manual:
            try:
                await _complete_flows(client, stack)
            except HomeAssistantError as err:
                _say(f"could not complete the flows automatically: {err}")
        _print_instructions(stack, manual=args.manual)
        while not stop.is_set():
            if (code := stack.hass.exit_code) is not None:
                _say(f"hass exited with {code}; stopping the peers")
                return code or 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)
        _say("stopping")
    return 0


def main() -> int:
    """Parse the arguments and run until Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--port-offset", type=int, default=0, help="add N to 8123, 4304 and 20000"
    )
    parser.add_argument(
        "--manual",
        action="store_true",
        help="leave onboarding and the config flows to the browser",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=ROOT / "config",
        help="Home Assistant config dir (default: config/)",
    )
    args = parser.parse_args()
    try:
        return asyncio.run(run(args))
    except RuntimeError as err:
        print(f"develop: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
