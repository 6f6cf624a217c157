"""The local stack: a real Home Assistant with a real owserver and a gateway simulator.

``script/develop`` runs it in the foreground for a person with a browser;
``script/e2e`` runs it headless on free ports and drives it over HTTP. Both
need the same three peers started in the same way and, above all, stopped
whatever happens: every child runs in its own process group, and ``Stack``
is an async context manager whose exit kills those groups.

- owserver: ``owserver --fake=...`` (Debian package), a representative bus;
- a second owserver (``-d``) on the emulated 1-Wire bus
  (``simulator.onewire`` in a thread of this process, the sample bus of
  ``simulator/onewire_buses``: real conversions, alarms, a coupler), so the
  e2e can change the world on the wire and see it arrive;
- OpenWebNet gateway: ``simulator.openwebnet.GatewaySimulator`` in this
  process (so the e2e can press its buttons and read its bus);
- Home Assistant: ``hass -c <config>`` with the integration symlinked into
  ``<config>/custom_components`` and debug logging for it.
"""

import asyncio
from collections.abc import Callable
import contextlib
import importlib
from pathlib import Path
import shutil
from types import TracebackType
from typing import Any, Self

from hass_config import write_config
from repo import ROOT
from stack_ports import Ports, free_port
from stack_processes import HassProcess, StackOwserver

__all__ = ["ROOT", "Ports", "Stack", "write_config"]

# Temperature (10, 28), switches (12, 29, 3A), counter (1D), coupler (1F),
# battery monitor (26): the set the integration's own tests use.
FAKE_DEVICES = ("10", "28", "12", "1D", "1F", "26", "29", "3A")
SAMPLE_INSTALLATION = ROOT / "simulator" / "installations" / "sample.yaml"
EMULATED_BUS = ROOT / "simulator" / "onewire_buses" / "sample.yaml"
GATEWAY_PASSWORD = "12345"  # noqa: S105 (the simulated gateway's, printed for the user)
#: The gateway the stack simulates by default: an MH200N, among the most common
#: in the field and the most constrained (one command session besides the event
#: session, 150 ms between commands).
GATEWAY_PROFILE = "MH200N"
#: How each simulated model asks for the password: the one-command-session
#: gateways use the legacy numeric OPEN scheme, the others the HMAC handshake.
LEGACY_AUTH_PROFILES = frozenset({"MH200N", "MH201", "MH200"})


def gateway_auth(profile: str) -> str:
    """The simulator's ``auth`` for a profile (the password is digits either way)."""
    return "open" if profile in LEGACY_AUTH_PROFILES else "sha256"


def simulator_module() -> Any | None:
    """``simulator.openwebnet`` when its gateway simulator is there, else None."""
    try:
        module = importlib.import_module("simulator.openwebnet")
    except ImportError:
        return None
    if not hasattr(module, "GatewaySimulator") or not SAMPLE_INSTALLATION.is_file():
        return None
    return module


class Stack:
    """owserver + gateway simulator + Home Assistant, stopped on exit whatever happens."""

    def __init__(
        self,
        config_dir: Path,
        ports: Ports,
        *,
        minimal: bool,
        skip_pip: bool,
        log: Callable[[str], None] = print,
        gateway_profile: str = GATEWAY_PROFILE,
    ) -> None:
        """Describe the stack; enter it (``async with``) to run it."""
        self.config_dir = config_dir
        self.ports = ports
        self.gateway_profile = gateway_profile
        self.minimal = minimal
        self.log = log
        self.owserver = StackOwserver(fake=FAKE_DEVICES, port=ports.owserver)
        # Free ports: the emulated bus is an extra (script/develop prints them).
        self.emulated_owserver = StackOwserver(port=free_port())
        self.emulator: Any | None = None
        self.hass = HassProcess(config_dir, skip_pip=skip_pip)
        self.gateway: Any | None = None
        self.gateway_skip_reason = ""

    def children(self) -> dict[str, int]:
        """The process id of each running child, by name (hass leads its own group)."""
        pids = {
            "hass": self.hass.pid,
            "owserver": self.owserver.pid,
            "owserver (emulated bus)": self.emulated_owserver.pid,
        }
        return {name: pid for name, pid in pids.items() if pid is not None}

    @property
    def has_gateway(self) -> bool:
        """Whether the OpenWebNet simulator runs (it is optional until it lands)."""
        return self.gateway is not None

    async def __aenter__(self) -> Self:
        """Start the peers, then Home Assistant."""
        if busy := self.ports.busy():
            raise RuntimeError(
                f"ports already in use on 127.0.0.1: {busy} (try --port-offset)"
            )
        if shutil.which("owserver") is None and not Path("/usr/bin/owserver").exists():
            raise RuntimeError("owserver is not installed: run script/setup as root")
        write_config(self.config_dir, self.ports.hass, minimal=self.minimal)
        try:
            self.owserver.start()
            self.log(
                f"owserver --fake={','.join(FAKE_DEVICES)} on 127.0.0.1:{self.ports.owserver}"
            )
            await asyncio.to_thread(self._start_emulated_bus)
            await self._start_gateway()
            self.hass.start()
            self.log(f"hass -c {self.config_dir} (log: {self.hass.log_path})")
        except BaseException:
            await self.aclose()
            raise
        return self

    def _start_emulated_bus(self) -> None:
        from simulator.onewire import BusDescription, OneWireEmulator  # noqa: PLC0415

        self.emulator = OneWireEmulator.from_description(
            BusDescription.load(EMULATED_BUS)
        ).start_in_thread()
        self.emulated_owserver.extra_args = ["-d", f"127.0.0.1:{self.emulator.port}"]
        self.emulated_owserver.start(timeout=30)
        self.log(
            f"owserver -d 127.0.0.1:{self.emulator.port} on "
            f"127.0.0.1:{self.emulated_owserver.port}: the emulated 1-Wire bus "
            f"({EMULATED_BUS.relative_to(ROOT)})"
        )

    async def _start_gateway(self) -> None:
        module = simulator_module()
        if module is None:
            self.gateway_skip_reason = (
                "the OpenWebNet simulator (simulator.openwebnet.GatewaySimulator "
                f"and {SAMPLE_INSTALLATION.relative_to(ROOT)}) has not landed yet"
            )
            self.log(f"no gateway simulator: {self.gateway_skip_reason}")
            return
        installation = module.Installation.load(SAMPLE_INSTALLATION)
        profile = self.gateway_profile
        auth = gateway_auth(profile)
        gateway = module.GatewaySimulator(
            installation,
            host="127.0.0.1",
            port=self.ports.gateway,
            password=GATEWAY_PASSWORD,
            auth=auth,
            profile=profile,
        )
        await gateway.start()
        self.gateway = gateway
        self.log(
            f"OpenWebNet simulator ({profile}, {auth}, password "
            f"{GATEWAY_PASSWORD}) with {SAMPLE_INSTALLATION.name} on 127.0.0.1:{self.ports.gateway}"
        )

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop everything, Home Assistant first (it talks to the peers)."""
        await self.aclose()

    async def aclose(self) -> None:
        """Stop Home Assistant, the simulators and the owservers; safe to call twice."""
        # Shielded: a second Ctrl-C must not leave a hass behind.
        await asyncio.shield(asyncio.to_thread(self.hass.stop))
        if self.gateway is not None:
            with contextlib.suppress(Exception):
                await self.gateway.stop()
            self.gateway = None
        self.owserver.stop()
        self.emulated_owserver.stop()
        if self.emulator is not None:
            self.emulator.stop_thread()
            self.emulator = None
