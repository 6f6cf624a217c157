"""The local stack: a real Home Assistant with a real owserver and a gateway simulator.

``script/develop`` runs it in the foreground for a person with a browser;
``script/e2e`` runs it headless on free ports and drives it over HTTP. Both
need the same three peers started in the same way and, above all, stopped
whatever happens: every child runs in its own process group, and ``Stack``
is an async context manager whose exit kills those groups.

- owserver: ``owserver --fake=...`` (Debian package), a representative bus;
- OpenWebNet gateway: ``simulator.openwebnet.GatewaySimulator`` in this
  process (so the e2e can press its buttons and read its bus);
- Home Assistant: ``hass -c <config>`` with the integration symlinked into
  ``<config>/custom_components`` and debug logging for it.
"""

import asyncio
from collections.abc import Callable
import contextlib
from dataclasses import dataclass
import importlib
import json
import os
from pathlib import Path
import shutil
import signal
import socket
import subprocess
import sys
import time
from types import TracebackType
from typing import Any, Self, override

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the simulator and the owserver harness live there
    sys.path.insert(0, str(ROOT))

from homeassistant.components.http import config as http_config  # noqa: E402
from homeassistant.util import dt as dt_util  # noqa: E402

from tests.peers.owserver import OwserverProcess  # noqa: E402

DOMAIN = "onewire_own"
HASS = ROOT / ".venv" / "bin" / "hass"
# Temperature (10, 28), switches (12, 29, 3A), counter (1D), coupler (1F),
# battery monitor (26): the set the integration's own tests use.
FAKE_DEVICES = ("10", "28", "12", "1D", "1F", "26", "29", "3A")
SAMPLE_INSTALLATION = ROOT / "simulator" / "installations" / "sample.yaml"
GATEWAY_PASSWORD = "12345"  # noqa: S105 (the simulated gateway's, printed for the user)
GATEWAY_AUTH = "sha256"
GATEWAY_PROFILE = "F454"
HASS_STOP_TIMEOUT = 30.0
GROUP_EXIT_TIMEOUT = 10.0
# util-linux: hass gets SIGTERM if the stack's own process dies, even by SIGKILL.
SETPRIV = shutil.which("setpriv")


@dataclass(frozen=True, slots=True)
class Ports:
    """The three TCP ports of the stack, all on 127.0.0.1."""

    hass: int
    owserver: int
    gateway: int

    @classmethod
    def defaults(cls, offset: int = 0) -> Self:
        """The well-known ports (8123, 4304, 20000), shifted by offset."""
        return cls(8123 + offset, 4304 + offset, 20000 + offset)

    @classmethod
    def free(cls) -> Self:
        """Three ports nobody listens on right now (for headless runs)."""
        return cls(free_port(), free_port(), free_port())

    def busy(self) -> list[int]:
        """The ports something already listens on."""
        return [
            port
            for port in (self.hass, self.owserver, self.gateway)
            if not port_is_free(port)
        ]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free at the time of the call."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def port_is_free(port: int) -> bool:
    """Whether port can be bound on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


# ------------------------------------------------------------------ config
MINIMAL_CONFIGURATION = """\
# Written by script/e2e: only what the HTTP API and the integration need.
# (The HTTP server's address lives in .storage/http, written by devstack.py.)
onboarding:
config:
api:
websocket_api:
logger: !include logger.yaml
"""
DEVELOP_CONFIGURATION = """\
# Written by the first run of script/develop; edit freely, it is not rewritten.
# logger.yaml is rewritten on every run; the HTTP server's address lives in
# .storage/http (Home Assistant keeps it there since 2026.10; devstack.py sets it).
default_config:
logger: !include logger.yaml
"""


def write_config(config_dir: Path, ports: Ports, *, minimal: bool) -> None:
    """Create or refresh a Home Assistant config dir that loads this integration.

    configuration.yaml is written only once (a developer may edit it); the
    port and logging includes are rewritten every time so that a
    ``--port-offset`` run and a plain run can share one config dir.
    """
    config_dir.mkdir(parents=True, exist_ok=True)
    configuration = config_dir / "configuration.yaml"
    if not configuration.exists():
        configuration.write_text(
            MINIMAL_CONFIGURATION if minimal else DEVELOP_CONFIGURATION
        )
    write_http_store(config_dir, ports.hass)
    (config_dir / "logger.yaml").write_text(
        f"default: {'warning' if minimal else 'info'}\n"
        f"logs:\n  custom_components.{DOMAIN}: debug\n"
        "  homeassistant.setup: info\n"
    )
    link = config_dir / "custom_components" / DOMAIN
    link.parent.mkdir(exist_ok=True)
    target = ROOT / "custom_components" / DOMAIN
    if not link.is_symlink() or link.resolve() != target:
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target, target_is_directory=True)


def write_http_store(config_dir: Path, port: int) -> None:
    """Make Home Assistant listen on 127.0.0.1:port, confirmed, from the first start.

    Since 2026.10 Home Assistant keeps its HTTP settings in ``.storage/http``:
    YAML settings are migrated once into a *pending* trial that the UI must
    confirm within five minutes or they are reverted, and YAML is ignored
    afterwards. A development stack that changes ports between runs sets the
    confirmed (stable) slot directly instead, keeping any other setting.
    """
    store = config_dir / ".storage" / http_config.STORAGE_KEY
    if store.exists():
        data = json.loads(store.read_text())["data"]
    else:
        stable = {
            **http_config.HTTP_STORAGE_SCHEMA({}),
            "created_at": dt_util.utcnow().isoformat(),
        }
        data = {"stable": {**stable, "error": None, "error_message": None}}
    data["stable"].update(server_port=port, server_host=["127.0.0.1"])
    data.update(pending=None, yaml_migration_done=True)
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_text(
        json.dumps(
            {
                "version": http_config.STORAGE_VERSION,
                "minor_version": http_config.STORAGE_MINOR_VERSION,
                "key": http_config.STORAGE_KEY,
                "data": data,
            },
            indent=2,
        )
    )


# --------------------------------------------------------------- processes
def dies_with_us(command: list[str]) -> list[str]:
    """The command, run so that it gets SIGTERM if this process dies (setpriv)."""
    return [SETPRIV, "--pdeathsig", "TERM", *command] if SETPRIV else command


class StackOwserver(OwserverProcess):
    """The test harness's owserver, which also stops if the stack is killed."""

    @override
    def command(self) -> list[str]:
        """The owserver command line, behind setpriv --pdeathsig."""
        return dies_with_us(super().command())

    @property
    def pid(self) -> int | None:
        """The running owserver's process id."""
        return self._process.pid if self._process is not None else None


class HassProcess:
    """``hass -c config_dir`` in its own process group, logging to a file."""

    def __init__(self, config_dir: Path, *, skip_pip: bool) -> None:
        """Describe the process; start() runs it."""
        self.config_dir = config_dir
        self.skip_pip = skip_pip
        self.log_path = config_dir / "hass.out.log"
        self._process: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        """The hass command line."""
        args = [str(HASS), "-c", str(self.config_dir)]
        return dies_with_us([*args, "--skip-pip"] if self.skip_pip else args)

    def start(self) -> None:
        """Start hass; it is ready when its HTTP API answers (see HomeAssistantClient)."""
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(  # noqa: S603 (our own hass)
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
                cwd=ROOT,
            )

    @property
    def pid(self) -> int | None:
        """The process id (also its process group id) while it runs."""
        return self._process.pid if self._process is not None else None

    @property
    def exit_code(self) -> int | None:
        """None while running."""
        return None if self._process is None else self._process.poll()

    def stop(self) -> None:
        """SIGTERM the group (hass saves its state), SIGKILL it if it hangs."""
        if self._process is None:
            return
        stop_process_group(self._process, HASS_STOP_TIMEOUT)
        self._process = None


def stop_process_group(process: subprocess.Popen[bytes], timeout: float) -> None:
    """Terminate a child started with start_new_session=True, and its children."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
    # Anything the child left in its group (hass runs pip, ffmpeg...) goes too,
    # and is waited for: orphans are reaped by init a moment after they die.
    deadline = time.monotonic() + GROUP_EXIT_TIMEOUT
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        time.sleep(0.05)


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
    ) -> None:
        """Describe the stack; enter it (``async with``) to run it."""
        self.config_dir = config_dir
        self.ports = ports
        self.minimal = minimal
        self.log = log
        self.owserver = StackOwserver(fake=FAKE_DEVICES, port=ports.owserver)
        self.hass = HassProcess(config_dir, skip_pip=skip_pip)
        self.gateway: Any | None = None
        self.gateway_skip_reason = ""

    def children(self) -> dict[str, int]:
        """The process id of each running child, by name (hass leads its own group)."""
        pids = {"hass": self.hass.pid, "owserver": self.owserver.pid}
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
        write_config(self.config_dir, self.ports, minimal=self.minimal)
        try:
            self.owserver.start()
            self.log(
                f"owserver --fake={','.join(FAKE_DEVICES)} on 127.0.0.1:{self.ports.owserver}"
            )
            await self._start_gateway()
            self.hass.start()
            self.log(f"hass -c {self.config_dir} (log: {self.hass.log_path})")
        except BaseException:
            await self.aclose()
            raise
        return self

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
        gateway = module.GatewaySimulator(
            installation,
            host="127.0.0.1",
            port=self.ports.gateway,
            password=GATEWAY_PASSWORD,
            auth=GATEWAY_AUTH,
            profile=GATEWAY_PROFILE,
        )
        await gateway.start()
        self.gateway = gateway
        self.log(
            f"OpenWebNet simulator ({GATEWAY_PROFILE}, {GATEWAY_AUTH}, password "
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
        """Stop Home Assistant, the simulator and owserver; safe to call twice."""
        # Shielded: a second Ctrl-C must not leave a hass behind.
        await asyncio.shield(asyncio.to_thread(self.hass.stop))
        if self.gateway is not None:
            with contextlib.suppress(Exception):
                await self.gateway.stop()
            self.gateway = None
        self.owserver.stop()
