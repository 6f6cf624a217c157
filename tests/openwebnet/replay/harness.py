"""Replay captured gateway traffic through the real client against the simulator.

A capture (``captures/<name>.txt``) is a sequence of frames copied from a
public trace of a real gateway, each with its time and direction; its header
names the source (repository, path, commit) and the gateway model::

    # source: OpenWebNet-HA/MyHOME tests/fixtures/traces/issue_445/....json
    # commit: e1923d2b4eaec8d49241ffe2a87c3ad5f3d04690
    # model: MyHomeServer1; seven advanced actuators ...
    # note: what part of the file, and what happened
    # columns: seconds from the first frame, rx or tx, frame
       0.000 rx *2*11#100#001#1*0##
       8.917 rx *2*10#001#1*0##

``rx`` frames are what the gateway said: ``Replay`` sends them on the
simulator's event sessions (``sim.emit``, or ``sim.on_bus`` so the simulated
actuators follow them too), and the client under test handles them as it
would the real gateway's. ``tx`` frames are what the capturing client sent:
a test maps the ones it cares about to an action of the client under test
(``zone.set_set_point(20.0)``), and the replay checks that the client put the
same frame on a command session; the others (another client's polls) are
skipped and listed in ``skipped``. Time is scaled (``time_scale``) and every
gap capped (``max_gap``), so minutes of capture take a fraction of a second
and keep their order and relative spacing where it matters.

``settle()`` returns once the client has handled everything sent so far and
no light sweep is pending: a CEN press on ``MARKER_WHERE`` travels behind the
replayed frames and is waited for.
"""

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final, Self

from custom_components.onewire_own.openwebnet.frames import parse_frame
from custom_components.onewire_own.openwebnet.gateway import Gateway
from custom_components.onewire_own.openwebnet.items import (
    ButtonAction,
    ButtonPressed,
    Item,
    ItemEvent,
)
from simulator.openwebnet import GatewaySimulator, SessionKind

CAPTURES: Final = Path(__file__).parent / "captures"
#: A CEN control no installation has: its presses mark how far the client read.
MARKER_WHERE: Final = "9999"
HEADER_KEYS: Final = ("source", "commit", "model")

type Action = Callable[[], Awaitable[object]]


class Direction(StrEnum):
    """Who sent a captured frame."""

    RX = "rx"  # the gateway, to the capturing client
    TX = "tx"  # the capturing client, to the gateway


@dataclass(frozen=True, slots=True)
class Step:
    """One captured frame: seconds from the first frame, direction, text."""

    at: float
    direction: Direction
    text: str


@dataclass(frozen=True, slots=True)
class Capture:
    """A captured sequence and where it comes from."""

    name: str
    source: str
    commit: str
    model: str
    notes: tuple[str, ...]
    steps: tuple[Step, ...]

    @classmethod
    def load(cls, name: str) -> Self:
        """Read ``captures/<name>.txt``."""
        return cls.read(CAPTURES / f"{name}.txt")

    @classmethod
    def read(cls, path: Path) -> Self:
        """Read a capture file; ValueError when it is not a capture."""
        name = path.stem
        header: dict[str, str] = {}
        notes: list[str] = []
        steps: list[Step] = []
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if line.startswith("#"):
                key, _, value = line[1:].strip().partition(": ")
                if key == "note":
                    notes.append(value)
                else:
                    header[key] = value
                continue
            at, direction, text = line.split()
            step = Step(float(at), Direction(direction), text)
            if steps and step.at < steps[-1].at:
                raise ValueError(f"{name}:{number}: time goes back")
            parse_frame(text)  # FrameParseError for anything that is not a frame
            steps.append(step)
        missing = [key for key in HEADER_KEYS if not header.get(key)]
        if missing or not steps:
            raise ValueError(f"{name}: no {missing or 'frames'}")
        return cls(
            name,
            header["source"],
            header["commit"],
            header["model"],
            tuple(notes),
            tuple(steps),
        )

    @property
    def duration(self) -> float:
        """Seconds from the first frame to the last."""
        return self.steps[-1].at


class Replay:
    """Plays a capture to a client (``Gateway``) through a simulator."""

    def __init__(
        self,
        sim: GatewaySimulator,
        gateway: Gateway,
        capture: Capture,
        *,
        time_scale: float = 0.01,
        max_gap: float = 0.05,
        on_bus: bool = False,
    ) -> None:
        """Describe the replay; nothing is sent before ``play``.

        Args:
            sim: the simulator the client is connected to.
            gateway: the client under test.
            capture: what to play.
            time_scale: wall seconds per captured second.
            max_gap: longest wall wait between two frames.
            on_bus: the simulated bus follows the rx commands (``sim.on_bus``)
                instead of only passing them on (``sim.emit``); the
                installation then needs the captured actuators.

        """
        self.sim = sim
        self.gateway = gateway
        self.capture = capture
        self._time_scale = time_scale
        self._max_gap = max_gap
        self._send = sim.on_bus if on_bus else sim.emit
        self._next = 0
        self._marks = 0
        #: tx steps no action was given for (another client's requests).
        self.skipped: list[Step] = []

    @property
    def finished(self) -> bool:
        """Whether every step was played."""
        return self._next >= len(self.capture.steps)

    async def play(
        self, until: float | None = None, *, actions: Mapping[str, Action] | None = None
    ) -> None:
        """Play the steps up to ``until`` captured seconds (all by default), then settle.

        ``actions`` maps a captured tx frame to what the client under test
        does at that point; the client must send that same frame.
        """
        actions = actions or {}
        steps = self.capture.steps
        loop = asyncio.get_running_loop()
        start = loop.time()
        wall = 0.0
        previous = steps[self._next].at if not self.finished else 0.0
        while not self.finished and (until is None or steps[self._next].at <= until):
            step = steps[self._next]
            wall += min((step.at - previous) * self._time_scale, self._max_gap)
            previous = step.at
            await asyncio.sleep(max(0.0, start + wall - loop.time()))
            if step.direction is Direction.RX:
                await self._send(step.text)
            elif step.text in actions:
                await self._act(step, actions[step.text])
            else:
                self.skipped.append(step)
            self._next += 1
        await self.settle()

    async def _act(self, step: Step, action: Action) -> None:
        """Run the client's action; it must send what the captured client sent."""
        before = len(self.sim.received)
        await action()
        sent = [
            frame.text
            for frame in self.sim.received[before:]
            if frame.kind is SessionKind.COMMAND
        ]
        if step.text not in sent:
            raise AssertionError(
                f"{self.capture.name} at {step.at} s: the captured client sent "
                f"{step.text}, the client under test sent {sent}"
            )

    async def settle(self, timeout: float = 5.0) -> None:
        """Wait until the client handled everything sent and no light sweep is pending."""
        async with asyncio.timeout(timeout):
            while True:
                await self.sim.wait_until(
                    lambda: not self.gateway.light_sweep_pending, timeout=timeout
                )
                await self._barrier()
                if not self.gateway.light_sweep_pending:
                    return

    async def _barrier(self) -> None:
        """Send a marker press behind everything else and wait until it is handled."""
        self._marks += 1
        pressed = ButtonPressed(self._marks % 32, ButtonAction.PRESSED)
        seen = asyncio.Event()

        def on_event(item: Item, event: ItemEvent) -> None:
            del item
            if event == pressed:
                seen.set()

        marker = self.gateway.get_item(15, MARKER_WHERE)
        remove = marker.add_callback(on_event)
        try:
            await self.sim.emit(f"*15*{pressed.button:02d}*{MARKER_WHERE}##")
            await seen.wait()
        finally:
            remove()
