"""What the probe's parts share: raw HTTP answers, the hass log, the report.

The probe (``script/probe.py``) judges answers the way a hostile user sees
them, so it needs what ``HomeAssistantClient.request`` hides: the HTTP
status of a refused request and its body, and what Home Assistant wrote in
its log while it answered.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
import ipaddress
import json
from pathlib import Path
import re
import socket
from typing import Any

from devstack import Stack
from hass_client import HomeAssistantClient
from repo import DOMAIN, ROOT

TRANSLATIONS = ROOT / "custom_components" / DOMAIN / "translations" / "en.json"
# What a log line that must never appear looks like (levels as HA writes them).
PROBLEM = re.compile(r"\b(ERROR|CRITICAL)\b|Traceback \(most recent call last\)")

PASS = "PASS"  # noqa: S105 (a verdict, not a password)
FAIL = "FAIL"
INFO = "info"


@dataclass
class Answer:
    """What Home Assistant answered to one HTTP request."""

    status: int
    body: Any

    @property
    def type(self) -> str:
        """The flow result type (form, abort, create_entry...), or ""."""
        return self.body.get("type", "") if isinstance(self.body, dict) else ""

    @property
    def errors(self) -> dict[str, str]:
        """A flow form's errors."""
        if isinstance(self.body, dict):
            return self.body.get("errors") or {}
        return {}

    def summary(self) -> str:
        """One short line: the status and what the body says."""
        if self.status >= 300:
            message = (
                self.body.get("message", "")
                if isinstance(self.body, dict)
                else str(self.body)
            )
            return f"HTTP {self.status} {message[:60]}".strip()
        match self.type:
            case "form":
                return f"form {self.body.get('step_id')} errors={self.errors}"
            case "abort":
                return f"abort {self.body.get('reason')}"
            case "create_entry":
                return "create_entry"
            case "menu":
                return f"menu {self.body.get('menu_options')}"
        return f"HTTP {self.status}"


async def send(
    client: HomeAssistantClient,
    method: str,
    path: str,
    *,
    body: Any = None,
    raw: bytes | None = None,
    token: str | None = None,
) -> Answer:
    """One request with the client's token (or another); never raises on a status."""
    headers = {"Authorization": f"Bearer {token or client.token}"}
    kwargs: dict[str, Any] = {}
    if raw is not None:
        headers["Content-Type"] = "application/json"
        kwargs["data"] = raw
    elif body is not None:
        kwargs["json"] = body
    async with client.session.request(
        method, client.base_url + path, headers=headers, **kwargs
    ) as response:
        text = await response.text()
        try:
            parsed: Any = json.loads(text) if text else None
        except ValueError:
            parsed = text
        return Answer(response.status, parsed)


class HassLog:
    """The hass process's log: what it wrote since a mark."""

    def __init__(self, path: Path) -> None:
        """Read path (the hass stdout/stderr log of the stack)."""
        self.path = path

    def mark(self) -> int:
        """The current end of the log."""
        return self.path.stat().st_size if self.path.exists() else 0

    def since(self, mark: int) -> list[str]:
        """The lines written after mark."""
        with self.path.open("rb") as log:
            log.seek(mark)
            return log.read().decode(errors="replace").splitlines()

    def problems_since(self, mark: int) -> list[str]:
        """ERROR/CRITICAL lines and tracebacks written after mark."""
        return [line for line in self.since(mark) if PROBLEM.search(line)]


def translated_keys() -> dict[str, set[str]]:
    """The config flow's error and abort keys that have an English text."""
    config = json.loads(TRANSLATIONS.read_text(encoding="utf-8"))["config"]
    return {"error": set(config["error"]), "abort": set(config["abort"])}


def reaches_only_this_machine(host: str, port: int) -> bool:
    """Whether connecting to host:port could only reach this machine.

    The probe types hostile hosts into real flows; a text that names another
    machine (``1.1``, a real domain) must never be sent: only 127.0.0.1 (and
    the local forms ``::1``, ``0.0.0.0``) is a target.
    """
    try:
        infos = socket.getaddrinfo(host.strip(), port, type=socket.SOCK_STREAM)
    except (OSError, ValueError, UnicodeError, OverflowError):
        return True  # nothing to connect to
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        mapped = getattr(address, "ipv4_mapped", None) or address
        if not (mapped.is_loopback or mapped.is_unspecified):
            return False
    return True


def shown(value: Any, width: int = 28) -> str:
    """A value as the report shows it: repr, cut, no table-breaking characters."""
    text = repr(value)
    if len(text) > width:
        text = (
            f"{text[: width - 9]}…({len(value) if hasattr(value, '__len__') else '?'})"
        )
    return text.replace("|", "\\|")


@dataclass
class Row:
    """One measured line of a report table."""

    cells: list[str]
    verdict: str = INFO


@dataclass
class Table:
    """A Markdown table of the report, with a verdict per row."""

    title: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: object, verdict: str = INFO) -> None:
        """Add a row (the verdict is its last column)."""
        self.rows.append(Row([str(cell) for cell in cells], verdict))

    def add_log_problems(self, problems: list[str]) -> None:
        """A row for the ERROR lines Home Assistant logged, the first ones as notes."""
        self.add(
            "ERROR lines / tracebacks in the hass log",
            len(problems),
            *([""] * (len(self.columns) - 2)),
            verdict=FAIL if problems else PASS,
        )
        self.notes += [f"    {line[:200]}" for line in problems[:10]]

    @property
    def failed(self) -> list[Row]:
        """The rows that missed their target."""
        return [row for row in self.rows if row.verdict == FAIL]

    def markdown(self) -> str:
        """The table as Markdown, notes below it."""
        head = [*self.columns, "verdict"]
        lines = [
            f"### {self.title}",
            "",
            "| " + " | ".join(head) + " |",
            "|" + "---|" * len(head),
        ]
        lines += [
            "| " + " | ".join([*row.cells, row.verdict]) + " |" for row in self.rows
        ]
        lines += ["", *self.notes] if self.notes else []
        return "\n".join(lines)


@dataclass
class Probe:
    """What the probe's parts share: the stack, the owner's client, the entries."""

    stack: Stack
    client: HomeAssistantClient
    log: HassLog
    owserver_entry: dict[str, Any] = field(default_factory=dict)
    emulated_entry: dict[str, Any] = field(default_factory=dict)
    gateway_entry: dict[str, Any] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)

    def table(self, title: str, columns: Iterable[str]) -> Table:
        """Start a report table."""
        table = Table(title, list(columns))
        self.tables.append(table)
        return table

    def stored_entries(self) -> dict[str, dict[str, Any]]:
        """The config entries as Home Assistant stored them (data included)."""
        path = self.stack.config_dir / ".storage" / "core.config_entries"
        entries = json.loads(path.read_text())["data"]["entries"]
        return {entry["entry_id"]: entry for entry in entries}
