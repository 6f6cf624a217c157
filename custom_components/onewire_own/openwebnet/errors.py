"""Exceptions of the openwebnet package, named after what went wrong."""


class OpenWebNetError(Exception):
    """Base class of every error raised by the openwebnet package."""


class FrameParseError(OpenWebNetError, ValueError):
    """Text that is not an OpenWebNet frame (outside the grammar in ``frames``)."""


class FrameTooLongError(FrameParseError):
    """A peer sent more bytes than any frame can hold without ending a frame."""


class OpenWebNetConnectionError(OpenWebNetError):
    """The gateway could not be reached, stopped answering or closed the session."""


class OpenWebNetInvalidHostError(OpenWebNetConnectionError):
    """An address no connection can be made to; nothing was sent anywhere.

    An empty host, a name the resolver refuses to encode (a label longer than
    63 characters, an empty label as in ``../etc``), a port out of range.
    """


class SessionSlotsExhaustedError(OpenWebNetConnectionError):
    """The gateway refused a session at start: its sessions are all taken.

    A gateway holds a few command sessions (4 on an F454, 2 on an MH202, 1 on
    an MH201 or MH200N) plus one event session, shared by every client (MyHOME
    apps, other programs). ``granted`` is how many sessions opened before the
    refusal, ``asked`` how many the client needs (its command sessions plus
    the event session).
    """

    def __init__(self, message: str, *, granted: int, asked: int) -> None:
        """Describe the refusal: granted sessions of the asked ones."""
        super().__init__(message)
        self.granted = granted
        self.asked = asked


class OpenWebNetAuthError(OpenWebNetError):
    """The gateway refused the password (or the handshake did not verify)."""


class OpenWebNetLockedError(OpenWebNetAuthError):
    """Another attempt now could make the gateway lock authentication out.

    The gateway disables authentication for 60 s after 3 failed handshakes in
    60 s; the client refuses to make a third failed attempt itself.
    """


class InvalidSession(OpenWebNetError):  # noqa: N818 - name from the seed design
    """The session is of the wrong type for the call, or not started."""


class UnsupportedAuthError(OpenWebNetError):
    """The gateway asked for an authentication scheme the client does not know."""


class OpenWebNetCommandError(OpenWebNetError):
    """The gateway answered a command or request with NACK.

    ``frame`` is the wire text of the refused frame (empty when unknown).
    """

    def __init__(self, message: str, *, frame: str = "") -> None:
        """Describe the refusal of frame."""
        super().__init__(message)
        self.frame = frame


class PositionUnknownError(OpenWebNetError):
    """A basic shutter cannot go to a position: where it is, or how fast it moves, is unknown.

    Nothing was sent. A full travel (open or close to the end stop) gives the
    position; the travel times are the program's configuration.
    """


class AlarmNotControllableError(OpenWebNetError):
    """The burglar alarm cannot do this: no auxiliary command is set for it.

    The central unit takes no arm or disarm command from an OpenWebNet
    client; it acts on the auxiliary channels it was programmed for, and the
    program owning the alarm item says which (``configure_arming``). Nothing
    was sent. ``action`` is ``arm_away``, ``arm_home`` or ``disarm``.
    """

    def __init__(self, message: str, *, action: str) -> None:
        """Describe what cannot be done."""
        super().__init__(message)
        self.action = action
