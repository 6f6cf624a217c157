"""Gateway-wide bookkeeping that sessions share: counters, log, lockout."""

from collections import deque
from dataclasses import dataclass
from enum import StrEnum


class SessionKind(StrEnum):
    """What a client asked a session to be (``*99*0##``/``*99*9##`` or ``*99*1##``)."""

    COMMAND = "command"
    EVENT = "event"


@dataclass(slots=True)
class Counters:
    """What happened since the simulator started (reboots included)."""

    connections: int = 0
    sessions_opened: int = 0
    #: Session requests answered with NACK (bad type, lockout, over the limit).
    sessions_refused: int = 0
    #: Session requests beyond the limit left unanswered.
    sessions_unanswered: int = 0
    failed_logins: int = 0
    lockouts: int = 0
    frames_received: int = 0
    frames_sent: int = 0
    requests: int = 0
    nacks: int = 0
    pacing_violations: int = 0
    #: Events no event session heard (silenced by a session beyond the limit).
    events_lost: int = 0


@dataclass(frozen=True, slots=True)
class ReceivedFrame:
    """One frame text a client sent, in arrival order."""

    session: int
    kind: SessionKind | None
    text: str


class Lockout:
    """Authentication disabled after too many failures in a sliding window."""

    def __init__(self, failures: int, window: float, duration: float) -> None:
        """Lock for ``duration`` after ``failures`` failures within ``window``."""
        self._limit = failures
        self._window = window
        self._duration = duration
        self._failures: deque[float] = deque()
        self.locked_until = float("-inf")

    def locked(self, now: float) -> bool:
        """Whether logins are refused at ``now``."""
        return now < self.locked_until

    def record_failure(self, now: float) -> bool:
        """Count a failed login; True when this one starts a lockout."""
        self._failures.append(now)
        while self._failures and self._failures[0] <= now - self._window:
            self._failures.popleft()
        if len(self._failures) >= self._limit:
            self._failures.clear()
            self.locked_until = now + self._duration
            return True
        return False

    def clear(self) -> None:
        """Forget failures and lift the lockout (a reboot does)."""
        self._failures.clear()
        self.locked_until = float("-inf")
