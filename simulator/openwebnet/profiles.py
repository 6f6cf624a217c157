"""Gateway models: the limits and habits that differ from one gateway to another.

Numbers come from PROTOCOLS.md §2 (session counts, pacing, the ~105 s
event-session silence timeout, the 60 s lockout after 3 failures in 60 s) and,
per model, from public captures noted next to each value. Where the facts
leave a choice open, the choice is written next to the field. Every duration
is in gateway seconds and goes through the simulator's clock, so
``time_scale`` shortens them all at once; to change one, derive a profile::

    fast_silence = dataclasses.replace(PROFILES["F454"], event_silence_timeout=2.0)
"""

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final


class OverLimit(StrEnum):
    """What a gateway does with a session beyond its limit."""

    #: Greets, then never answers the session request (what the field reports).
    SILENCE = "silence"
    #: Answers the session request with NACK and closes (a tidier gateway; for
    #: clients that must handle both).
    NACK = "nack"


@dataclass(frozen=True, kw_only=True)
class GatewayProfile:
    """One gateway model as the simulator plays it."""

    name: str
    #: ``*#13**15##`` answer. The only official table (2006) predates these
    #: models; modern ones share codes (200 is answered by MyHOMEServer1,
    #: F454, F461, MH202 and MH201), so the code alone rarely names a model.
    model_id: int
    firmware: tuple[int, int, int]
    #: Concurrent command sessions (``*99*0##``/``*99*9##``), counted apart
    #: from the event sessions (PROTOCOLS.md §2).
    command_sessions: int
    #: Concurrent event (monitor) sessions: one on every known model.
    event_sessions: int = 1
    #: What a session beyond ``command_sessions``/``event_sessions`` gets.
    over_limit: OverLimit = OverLimit.SILENCE
    #: Whether an unanswered session beyond the limit makes the event sessions
    #: go quiet while it is held (MH200N, OpenWebNet-HA/MyHOME #425). Events
    #: that happen meanwhile are lost, not delayed: choice made here, the
    #: field report only says the event session goes quiet.
    over_limit_silences_events: bool = False
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
    #: How long a session's place stays taken after the session ends.
    #: Gateways are slow to free them, which is why reconnecting in a tight
    #: loop exhausts them; off by default, set it to test a client's backoff.
    slot_release_delay: float = 0.0


#: A gateway that also NACKs the thermoregulation sweep (PROTOCOLS.md §2
#: names ``*#4*0##`` among the sweeps some gateways refuse, not which ones;
#: played by the oldest design, the MH200, so clients meet it somewhere).
_NO_THERMO_SWEEP: Final = frozenset({"*#16*0##", "*#4*0##"})

# 200 and firmware 2.0.51: MyHOME issue #453 and #466 sweeps.
_F454: Final = GatewayProfile(
    name="F454",
    model_id=200,
    firmware=(2, 0, 51),
    command_sessions=4,
    pacing=0.05,
    busy_nack=True,
    command_idle_timeout=120.0,
)

# 44 and firmware 1.1.8: MyHOME issue #466 sweep (an older write-up says an
# MH200N answers 4, the MH200's code); that sweep asked *#4*0## and zone
# values followed. Idle command sessions closed after ~30 s (MyHOME PR #381).
_MH200N: Final = GatewayProfile(
    name="MH200N",
    model_id=44,
    firmware=(1, 1, 8),
    command_sessions=1,
    over_limit_silences_events=True,
    pacing=0.15,
    busy_nack=False,
    accepts_new_command_session=False,
    command_idle_timeout=30.0,
    datetime_broadcast=30.0,
    # No door-entry service (firmware emulation); the MH200 derived from it
    # is assumed alike.
    door_entry_commands=False,
)

PROFILES: Final[dict[str, GatewayProfile]] = {
    profile.name: profile
    for profile in (
        GatewayProfile(
            # 200 and firmware 2.87.13: OpenWebNet-HA/MyHOME PR #420 trace.
            # Idle command sessions closed after ~30 s (MyHOME PR #381).
            name="MyHOMEServer1",
            model_id=200,
            firmware=(2, 87, 13),
            command_sessions=4,
            pacing=0.02,
            busy_nack=True,
            command_idle_timeout=30.0,
            max_session_age=58 * 60.0,
            datetime_broadcast=30.0,
            forwards_alarm=False,
            door_entry_commands=False,
        ),
        _F454,
        # No capture of an F455's WHO 13 answers is public: all as the F454.
        replace(_F454, name="F455"),
        # 200 and firmware 2.0.11: MyHOME issue #466 F461 sweep; habits as the
        # F454 (not measured).
        replace(_F454, name="F461", firmware=(2, 0, 11)),
        GatewayProfile(
            # 200 and firmware 1.0.21: MyHOME PR #420 sweep.
            name="MH202",
            model_id=200,
            firmware=(1, 0, 21),
            command_sessions=2,
            pacing=0.1,
            busy_nack=False,
            command_idle_timeout=60.0,
            datetime_broadcast=30.0,
        ),
        GatewayProfile(
            # 200 and firmware 3.6.27: MyHOME mh201_physical_plant
            # diagnostics. Idle command sessions closed after ~150-180 s
            # (MyHOME PR #381). Legacy session types as the MH200N (assumed).
            name="MH201",
            model_id=200,
            firmware=(3, 6, 27),
            command_sessions=1,
            pacing=0.1,
            busy_nack=False,
            accepts_new_command_session=False,
            command_idle_timeout=150.0,
        ),
        _MH200N,
        # 4 (the 2006 table's MH200) and firmware 2.1.0: a live MH200 quoted
        # in OWNd's profiles; other habits as the MH200N, but no report of
        # its event session going quiet past the limit.
        replace(
            _MH200N,
            name="MH200",
            model_id=4,
            firmware=(2, 1, 0),
            over_limit_silences_events=False,
            unsupported_requests=_NO_THERMO_SWEEP,
        ),
    )
}


def profile_named(name: str) -> GatewayProfile:
    """The built-in profile called ``name`` (case-insensitive)."""
    for profile in PROFILES.values():
        if profile.name.lower() == name.lower():
            return profile
    raise ValueError(f"unknown gateway profile {name!r}; known: {', '.join(PROFILES)}")
