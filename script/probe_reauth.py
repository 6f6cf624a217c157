"""The reauth flow, reached as a user reaches it (the probe's part 1, last flow).

The gateway's password is changed on the simulator and the gateway reboots:
the entry's reconnect is refused, and Home Assistant must start a reauth
flow by itself. Every hostile password is typed into that flow (each must be
a form error), then the new password, which must finish it and bring the
entities back. The gateway must never have locked its authentication out:
the login guard stops the third failure in a minute on this side.
"""

import asyncio
import time
from typing import Any

from probe_flows import HOSTILE_PASSWORDS, judge, submit
from probe_support import FAIL, PASS, Probe, shown
from repo import DOMAIN

NEW_PASSWORD = "54321"  # noqa: S105 (the simulated gateway's new password)
#: The login guard remembers failed logins for a minute, per gateway and
#: process-wide (the gateway locks everyone out after three): after the
#: hostile passwords of part 1 it would hold the entry's reconnect back.
LOGIN_GUARD_WINDOW = 61.0
REAUTH_TIMEOUT = 120.0
LOCKED_RETRY = 10.0


async def reauth_flow(probe: Probe, timeout: float) -> dict[str, Any] | None:
    """The reauth flow of the gateway entry, once Home Assistant started it."""
    entry_id = probe.gateway_entry["entry_id"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if flow := await probe.client.flow_in_progress(DOMAIN, "reauth", entry_id):
            return flow
        await asyncio.sleep(1.0)
    return None


async def entry_state_soon(probe: Probe, wanted: str, timeout: float) -> str:
    """The gateway entry's state once it is wanted, or when timeout has passed."""
    deadline = time.monotonic() + timeout
    while True:
        entries = await probe.client.config_entries(DOMAIN)
        state: str = next(
            e["state"]
            for e in entries
            if e["entry_id"] == probe.gateway_entry["entry_id"]
        )
        if state == wanted or time.monotonic() > deadline:
            return state
        await asyncio.sleep(1.0)


async def probe_reauth(probe: Probe) -> None:
    """Change the gateway's password; probe the reauth flow Home Assistant opens."""
    sim = probe.stack.gateway
    table = probe.table(
        "1e. Hostile passwords in the gateway's reauth flow",
        ["password typed", "answer"],
    )
    await asyncio.sleep(LOGIN_GUARD_WINDOW)
    lockouts = sim.counters.lockouts
    mark = probe.log.mark()
    started = time.monotonic()
    sim.change_password(NEW_PASSWORD)
    await sim.reboot(1.0)
    flow = await reauth_flow(probe, REAUTH_TIMEOUT)
    if flow is None:
        table.add(
            "—",
            f"no reauth flow within {REAUTH_TIMEOUT:.0f} s of the password change",
            verdict=FAIL,
        )
        return
    table.notes.append(
        f"Home Assistant opened the reauth flow {time.monotonic() - started:.1f} s"
        " after the password changed."
    )
    for password in HOSTILE_PASSWORDS:
        current = await reauth_flow(probe, 5) or flow
        answer = await submit(probe, current["flow_id"], {"password": password})
        verdict, cell = judge(answer, probe.log.problems_since(mark), frozenset())
        mark = probe.log.mark()
        table.add(shown(password), cell, verdict=verdict)
    finished = None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        current = await reauth_flow(probe, 5)
        if current is None:
            break
        finished = await submit(probe, current["flow_id"], {"password": NEW_PASSWORD})
        if finished.errors.get("base") != "auth_locked":
            break
        await asyncio.sleep(LOCKED_RETRY)
    reason = finished.summary() if finished is not None else "flow gone"
    table.add(
        f"{NEW_PASSWORD!r} (the new password)",
        reason,
        verdict=PASS
        if finished is not None and "reauth_successful" in reason
        else FAIL,
    )
    state = await entry_state_soon(probe, "loaded", 60)
    table.add(
        "entry state afterwards", state, verdict=PASS if state == "loaded" else FAIL
    )
    table.add(
        "gateway lockouts during the reauth",
        sim.counters.lockouts - lockouts,
        verdict=PASS if sim.counters.lockouts == lockouts else FAIL,
    )
