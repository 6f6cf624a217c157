"""What the end-to-end checks share: their context, waiting, and registry lookups.

Kept apart from the checks so that the 1-Wire and MyHOME checks
(``e2e_onewire``, ``e2e_myhome``) read as lists of behaviours.
"""

import asyncio
from collections.abc import Awaitable, Callable
import contextlib
from dataclasses import dataclass, field
import time
from typing import Any

from devstack import Stack
from hass_client import HomeAssistantClient
from peer_flows import DOMAIN

UNAVAILABLE = "unavailable"


class CheckFailedError(AssertionError):
    """A check saw something other than what it expects."""


@dataclass
class Context:
    """What the checks share: the stack, the client, and what earlier checks found."""

    stack: Stack
    client: HomeAssistantClient
    owserver_entry: dict[str, Any] = field(default_factory=dict)
    emulated_entry: dict[str, Any] = field(default_factory=dict)
    gateway_entry: dict[str, Any] = field(default_factory=dict)


async def wait_until[T](
    probe: Callable[[], Awaitable[T]],
    accept: Callable[[T], bool],
    timeout: float,
    what: str,
    nudge: Callable[[], Awaitable[object]] | None = None,
) -> T:
    """Probe until accept(result) or timeout; nudge (e.g. a refresh) between probes."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if accept(result):
            return result
        if time.monotonic() > deadline:
            raise CheckFailedError(
                f"{what} within {timeout:.0f} s; last seen: {str(result)[:300]}"
            )
        if nudge is not None:
            with contextlib.suppress(Exception):
                await nudge()
        await asyncio.sleep(1.0)


# --------------------------------------------------------------- registries
async def entry_entities(ctx: Context, entry_id: str) -> list[dict[str, Any]]:
    """The enabled entity registry entries of a config entry."""
    entities = await ctx.client.ws("config/entity_registry/list")
    return [
        e for e in entities if e["config_entry_id"] == entry_id and not e["disabled_by"]
    ]


async def entry_devices(ctx: Context, entry_id: str) -> list[dict[str, Any]]:
    """The devices of a config entry."""
    devices = await ctx.client.ws("config/device_registry/list")
    return [d for d in devices if entry_id in d["config_entries"]]


async def child_entity_ids(ctx: Context, entry_id: str) -> list[str]:
    """Entities of the devices behind the hub (the 1-Wire devices, not the owserver)."""
    children = {
        d["id"] for d in await entry_devices(ctx, entry_id) if d["via_device_id"]
    }
    return [
        e["entity_id"]
        for e in await entry_entities(ctx, entry_id)
        if e["device_id"] in children
    ]


async def refresh(ctx: Context, entity_ids: list[str]) -> None:
    """Ask Home Assistant to update entities now (homeassistant.update_entity)."""
    await ctx.client.call_service(
        "homeassistant", "update_entity", {"entity_id": entity_ids}
    )


async def wait_until_loaded(ctx: Context, entry_id: str, what: str) -> None:
    """Wait for a config entry to reach the "loaded" state."""
    await wait_until(
        lambda: ctx.client.config_entries(DOMAIN),
        lambda entries: any(
            e["entry_id"] == entry_id and e["state"] == "loaded" for e in entries
        ),
        60,
        what,
    )


# ------------------------------------------------------------- diagnostics
async def download_diagnostics(ctx: Context, entry_id: str) -> Any:
    """The entry's diagnostics as the "Download diagnostics" menu gets them."""
    data = await ctx.client.request("GET", f"/api/diagnostics/config_entry/{entry_id}")
    if not isinstance(data, dict) or "data" not in data:
        raise CheckFailedError(f"unexpected diagnostics: {str(data)[:200]}")
    return data


def json_strings(node: Any) -> list[str]:
    """Every string value in a JSON document."""
    if isinstance(node, dict):
        return [text for value in node.values() for text in json_strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in json_strings(value)]
    return [node] if isinstance(node, str) else []
