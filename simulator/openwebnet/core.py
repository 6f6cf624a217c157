"""The gateway's shared state: what every session of one simulator sees."""

import asyncio
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
        self.lockout = Lockout(
            profile.lockout_failures, profile.lockout_window, profile.lockout_duration
        )
        #: Sessions holding a slot (handshaking or open).
        self.sessions: set[Session] = set()
        self._slot_releases: set[asyncio.TimerHandle] = set()
        #: Cleared while the gateway is half-open.
        self.answering = asyncio.Event()
        self.answering.set()
        self.write_mode = WriteMode.NORMAL
        self.bus = Bus(installation, profile, clock, self.broadcast)

    def free_slots(self) -> int:
        """Slots a new session could take now."""
        held = len(self._slot_releases)
        return self.profile.session_slots - len(self.sessions) - held

    def release_slot(self, session: Session) -> None:
        """The session ended: free its slot, after the profile's delay."""
        if session not in self.sessions:
            return
        self.sessions.discard(session)
        delay = self.profile.slot_release_delay
        if delay > 0:
            # A slot held until the timer fires: the set's size counts them.
            def release() -> None:
                self._slot_releases.discard(timer)

            timer = self.clock.call_later(delay, release)
            self._slot_releases.add(timer)

    def stop(self) -> None:
        """Cancel every timer: the bus's and the held slots'."""
        self.bus.stop()
        for timer in self._slot_releases:
            timer.cancel()
        self._slot_releases.clear()

    def event_sessions(self) -> list[Session]:
        """Open event sessions, oldest first."""
        return sorted(
            (s for s in self.sessions if s.open and s.kind is SessionKind.EVENT),
            key=lambda session: session.id,
        )

    def broadcast(self, frames: Sequence[Frame | str]) -> None:
        """Send events to every open event session (nothing while half-open)."""
        if not frames or not self.answering.is_set():
            return
        for session in self.event_sessions():
            session.queue_events(frames)
