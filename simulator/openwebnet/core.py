"""The gateway's shared state: what every session of one simulator sees."""

import asyncio
from collections import Counter
from collections.abc import Sequence

from custom_components.onewire_own.openwebnet.frames import Frame

from .bus import Bus, Request
from .clock import Clock
from .handshake import AuthMode
from .installation import Installation
from .profiles import GatewayProfile
from .runtime import Counters, Lockout, ReceivedFrame, SessionKind
from .session import Session
from .wire import WriteMode


class GatewayCore:
    """Profile, bus, sessions, counters and fault switches of one gateway."""

    def __init__(
        self,
        installation: Installation,
        profile: GatewayProfile,
        clock: Clock,
        auth: AuthMode,
        password: str,
    ) -> None:
        """Assemble a gateway that is answering and has no sessions yet."""
        self.profile = profile
        self.clock = clock
        self.auth = auth
        self.password = password
        self.counters = Counters()
        self.received: list[ReceivedFrame] = []
        self.requests_log: list[Request] = []
        #: Gateway time of every login (a session that opened), in order.
        self.logins: list[float] = []
        self.lockout = Lockout(
            profile.lockout_failures, profile.lockout_window, profile.lockout_duration
        )
        #: Sessions holding a place (handshaking or open), each of one kind.
        self.sessions: set[Session] = set()
        #: Places of ended sessions not freed yet (``slot_release_delay``).
        self._held: Counter[SessionKind] = Counter()
        self._releases: set[asyncio.TimerHandle] = set()
        #: Connections beyond the limit the gateway leaves unanswered.
        self.unanswered: set[Session] = set()
        #: Cleared while the gateway is half-open.
        self.answering = asyncio.Event()
        self.answering.set()
        self.write_mode = WriteMode.NORMAL
        self.bus = Bus(installation, profile, clock, self.broadcast)

    def limit(self, kind: SessionKind) -> int:
        """How many sessions of ``kind`` the gateway holds at once."""
        if kind is SessionKind.EVENT:
            return self.profile.event_sessions
        return self.profile.command_sessions

    def room_for(self, kind: SessionKind) -> bool:
        """Whether a new session of ``kind`` fits under the gateway's limit."""
        taken = sum(session.kind is kind for session in self.sessions)
        return taken + self._held[kind] < self.limit(kind)

    def release(self, session: Session) -> None:
        """The session ended: free its place, after the profile's delay."""
        self.unanswered.discard(session)
        if session not in self.sessions:
            return
        self.sessions.discard(session)
        delay = self.profile.slot_release_delay
        kind = session.kind
        if delay <= 0 or kind is None:
            return
        self._held[kind] += 1

        def free() -> None:
            self._held[kind] -= 1
            self._releases.discard(timer)

        timer = self.clock.call_later(delay, free)
        self._releases.add(timer)

    def stop(self) -> None:
        """Cancel every timer: the bus's and the held places'."""
        self.bus.stop()
        for timer in self._releases:
            timer.cancel()
        self._releases.clear()
        self._held.clear()

    @property
    def events_silenced(self) -> bool:
        """Whether event sessions are quiet (a session beyond the limit is held)."""
        return bool(self.unanswered) and self.profile.over_limit_silences_events

    def event_sessions(self) -> list[Session]:
        """Open event sessions, oldest first."""
        return sorted(
            (s for s in self.sessions if s.open and s.kind is SessionKind.EVENT),
            key=lambda session: session.id,
        )

    def broadcast(self, frames: Sequence[Frame | str]) -> None:
        """Send events to every open event session (nothing while half-open).

        While a session beyond the limit silences them (MH200N), the events
        are lost: counted in ``events_lost``, written to no one.
        """
        if not frames or not self.answering.is_set():
            return
        if self.events_silenced:
            self.counters.events_lost += len(frames)
            return
        for session in self.event_sessions():
            session.queue_events(frames)
