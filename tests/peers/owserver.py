"""Start and stop a real OWFS ``owserver --fake=...`` on a free loopback port.

The process is the Debian ``owserver`` package; nothing is mocked. Tests that
need it are skipped (with the reason) when the binary is not installed.
"""

from collections.abc import Iterable
import contextlib
import shutil
import socket
import subprocess
import time
from typing import Self

import pytest

# Captured before pytest-socket replaces socket.socket for the test phase: the
# harness only needs them to pick a port and to wait for the server to listen.
_REAL_SOCKET = socket.socket

OWSERVER = shutil.which("owserver") or (
    "/usr/bin/owserver" if shutil.which("/usr/bin/owserver") else None
)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 nobody listens on right now."""
    with _REAL_SOCKET(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def require_owserver() -> str:
    """Return the owserver binary, or skip the test saying why."""
    if OWSERVER is None:
        pytest.skip("owserver is not installed (script/setup installs it as root)")
    return OWSERVER


class OwserverProcess:
    """One owserver on 127.0.0.1, restartable on the same port."""

    def __init__(
        self,
        fake: Iterable[str] = (),
        tester: Iterable[str] = (),
        port: int | None = None,
        extra_args: Iterable[str] = (),
    ) -> None:
        """Describe the server; call start() to run it."""
        self.fake = list(fake)
        self.tester = list(tester)
        self.extra_args = list(extra_args)
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self._process is not None and self._process.poll() is None

    def command(self) -> list[str]:
        """The owserver command line."""
        args = [require_owserver(), "--foreground", "-p", f"{self.host}:{self.port}"]
        if self.fake:
            args.append(f"--fake={','.join(self.fake)}")
        if self.tester:
            args.append(f"--tester={','.join(self.tester)}")
        return [*args, "--error_level=0", *self.extra_args]

    def start(self, timeout: float = 10.0) -> None:
        """Start owserver and wait until it accepts connections."""
        if self.running:
            return
        self._process = subprocess.Popen(
            self.command(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"owserver exited: {self.command()}")
            with _REAL_SOCKET(socket.AF_INET, socket.SOCK_STREAM) as sock:
                sock.settimeout(0.2)
                if sock.connect_ex((self.host, self.port)) == 0:
                    return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"owserver did not listen on {self.host}:{self.port}")

    def stop(self) -> None:
        """Stop owserver and reap it.

        SIGTERM makes owserver wait for its open persistent connections, so
        it gets one second before SIGKILL.
        """
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=5)
        self._process = None

    def kill(self) -> None:
        """Kill owserver at once (SIGKILL), as a crash or a power cut would."""
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait(timeout=5)
        self._process = None

    def restart(self, fake: Iterable[str] | None = None) -> None:
        """Stop and start again on the same port, optionally with other devices."""
        self.stop()
        if fake is not None:
            self.fake = list(fake)
        self.start()

    def __enter__(self) -> Self:
        """Start on entry."""
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Always stop on exit."""
        with contextlib.suppress(Exception):
            self.stop()
