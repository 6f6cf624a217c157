"""``python -m simulator.onewire``: the command line."""

import asyncio
import json
from pathlib import Path
import signal
import subprocess
import sys

import pytest

from simulator.onewire.__main__ import main, parse_arguments, serve

REPOSITORY = Path(__file__).resolve().parents[3]
SAMPLE = REPOSITORY / "simulator" / "onewire_buses" / "sample.yaml"


def test_the_command_line_lists_the_chips_and_stops_on_sigterm() -> None:
    """``listening on HOST:PORT``, one line per chip; SIGTERM exits 0."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "simulator.onewire",
            "--port",
            "0",
            "--bus",
            str(SAMPLE),
        ],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("listening on 127.0.0.1:")
        chips = [process.stdout.readline().split() for _ in range(12)]
        assert ["DS2409", "1F.000000000001"] in chips
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()  # type: ignore[union-attr]
        process.stderr.close()  # type: ignore[union-attr]


def test_a_bad_description_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown model is reported on stderr."""
    path = tmp_path / "bus.yaml"
    path.write_text("devices: [{model: DS0000}]\n")
    assert main(["--port", "0", "--bus", str(path)]) == 2
    assert "unknown chip model" in capsys.readouterr().err


async def test_serve_prints_status_lines(
    socket_enabled: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """--status N prints every chip's state as a JSON line every N seconds."""
    arguments = parse_arguments(
        ["--port", "0", "--bus", str(SAMPLE), "--status", "0.05", "--no-timing"]
    )
    stop = asyncio.Event()
    task = asyncio.create_task(serve(arguments, stop))
    output = ""
    for _ in range(500):
        await asyncio.sleep(0.02)
        output += capsys.readouterr().out
        if '"model": "DS2409"' in output:
            break
    stop.set()
    await asyncio.wait_for(task, 10)
    status = json.loads(
        next(line for line in output.splitlines() if line.startswith("["))
    )
    assert {chip["model"] for chip in status} >= {"DS2409", "DS18B20", "DS2423"}


async def test_serve_without_status_waits_for_stop(socket_enabled: None) -> None:
    """Without --status it just serves until stopped (an empty bus by default)."""
    stop = asyncio.Event()
    task = asyncio.create_task(serve(parse_arguments(["--port", "0"]), stop))
    await asyncio.sleep(0.1)
    stop.set()
    await asyncio.wait_for(task, 10)
