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
        #: Cleared while the gateway is half-open.
        self.answering = asyncio.Event()
        self.answering.set()
        self.write_mode = WriteMode.NORMAL
        self.bus = Bus(installation, profile, clock, self.broadcast)

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
