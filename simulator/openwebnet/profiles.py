"""Gateway models: the limits and habits that differ from one gateway to another.

Numbers come from PROTOCOLS.md §2 (session slots, pacing, the ~105 s
event-session silence timeout, the 60 s lockout after 3 failures in 60 s).
Where the facts leave a choice open, the choice is written next to the field.
Every duration is in gateway seconds and goes through the simulator's clock,
so ``time_scale`` shortens them all at once; to change one, derive a profile::

    fast_silence = dataclasses.replace(PROFILES["F454"], event_silence_timeout=2.0)
"""

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, kw_only=True)
class GatewayProfile:
    """One gateway model as the simulator plays it."""

    name: str
    #: ``*#13**15##`` answer. The only official table (2006) predates these
    #: models; 200 is what F454 and MH202 report in the field, 4 an MH200N.
    #: The code does not identify a modern gateway on its own.
    model_id: int
    firmware: tuple[int, int, int]
    #: Concurrent sessions, command and event alike (PROTOCOLS.md §2).
    session_slots: int
    #: Minimum gateway seconds between two requests on one command session.
    pacing: float
    #: A request arriving before ``pacing_tolerance * pacing`` has elapsed is
    #: refused unexecuted; the slack absorbs loopback jitter for clients that
    #: pace exactly at ``pacing``.
    pacing_tolerance: float = 0.8
    #: What a too-early request gets: busy NACK ``*#*6##`` (newer gateways)
    #: or plain NACK ``*#*0##`` (older ones).
    busy_nack: bool
    #: Whether ``*99*9##`` opens a command session; older gateways NACK it and
    #: close, so clients fall back to ``*99*0##``.
    accepts_new_command_session: bool = True
    #: Command sessions idle for this long are closed.
    command_idle_timeout: float
    #: Event sessions that hear nothing from the client for this long are closed.
    event_silence_timeout: float | None = 105.0
    #: Any session older than this is closed (None: no limit).
    max_session_age: float | None = None
    #: Period of the unsolicited ``*#13**22*...##`` date/time broadcast.
    datetime_broadcast: float | None = None
    #: Status requests answered with NACK ("sweeps they don't support").
    unsupported_requests: frozenset[str] = frozenset({"*#16*0##"})
    #: Failed handshakes within ``lockout_window`` that lock authentication.
    lockout_failures: int = 3
    lockout_window: float = 60.0
    lockout_duration: float = 60.0
    #: How long a client may take over each handshake step, in wall seconds:
    #: the one duration ``time_scale`` leaves alone, so that a fast simulation
    #: on a busy machine does not fail logins.
    handshake_timeout: float = 30.0
    #: Whether burglar-alarm (WHO 5) frames reach the event sessions and its
    #: status requests are answered: openHAB's README says a MyHOMEServer1
    #: does not send alarm messages.
    forwards_alarm: bool = True
    #: Whether door-entry commands (WHO 8: door lock, staircase light) are
    #: carried out; the firmware emulation shows MyHOMEServer1 and MH200N NACK
    #: every WHO 8 frame (no door-entry service). Calls are reported anyway.
    door_entry_commands: bool = True
    #: How long a slot stays taken after its session ends. Gateways are slow
    #: to free slots, which is why reconnecting in a tight loop exhausts them;
    #: off by default, set it to test a client's backoff.
    slot_release_delay: float = 0.0


PROFILES: Final[dict[str, GatewayProfile]] = {
    profile.name: profile
    for profile in (
        GatewayProfile(
            name="MyHOMEServer1",
            model_id=200,
            firmware=(2, 3, 8),
            session_slots=4,
            pacing=0.02,
            busy_nack=True,
            command_idle_timeout=180.0,
            max_session_age=58 * 60.0,
            datetime_broadcast=30.0,
            forwards_alarm=False,
            door_entry_commands=False,
        ),
        GatewayProfile(
            name="F454",
            model_id=200,
            firmware=(2, 0, 51),
            session_slots=4,
            pacing=0.05,
            busy_nack=True,
            command_idle_timeout=120.0,
        ),
        GatewayProfile(
            name="MH202",
            model_id=200,
            firmware=(1, 0, 21),
            session_slots=2,
            pacing=0.1,
            busy_nack=False,
            command_idle_timeout=60.0,
            datetime_broadcast=30.0,
        ),
        GatewayProfile(
            name="MH200N",
            model_id=4,
            firmware=(1, 2, 3),
            session_slots=1,
            pacing=0.15,
            busy_nack=False,
            accepts_new_command_session=False,
            command_idle_timeout=30.0,
            datetime_broadcast=30.0,
            unsupported_requests=frozenset({"*#16*0##", "*#4*0##"}),
            door_entry_commands=False,
        ),
    )
}


def profile_named(name: str) -> GatewayProfile:
    """The built-in profile called ``name`` (case-insensitive)."""
    for profile in PROFILES.values():
        if profile.name.lower() == name.lower():
            return profile
    raise ValueError(f"unknown gateway profile {name!r}; known: {', '.join(PROFILES)}")
