"""The stack's child processes (owserver, hass), and stopping them for sure.

Each child gets SIGTERM if the stack's process dies, even by SIGKILL
(``setpriv --pdeathsig``); hass runs in its own process group, which is
stopped as a whole and waited for.
"""

import contextlib
import os
from pathlib import Path
import shutil
import signal
import subprocess
import time
from typing import override

from repo import ROOT

from tests.peers.owserver import OwserverProcess

HASS = ROOT / ".venv" / "bin" / "hass"
HASS_STOP_TIMEOUT = 30.0
GROUP_EXIT_TIMEOUT = 10.0
# util-linux: a child gets SIGTERM if the stack's own process dies, even by SIGKILL.
SETPRIV = shutil.which("setpriv")


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
