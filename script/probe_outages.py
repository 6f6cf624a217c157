"""Outages and leaks (the probe's parts 3 and 5).

Gateway reboots: the simulator closes its port and drops every session for
1-5 real seconds (it runs at time scale 1, so its downtime is wall time),
then listens again; the probe knows to the millisecond when the port
reopened, because the simulator runs in its own event loop. From then it
polls ``GET /api/states`` until every MyHOME entity that was available
before is available again. The simulator dates every login, so the logins
in any 60 s are counted exactly.

owserver kills: SIGKILL, 1-5 s down, started again on the same port (the
port is open when ``start`` returns), then the same wait for the 1-Wire
entities. Before the first outage and after the last, the hass process's
resident memory, open file descriptors, sockets and threads are read from
``/proc``.
"""

import asyncio
import contextlib
from dataclasses import dataclass, field
import os
from pathlib import Path
import random
import statistics
import time
from typing import Self

from e2e_support import UNAVAILABLE
from hass_client import HomeAssistantClient
from probe_support import FAIL, INFO, PASS, Probe

RECOVERY_TARGET = 5.0
LOGINS_PER_MINUTE_TARGET = 10
RECOVERY_TIMEOUT = 180.0
SAMPLE_INTERVAL = 0.15
SETTLE_SECONDS = 20.0


@dataclass
class Sample:
    """One GET /api/states: when it came back and how many entities were down."""

    at: float
    unavailable: int


@dataclass
class AvailabilityWatch:
    """Polls the REST states of some entities in the background."""

    client: HomeAssistantClient
    entity_ids: list[str]
    samples: list[Sample] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Self:
        """Start polling."""
        self._task = asyncio.create_task(self._poll())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Stop polling."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _poll(self) -> None:
        while True:
            states = await self.client.states()
            down = sum(
                states.get(e, {}).get("state", UNAVAILABLE) == UNAVAILABLE
                for e in self.entity_ids
            )
            self.samples.append(Sample(time.monotonic(), down))
            await asyncio.sleep(SAMPLE_INTERVAL)

    def went_down_between(self, start: float, end: float) -> float | None:
        """Seconds from start to the first sample that saw an entity down."""
        for sample in self.samples:
            if start <= sample.at <= end and sample.unavailable:
                return sample.at - start
        return None

    async def all_up_after(self, start: float, timeout: float) -> float | None:
        """Seconds from start to the first later sample with every entity up."""
        deadline = start + timeout
        seen = 0
        while time.monotonic() < deadline:
            for sample in self.samples[seen:]:
                if sample.at > start and not sample.unavailable:
                    return sample.at - start
            seen = len(self.samples)
            await asyncio.sleep(SAMPLE_INTERVAL / 2)
        return None


@dataclass(frozen=True)
class ProcessFigures:
    """What /proc says about one process."""

    rss_mib: float
    fds: int
    sockets: int
    threads: int

    @classmethod
    def of(cls, pid: int) -> ProcessFigures:
        """Read the figures of pid now."""
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
        fields = dict(line.split(":", 1) for line in status if ":" in line)
        fd_dir = Path(f"/proc/{pid}/fd")
        links = []
        for fd in os.listdir(fd_dir):
            try:
                links.append(os.readlink(fd_dir / fd))
            except OSError:
                continue  # closed while listed
        return cls(
            rss_mib=int(fields["VmRSS"].split()[0]) / 1024,
            fds=len(links),
            sockets=sum(link.startswith("socket:") for link in links),
            threads=int(fields["Threads"]),
        )


def most_in_any_minute(stamps: list[float]) -> int:
    """The largest number of stamps within any 60 s."""
    return max((sum(s <= t < s + 60 for t in stamps) for s in stamps), default=0)


async def available_entities(
    probe: Probe, entry_id: str, *, children: bool
) -> list[str]:
    """The entry's enabled entities that are available now (children: behind the hub)."""
    devices = await probe.client.ws("config/device_registry/list")
    hub_children = {
        d["id"]
        for d in devices
        if entry_id in d["config_entries"] and d["via_device_id"]
    }
    entities = await probe.client.ws("config/entity_registry/list")
    states = await probe.client.states()
    return [
        e["entity_id"]
        for e in entities
        if e["config_entry_id"] == entry_id
        and not e["disabled_by"]
        and (not children or e["device_id"] in hub_children)
        and states.get(e["entity_id"], {}).get("state", UNAVAILABLE) != UNAVAILABLE
    ]


def recovery_verdict(recovery: float | None) -> str:
    """PASS within the target."""
    return PASS if recovery is not None and recovery <= RECOVERY_TARGET else FAIL


def recovery_summary(recoveries: list[float]) -> str:
    """Median and worst recovery, against the target."""
    if not recoveries:
        return "—"
    return (
        f"median {statistics.median(recoveries):.2f}, max {max(recoveries):.2f}"
        f" (target ≤ {RECOVERY_TARGET:.0f})"
    )


def seconds(value: float | None) -> str:
    """A duration for the report (— when it never happened)."""
    return "—" if value is None else f"{value:.2f}"


async def gateway_reboots(
    probe: Probe, count: int, spacing_scale: float, rng: random.Random
) -> None:
    """Part 3: reboot the gateway count times; time each recovery, count logins."""
    sim = probe.stack.gateway
    entity_ids = await available_entities(
        probe, probe.gateway_entry["entry_id"], children=False
    )
    table = probe.table(
        f"3. Gateway reboots ({len(entity_ids)} MyHOME entities watched,"
        f" profile {probe.stack.gateway_profile})",
        [
            "#",
            "waited before (s)",
            "down (s)",
            "first unavailable after (s)",
            "available after port reopened (s)",
            "logins until then",
        ],
    )
    first_login = len(sim.logins)
    recoveries: list[float] = []
    async with AvailabilityWatch(probe.client, entity_ids) as watch:
        for number in range(1, count + 1):
            spacing = rng.uniform(5, 60) * spacing_scale
            await asyncio.sleep(spacing)
            downtime = rng.uniform(1, 5)
            logins = len(sim.logins)
            began = time.monotonic()
            await sim.reboot(downtime)
            reopened = time.monotonic()
            recovery = await watch.all_up_after(reopened, RECOVERY_TIMEOUT)
            down = watch.went_down_between(began, reopened + (recovery or 0))
            if recovery is not None:
                recoveries.append(recovery)
            table.add(
                number,
                f"{spacing:.1f}",
                f"{reopened - began:.2f}",
                seconds(down) if down is not None else "never seen",
                seconds(recovery),
                len(sim.logins) - logins,
                verdict=recovery_verdict(recovery),
            )
    logins = sim.logins[first_login:]
    busiest = most_in_any_minute(logins)
    table.add(
        "all",
        "",
        "",
        "",
        recovery_summary(recoveries),
        f"{len(logins)} in all, at most {busiest} in any minute"
        f" (target ≤ {LOGINS_PER_MINUTE_TARGET})",
        verdict=PASS
        if busiest <= LOGINS_PER_MINUTE_TARGET
        and len(recoveries) == count
        and max(recoveries) <= RECOVERY_TARGET
        else FAIL,
    )
    counters = sim.counters
    table.notes.append(
        f"Simulator counters after the reboots: {counters.connections} TCP"
        f" connections, {counters.sessions_opened} sessions opened,"
        f" {counters.sessions_refused} refused, {counters.sessions_unanswered}"
        f" unanswered, {counters.failed_logins} failed logins,"
        f" {counters.lockouts} lockouts."
    )


async def owserver_kills(probe: Probe, count: int, rng: random.Random) -> None:
    """Part 3b: kill owserver count times; time until the 1-Wire entities are back."""
    owserver = probe.stack.owserver
    entity_ids = await available_entities(
        probe, probe.owserver_entry["entry_id"], children=True
    )
    table = probe.table(
        f"3b. owserver killed (SIGKILL) and restarted ({len(entity_ids)} 1-Wire"
        " entities watched, default options)",
        [
            "#",
            "down (s)",
            "first unavailable after (s)",
            "available after port reopened (s)",
        ],
    )
    recoveries: list[float] = []
    async with AvailabilityWatch(probe.client, entity_ids) as watch:
        for number in range(1, count + 1):
            await asyncio.sleep(rng.uniform(5, 15))
            downtime = rng.uniform(1, 5)
            killed = time.monotonic()
            owserver.kill()
            await asyncio.sleep(max(0.0, killed + downtime - time.monotonic()))
            await asyncio.to_thread(owserver.start)
            reopened = time.monotonic()
            recovery = await watch.all_up_after(reopened, RECOVERY_TIMEOUT)
            down = watch.went_down_between(killed, reopened + (recovery or 0))
            if recovery is not None:
                recoveries.append(recovery)
            table.add(
                number,
                f"{reopened - killed:.2f}",
                seconds(down) if down is not None else "never seen",
                seconds(recovery),
                verdict=recovery_verdict(recovery),
            )
    table.add(
        "all",
        "",
        "",
        recovery_summary(recoveries),
        verdict=PASS
        if len(recoveries) == count and max(recoveries) <= RECOVERY_TARGET
        else FAIL,
    )


async def settled_figures(pid: int) -> ProcessFigures:
    """The figures after a quiet moment (timers and sockets of the outage ended)."""
    await asyncio.sleep(SETTLE_SECONDS)
    return ProcessFigures.of(pid)


def leak_table(probe: Probe, before: ProcessFigures, after: ProcessFigures) -> None:
    """Part 5: the hass process before the first outage and after the last."""
    table = probe.table(
        "5. hass process before the first outage and after the last",
        ["figure", "before", "after", "change", "target"],
    )
    growth = after.rss_mib - before.rss_mib
    table.add(
        "resident memory (MiB)",
        f"{before.rss_mib:.1f}",
        f"{after.rss_mib:.1f}",
        f"{growth:+.1f}",
        "< +10 %",
        verdict=PASS if growth < before.rss_mib * 0.10 else FAIL,
    )
    for name, limit in (("fds", 2), ("sockets", 1)):
        old, new = getattr(before, name), getattr(after, name)
        table.add(
            f"open {name}",
            old,
            new,
            f"{new - old:+d}",
            f"≤ +{limit}",
            verdict=PASS if new - old <= limit else FAIL,
        )
    table.add(
        "threads",
        before.threads,
        after.threads,
        f"{after.threads - before.threads:+d}",
        "",
        verdict=INFO,
    )


async def probe_outages(
    probe: Probe, reboots: int, kills: int, spacing_scale: float, seed: int
) -> None:
    """Parts 3 and 5: reboots, kills, and the process figures around them."""
    pid = probe.stack.hass.pid
    assert pid is not None
    rng = random.Random(seed)  # noqa: S311 (a reproducible schedule)
    mark = probe.log.mark()
    before = await settled_figures(pid)
    if reboots:
        await gateway_reboots(probe, reboots, spacing_scale, rng)
    if kills:
        await owserver_kills(probe, kills, rng)
    leak_table(probe, before, await settled_figures(pid))
    probe.tables[-1].add_log_problems(probe.log.problems_since(mark))
