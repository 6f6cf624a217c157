"""One server, one entry, whatever name reaches it (the probe's part 2).

With ``127.0.0.1:P`` configured, the owserver and the gateway are added
again under other names for the same address. Each attempt must abort as
already configured, create nothing, and leave the existing entries as they
are: same stored data, title and unique id, and no reload (watched through
``config_entries/subscribe``, which reports every state an entry goes
through). Both owserver entries are also reconfigured onto each other's
address, which must be refused the same way.
"""

import asyncio
import socket
from typing import Any

from devstack import GATEWAY_PASSWORD
from probe_flows import FlowTarget, attempt, start_reconfigure_flow, start_user_flow
from probe_support import FAIL, PASS, Probe, reaches_only_this_machine, shown

OTHER_NAMES = (
    "localhost",
    "127.1",
    " 127.0.0.1 ",
    "127.0.0.1",
    "LOCALHOST",
    "localhost.",
    "127.0.0.1.",
    "0x7f.1",
    "2130706433",
    "0.0.0.0",  # noqa: S104 (a host typed into a form, nothing binds)
    "::ffff:127.0.0.1",
)
ALREADY = frozenset({"already_configured", "owserver_already_configured"})
#: The config store is written a moment after a change (ConfigEntries' delay).
STORE_SETTLE = 3.0


def resolves(host: str) -> bool:
    """Whether host names an address here (then the flow must reach the server)."""
    try:
        socket.getaddrinfo(host.strip(), None)
    except (OSError, UnicodeError):
        return False
    return True


def watched(entry: dict[str, Any]) -> dict[str, Any]:
    """What must not change in a stored entry."""
    return {key: entry.get(key) for key in ("data", "title", "unique_id", "options")}


async def collect(queue: asyncio.Queue[Any]) -> list[dict[str, Any]]:
    """Every config entry change reported so far."""
    changes: list[dict[str, Any]] = []
    while not queue.empty():
        event = queue.get_nowait()
        changes.extend(event if isinstance(event, list) else [event])
    return changes


async def probe_duplicates(probe: Probe) -> None:
    """Part 2: the same owserver and gateway under other names."""
    owserver = probe.owserver_entry
    emulated = probe.emulated_entry
    gateway = probe.gateway_entry
    ports = probe.stack.ports
    emulated_port = probe.stack.emulated_owserver.port
    add_owserver = FlowTarget(
        "1-Wire add",
        lambda p: start_user_flow(p, "owserver"),
        lambda _p: {"port": ports.owserver},
        ALREADY,
    )
    add_gateway = FlowTarget(
        "MyHOME add",
        lambda p: start_user_flow(p, "openwebnet"),
        lambda _p: {"port": ports.gateway, "password": GATEWAY_PASSWORD},
        ALREADY,
    )
    attempts = [
        *(
            (add_owserver, f"{shown(name)}:{ports.owserver}", name)
            for name in OTHER_NAMES
        ),
        *(
            (add_gateway, f"{shown(name)}:{ports.gateway}", name)
            for name in OTHER_NAMES
        ),
        *(
            (reconfigure_onto(moved, port), f"{name}:{port}", name)
            for moved, port in ((emulated, ports.owserver), (owserver, emulated_port))
            for name in ("127.0.0.1", "localhost", "127.1")
        ),
    ]

    table = probe.table(
        "2. The same server under another name",
        ["flow", "address typed", "answer", "names the entry"],
    )
    before = probe.stored_entries()
    mark = probe.log.mark()
    async with probe.client.subscribe("config_entries/subscribe") as queue:
        await asyncio.sleep(0.5)
        await collect(queue)  # the list of entries sent on subscribing
        for target, typed, host in attempts:
            port = target.fields(probe)["port"]
            if not reaches_only_this_machine(host, port):
                table.add(target.name, typed, "not sent (another machine)", "")
                continue
            result = await attempt(probe, target, {"host": host})
            placeholders = (
                (result.answer.body or {}).get("description_placeholders") or {}
                if result.answer is not None and isinstance(result.answer.body, dict)
                else {}
            )
            names = placeholders.get("title", "")
            # A name this machine cannot resolve is a form error, rightly.
            verdict = result.verdict
            if resolves(host) != result.cell.startswith("abort:"):
                verdict = FAIL
            table.add(target.name, typed, result.cell, names or "—", verdict=verdict)
        await asyncio.sleep(STORE_SETTLE)
        changes = await collect(queue)
    after = probe.stored_entries()

    summary = probe.table("2b. The existing entries afterwards", ["check", "measured"])
    added = sorted(set(after) - set(before))
    summary.add(
        "entries created",
        ", ".join(after[e]["title"] for e in added) or "none",
        verdict=FAIL if added else PASS,
    )
    for entry in (owserver, emulated, gateway):
        entry_id = entry["entry_id"]
        same = watched(before[entry_id]) == watched(after.get(entry_id, {}))
        summary.add(
            f"'{entry['title']}': stored data, title, unique id",
            "unchanged"
            if same
            else f"{watched(before[entry_id])} → {watched(after.get(entry_id, {}))}",
            verdict=PASS if same else FAIL,
        )
        states = [
            change["entry"]["state"]
            for change in changes
            if change.get("entry", {}).get("entry_id") == entry_id
        ]
        summary.add(
            f"'{entry['title']}': states it went through",
            " → ".join(states) or "none (not reloaded)",
            verdict=FAIL if states else PASS,
        )
    summary.add_log_problems(probe.log.problems_since(mark))


def reconfigure_onto(entry: dict[str, Any], port: int) -> FlowTarget:
    """The reconfigure flow of entry, aimed at another entry's port."""
    return FlowTarget(
        f"reconfigure '{entry['title']}'",
        lambda p: start_reconfigure_flow(p, entry["entry_id"]),
        lambda _p: {"port": port},
        ALREADY,
    )
