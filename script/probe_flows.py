r"""Hostile input in every config flow that takes a host (the probe's part 1).

Each value is typed into a fresh flow, through the same HTTP endpoints the
frontend uses: the owserver and gateway "add" flows, both reconfigure flows
(and the reauth flow, in ``probe_reauth``). An answer passes when it is a
form error with an English text, an HTTP 4xx, or an abort with a known
reason that created nothing; an HTTP 5xx, a form without an error, a created
entry, an error key without a translation or an ERROR line in the hass log
fail it.

The "add" flows get the real port, so a text that names this machine after
all (``localhost\n``) reaches the server and must be recognised as an entry
that exists; the reconfigure flows get a port nobody listens on, so no
hostile text can move an entry. Texts that name another machine are not sent.
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
import contextlib
from dataclasses import dataclass
import json
from typing import Any

from devstack import GATEWAY_PASSWORD, simulator_module
from probe_support import (
    FAIL,
    PASS,
    Answer,
    Probe,
    reaches_only_this_machine,
    send,
    shown,
    translated_keys,
)
from repo import DOMAIN
from stack_ports import free_port

FLOW_PATH = "/api/config/config_entries/flow"


@dataclass(frozen=True)
class Raw:
    """A value sent as raw JSON text (what json.dumps cannot produce)."""

    text: bytes
    label: str

    def __repr__(self) -> str:
        """The label, for the report."""
        return self.label


HOSTILE_HOSTS: tuple[Any, ...] = (
    "a" * 64,
    "../../etc",
    "",
    " ",
    "😀",
    "1.2.3.4.5",
    "[::1",
    "[::1]",
    "[::1]:20000",
    "http://x",
    "http://127.0.0.1/",
    "127.0.0.1:99999",
    "localhost:4304",
    "a" * 300,
    "a." * 126 + "a",
    "x" * 100_000,
    "\x00",
    "a\x00b",
    "\x01\x1b[31m",
    "\x7f",
    "localhost\n",
    "local\nhost",
    "\t",
    "bücher.invalid",
    "xn--bcher-kva.invalid",
    "xn--",
    "xn--a.invalid",
    "é" * 64,
    "ß" * 70,
    "\u3002\u3002",
    "\u200b",
    "\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54",  # fullwidth
    "-a-.b",
    "a_b",
    ".",
    "..",
    "%00",
    "127.0.0.1%lo",
    "::1%lo",
    "127.0.0.1 127.0.0.1",
    "*99*0##",
    "$(reboot)",
    "<script>alert(1)</script>",
    "{{ states }}",
    "%s%s%n",
    "\\\\server\\share",
    "/etc/passwd",
    "0.0.0.0",  # noqa: S104 (a host typed into a form, nothing binds)
    "::",
    "::1",
    "::ffff:127.0.0.1",
    "0x7f.1",
    "2130706433",
    "127.0.0.1.",
    "LOCALHOST",
    "\ud800",
    Raw(b'"\xff\xfe"', "invalid UTF-8"),
    Raw(b'"\\u0000\\ud800"', "NUL + lone surrogate"),
    123,
    None,
    [],
    {"host": "127.0.0.1"},
    True,
)

HOSTILE_PORTS: tuple[Any, ...] = (
    0,
    -1,
    65536,
    99999,
    10**30,
    "abc",
    "",
    None,
    1.5,
    "1e3",
    True,
    [],
    Raw(b"Infinity", "Infinity"),
    Raw(b"NaN", "NaN"),
    Raw(b"1e999", "1e999"),
)

HOSTILE_PASSWORDS: tuple[Any, ...] = (
    # First: once two wrong passwords have been tried, the login guard answers
    # auth_locked without trying, and a digits-only text this long would not
    # reach the code that turns it into a number.
    "1" * 5000,
    "",
    "abc",
    "a" * 31,
    "12345\n",
    " 12345",
    "*99*0##",
    "12345##",
    "😀",
    "\x00",
    "١٢٣٤٥",
    "-1",
    "1.5",
    "9" * 31,
    "x" * 100_000,
    123,
    None,
    Raw(b'"\xff"', "invalid UTF-8"),
)


@dataclass(frozen=True)
class FlowTarget:
    """A flow that takes a host, and how to open and fill it."""

    name: str
    start: Callable[[Probe], Awaitable[Answer]]
    fields: Callable[[Probe], dict[str, Any]]
    #: Aborts that prove the flow recognised an entry and created nothing.
    aborts: frozenset[str]


async def start_user_flow(probe: Probe, choice: str) -> Answer:
    """The "Add integration" dialog, with choice picked from its menu."""
    menu = await send(
        probe.client,
        "POST",
        FLOW_PATH,
        body={"handler": DOMAIN, "show_advanced_options": False},
    )
    if menu.type != "menu":
        return menu
    return await send(
        probe.client,
        "POST",
        f"{FLOW_PATH}/{menu.body['flow_id']}",
        body={"next_step_id": choice},
    )


async def start_reconfigure_flow(probe: Probe, entry_id: str) -> Answer:
    """The entry's "Reconfigure" dialog."""
    return await send(
        probe.client,
        "POST",
        FLOW_PATH,
        body={"handler": DOMAIN, "entry_id": entry_id, "show_advanced_options": False},
    )


def encode(fields: Mapping[str, Any]) -> bytes:
    """A JSON object whose values may be Raw texts."""
    parts = [
        json.dumps(name).encode()
        + b":"
        + (value.text if isinstance(value, Raw) else json.dumps(value).encode())
        for name, value in fields.items()
    ]
    return b"{" + b",".join(parts) + b"}"


async def submit(probe: Probe, flow_id: str, fields: Mapping[str, Any]) -> Answer:
    """Submit one form of a flow."""
    return await send(
        probe.client, "POST", f"{FLOW_PATH}/{flow_id}", raw=encode(fields)
    )


async def forget_flow(probe: Probe, flow_id: str) -> None:
    """Close a flow that may still wait for input (as closing the dialog does).

    A form answered with HTTP 400 stays open; an open reconfigure flow would
    keep Home Assistant from starting the entry's reauth flow.
    """
    await send(probe.client, "DELETE", f"{FLOW_PATH}/{flow_id}")


@dataclass
class Attempt:
    """One value typed into one flow: the answer and how it is judged."""

    answer: Answer | None
    problems: list[str]
    verdict: str
    cell: str


def judge(
    answer: Answer, problems: list[str], aborts: frozenset[str]
) -> tuple[str, str]:
    """The verdict and the short text of one answer."""
    keys = translated_keys()
    if answer.status >= 500:
        return FAIL, f"**HTTP {answer.status}**"
    if problems:
        return FAIL, f"{answer.summary()} + **log: {problems[0][:80]}**"
    if 400 <= answer.status < 500:
        return PASS, f"HTTP {answer.status}"
    match answer.type:
        case "form" if answer.errors:
            untranslated = set(answer.errors.values()) - keys["error"]
            text = ",".join(sorted(set(answer.errors.values())))
            return (FAIL, f"**{text} (no text)**") if untranslated else (PASS, text)
        case "abort":
            reason = answer.body.get("reason", "")
            ok = reason in aborts and reason in keys["abort"]
            return (PASS, f"abort:{reason}") if ok else (FAIL, f"**abort:{reason}**")
    return FAIL, f"**{answer.summary()}**"


async def attempt(
    probe: Probe, target: FlowTarget, overrides: Mapping[str, Any]
) -> Attempt:
    """Open the flow, submit the fields with overrides, judge, clean up."""
    mark = probe.log.mark()
    form = await target.start(probe)
    if form.type != "form":
        return Attempt(form, [], FAIL, f"**no form: {form.summary()}**")
    answer = await submit(
        probe, form.body["flow_id"], {**target.fields(probe), **overrides}
    )
    problems = probe.log.problems_since(mark)
    verdict, cell = judge(answer, problems, target.aborts)
    if answer.type == "create_entry":
        entry_id = answer.body["result"]["entry_id"]
        await send(
            probe.client, "DELETE", f"/api/config/config_entries/entry/{entry_id}"
        )
        cell += " (entry deleted)"
    await forget_flow(probe, form.body["flow_id"])
    return Attempt(answer, problems, verdict, cell)


def flow_targets(probe: Probe) -> list[FlowTarget]:
    """The four flows that take a host, filled with working values."""
    closed_port = free_port()
    owserver_port = probe.stack.ports.owserver
    gateway_port = probe.stack.ports.gateway
    owserver_entry = probe.owserver_entry["entry_id"]
    gateway_entry = probe.gateway_entry["entry_id"]
    known = frozenset({"already_configured", "owserver_already_configured"})
    return [
        FlowTarget(
            "1-Wire add",
            lambda p: start_user_flow(p, "owserver"),
            lambda _p: {"host": "127.0.0.1", "port": owserver_port},
            known,
        ),
        FlowTarget(
            "1-Wire reconfigure",
            lambda p: start_reconfigure_flow(p, owserver_entry),
            lambda _p: {"host": "127.0.0.1", "port": closed_port},
            frozenset(),
        ),
        FlowTarget(
            "MyHOME add",
            lambda p: start_user_flow(p, "openwebnet"),
            lambda _p: {
                "host": "127.0.0.1",
                "port": gateway_port,
                "password": GATEWAY_PASSWORD,
            },
            known,
        ),
        FlowTarget(
            "MyHOME reconfigure",
            lambda p: start_reconfigure_flow(p, gateway_entry),
            lambda _p: {
                "host": "127.0.0.1",
                "port": closed_port,
                "password": GATEWAY_PASSWORD,
            },
            frozenset(),
        ),
    ]


@contextlib.asynccontextmanager
async def new_gateway() -> AsyncIterator[Any]:
    """A second simulated MH200N (password 12345) on a free port, for one part."""
    module = simulator_module()
    assert module is not None, "the gateway simulator is part of the stack"
    gateway = module.GatewaySimulator(
        module.Installation(), password=GATEWAY_PASSWORD, auth="open", profile="MH200N"
    )
    await gateway.start()
    try:
        yield gateway
    finally:
        await gateway.stop()


def sendable(field: str, value: Any, port: int) -> bool:
    """Whether value may be typed as field (a host must not name another machine)."""
    if field != "host" or not isinstance(value, str):
        return True
    return reaches_only_this_machine(value, port)


async def probe_field(
    probe: Probe,
    field: str,
    values: Iterable[Any],
    targets: list[FlowTarget],
    title: str,
) -> None:
    """One table: each value typed as field into each target flow."""
    table = probe.table(title, ["value", *(t.name for t in targets)])
    for value in values:
        cells: list[str] = []
        verdicts: list[str] = []
        for target in targets:
            port = target.fields(probe).get("port", 0)
            if not sendable(field, value, port):
                cells.append("not sent (another machine)")
                continue
            result = await attempt(probe, target, {field: value})
            cells.append(result.cell)
            verdicts.append(result.verdict)
        table.add(
            shown(value),
            *cells,
            verdict=FAIL if FAIL in verdicts else PASS,
        )


async def probe_hostile_inputs(probe: Probe) -> None:
    """Part 1: hostile hosts, ports and passwords in the add and reconfigure flows."""
    before = probe.stored_entries()
    targets = flow_targets(probe)
    mark = probe.log.mark()
    await probe_field(
        probe, "host", HOSTILE_HOSTS, targets, "1. Hostile hosts in every flow"
    )
    await probe_field(
        probe, "port", HOSTILE_PORTS, targets, "1b. Hostile ports in every flow"
    )
    # A configured gateway's address is recognised before any password is
    # tried: the passwords go to a second gateway, not configured, which
    # asks for the legacy numeric password as the stack's MH200N does.
    async with new_gateway() as other:
        new = FlowTarget(
            "MyHOME add (a new gateway)",
            lambda p: start_user_flow(p, "openwebnet"),
            lambda _p: {"host": "127.0.0.1", "port": other.port},
            frozenset(),
        )
        reconfigure = next(t for t in targets if t.name == "MyHOME reconfigure")
        await probe_field(
            probe,
            "password",
            HOSTILE_PASSWORDS,
            [new, reconfigure],
            "1c. Hostile passwords in the gateway flows",
        )
    after = probe.stored_entries()
    summary = probe.table("1d. After every hostile value", ["check", "measured"])
    summary.add(
        "config entries",
        f"{len(before)} before, {len(after)} after",
        verdict=PASS if before.keys() == after.keys() else FAIL,
    )
    changed = [
        after[entry_id]["title"]
        for entry_id in before
        if entry_id in after and before[entry_id]["data"] != after[entry_id]["data"]
    ]
    summary.add(
        "entries whose data changed",
        ", ".join(changed) or "none",
        verdict=FAIL if changed else PASS,
    )
    summary.add_log_problems(probe.log.problems_since(mark))
