"""Take docs/screenshot.png: a 1-Wire and a MyHOME device page, side by side.

Starts the same stack as script/e2e (headless, free ports, throw-away config),
adds both peers through the config flow, then drives the Debian ``chromium``
package over the DevTools protocol: the access token goes into the
frontend's ``localStorage`` (where the login page would put it), each device
page is opened and captured, and Pillow puts the two captures side by side.

Run: .venv/bin/python script/screenshot.py (needs ``apt-get install chromium``;
the PNG is committed, so CI does not need a browser).
"""

import asyncio
import base64
import contextlib
import io
import itertools
import json
import os
from pathlib import Path
import re
import shutil
import signal
import sys
import tempfile
from typing import Any

import aiohttp
from devstack import GATEWAY_PASSWORD, ROOT, Ports, Stack
from hass_client import CLIENT_ID, HomeAssistantClient
from peer_flows import DOMAIN, add_gateway, add_owserver
from PIL import Image

OUTPUT = ROOT / "docs" / "screenshot.png"
WINDOW = (1000, 760)
PREFERRED = {"DS18B20", "Light 13"}  # a temperature sensor; a dimmer of sample.yaml
SETTLE_SECONDS = 10.0  # the frontend loads its panels lazily
DEVTOOLS_LINE = re.compile(rb"DevTools listening on (ws://\S+)")


class DevTools:
    """The few DevTools protocol commands needed to load a page and capture it."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Talk to one page target."""
        self.ws = ws
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []  # console messages and exceptions

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its result (events are skipped)."""
        message_id = next(self._ids)
        await self.ws.send_json({"id": message_id, "method": method, "params": params})
        while True:
            answer = await self.ws.receive_json(timeout=60)
            if "method" in answer:
                self.events.append(answer)
            if answer.get("id") == message_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result

    async def open(self, url: str) -> None:
        """Navigate and give the frontend time to render."""
        await self.call("Page.navigate", url=url)
        await asyncio.sleep(SETTLE_SECONDS)

    async def capture(self) -> Image.Image:
        """The viewport as an image."""
        shot = await self.call("Page.captureScreenshot", format="png")
        return Image.open(io.BytesIO(base64.b64decode(shot["data"])))


async def start_chromium(profile: Path) -> tuple[asyncio.subprocess.Process, str]:
    """Start headless chromium in its own process group; return it and its DevTools URL."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    process = await asyncio.create_subprocess_exec(
        chromium,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        "about:blank",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,
    )
    assert process.stderr is not None
    while line := await process.stderr.readline():
        if match := DEVTOOLS_LINE.search(line):
            return process, match.group(1).decode()
    raise RuntimeError("chromium did not start its DevTools server")


async def stop_chromium(process: asyncio.subprocess.Process) -> None:
    """Stop chromium and every helper process it started."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signum)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), 10)
            return


async def page_target(session: aiohttp.ClientSession, browser_url: str) -> str:
    """The DevTools URL of chromium's first page."""
    http = browser_url.replace("ws://", "http://").split("/devtools/")[0]
    async with session.get(f"{http}/json/list") as response:
        targets = await response.json()
    url: str = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
    return url


async def device_ids(client: HomeAssistantClient, entries: list[str]) -> list[str]:
    """One device page per kind: the first preferred device found in each entry."""
    devices = await client.ws("config/device_registry/list")
    chosen = []
    for entry_id in entries:
        children = [
            d for d in devices if entry_id in d["config_entries"] and d["via_device_id"]
        ]
        ranked = sorted(
            children,
            key=lambda d: (
                d["model"] not in PREFERRED and d["name"] not in PREFERRED,
                d["name"],
            ),
        )
        chosen.append(ranked[0]["id"])
    return chosen


async def capture_pages(
    client: HomeAssistantClient, base_url: str, paths: list[str]
) -> list[Image.Image]:
    """Log the frontend in with client's tokens and capture each path."""
    profile = Path(tempfile.mkdtemp(prefix="onewire_own-chromium-"))
    process, browser_url = await start_chromium(profile)
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(
                await page_target(session, browser_url), max_msg_size=0
            ) as ws,
        ):
            tools = DevTools(ws)
            await tools.call("Page.enable")
            await tools.call("Runtime.enable")
            await tools.call("Log.enable")
            await tools.call(
                "Emulation.setDeviceMetricsOverride",
                width=WINDOW[0],
                height=WINDOW[1],
                deviceScaleFactor=1,
                mobile=False,
            )
            await tools.open(base_url + "/auth/authorize")
            tokens = {
                **client.tokens,
                "hassUrl": base_url,
                "clientId": CLIENT_ID,
                "expires": "Date.now() + 1800000",
            }
            script = f"localStorage.setItem('hassTokens', JSON.stringify({json.dumps(tokens)}))"
            await tools.call(
                "Runtime.evaluate",
                expression=script.replace(
                    '"Date.now() + 1800000"', "Date.now() + 1800000"
                ),
            )
            images = []
            for path in paths:
                await tools.open(base_url + path)
                images.append(await tools.capture())
            for event in tools.events:
                if event["method"] in {
                    "Runtime.exceptionThrown",
                    "Log.entryAdded",
                    "Runtime.consoleAPICalled",
                }:
                    print("browser:", json.dumps(event["params"])[:1500])
            return images
    finally:
        await stop_chromium(process)
        shutil.rmtree(profile, ignore_errors=True)


def side_by_side(images: list[Image.Image]) -> Image.Image:
    """The captures next to each other, separated by a thin line."""
    gap = 4
    width = sum(image.width for image in images) + gap * (len(images) - 1)
    height = max(image.height for image in images)
    canvas = Image.new("RGB", (width, height), (200, 200, 200))
    x = 0
    for image in images:
        canvas.paste(image, (x, 0))
        x += image.width + gap
    return canvas


async def main_async() -> int:
    """Start the stack, add both peers, capture, write docs/screenshot.png."""
    config_dir = Path(tempfile.mkdtemp(prefix="onewire_own-shot-"))
    ports = Ports.free()
    stack = Stack(config_dir, ports, minimal=True, skip_pip=True)
    base_url = f"http://127.0.0.1:{ports.hass}"
    try:
        async with stack, HomeAssistantClient(base_url) as client:
            await client.wait_until_up(180, lambda: stack.hass.exit_code is None)
            await client.onboard("demo", "demo-password")
            owserver = await add_owserver(client, ports.owserver)
            gateway = await add_gateway(client, ports.gateway, GATEWAY_PASSWORD)
            await asyncio.sleep(10)  # first poll, first sweep
            devices = await device_ids(
                client, [owserver["entry_id"], gateway["entry_id"]]
            )
            images = await capture_pages(
                client, base_url, [f"/config/devices/device/{d}" for d in devices]
            )
    finally:
        shutil.rmtree(config_dir, ignore_errors=True)
    OUTPUT.parent.mkdir(exist_ok=True)
    side_by_side(images).save(OUTPUT, optimize=True)
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({DOMAIN} device pages: {devices})")
    return 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(asyncio.run(main_async()))
