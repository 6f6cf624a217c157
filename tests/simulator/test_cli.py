"""``python -m simulator.openwebnet`` starts, answers and stops cleanly."""

import asyncio
import json
from pathlib import Path

import pytest

from simulator.openwebnet.__main__ import main, parse_arguments, serve
from tests.peers.gateway import SAMPLE_INSTALLATION, GatewayProcess

from .conftest import ACK, login


async def test_cli_serves_the_installation_with_authentication(
    socket_enabled: None,
) -> None:
    process = GatewayProcess(
        [
            "--password", "12345",
            "--auth", "open",
            "--profile", "MH202",
            "--installation", str(SAMPLE_INSTALLATION),
            "--time-scale", "0.05",  # MH202 pacing 100 ms -> 5 ms
        ]
    )  # fmt: skip
    with process:
        client = await login(process.port, "*99*0##", password="12345")
        assert await client.request("*#1*12##") == ["*1*1*12##", ACK]
        await asyncio.sleep(0.05)  # the gateway's pacing
        assert await client.request("*#13**15##") == ["*#13**15*200##", ACK]
        await client.close()
        assert process.stop() == 0


def test_cli_reports_a_bad_installation_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"lights": [{"name": "no where"}]}))
    assert main(["--port", "0", "--installation", str(broken)]) == 2
    assert "missing where" in capsys.readouterr().err


def test_cli_defaults_to_an_open_f454_on_the_standard_port() -> None:
    arguments = parse_arguments([])
    assert (arguments.port, arguments.auth, arguments.profile) == (
        20000,
        "none",
        "F454",
    )
    assert arguments.installation is None


def test_cli_refuses_a_password_the_scheme_cannot_use(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (
        main(["--port", "0", "--auth", "open", "--password", "letters", "--verbose"])
        == 2
    )
    assert "numeric" in capsys.readouterr().err


async def test_serve_runs_in_process_until_told_to_stop(
    socket_enabled: None, capsys: pytest.CaptureFixture[str]
) -> None:
    stop = asyncio.Event()
    arguments = parse_arguments(
        ["--port", "0", "--installation", str(SAMPLE_INSTALLATION), "--auth", "sha1",
         "--password", "pw"]
    )  # fmt: skip
    server = asyncio.create_task(serve(arguments, stop))
    while "listening" not in (output := capsys.readouterr().out):
        await asyncio.sleep(0.01)
    port = int(output.strip().rsplit(":", 1)[1])
    client = await login(port, "*99*1##", password="pw")
    stop.set()
    await server
    assert await client.closed_by_gateway()
