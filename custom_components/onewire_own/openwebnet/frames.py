"""The OpenWebNet frame model: typed frames, a parser for the whole grammar, the builder.

Every frame is an immutable value; ``frame.build()`` (or ``str(frame)``) gives
its wire text and ``parse_frame(text)`` gives the frame back, so
``parse_frame(frame.build()) == frame`` and ``parse_frame(text).build() ==
text`` for every frame. The parser knows no WHO: it reads the *shape* of a
frame, so a system this package has no item for (burglar alarm, door entry,
sound) still parses to a typed frame an item can match on later.

The grammar (what real gateways send, see ``tests/openwebnet/corpus``)::

    frame  = "*" first *("*" field) "##"   ; and no "###" at the end
    first  = "#" / ["#"] group          ; never empty
    field  = ["#"] [group]              ; may be empty: *5*1*##, *#13**16##
    group  = 1*DIGIT *("#" 1*DIGIT)     ; 12, 12#4#01, 1#1#4, 1200#1

Only text outside it raises ``FrameParseError``: another character, no
leading ``*``, no trailing ``##``, ``##`` inside (two frames), an empty first
field, an empty ``#`` parameter (``12#``), or a last field ``#`` (the frame
would end ``###``, which a byte stream cuts one ``#`` earlier). Inside it
every text parses: the shapes below give typed frames (WHO, WHAT and WHERE of
any length; WHAT, WHERE and the dimension may carry ``#`` parameters), and
everything else a ``GenericFrame`` that keeps its fields:

=========================  =================================================
``*#*1##``                 ``Ack``
``*#*0##``                 ``Nack``
``*#*6##``                 ``BusyNack``
``*W*WHAT##``              ``Command``, no WHERE (``where=None``): ``*6*9##``
``*W*WHAT*WHERE##``        ``Command``; WHERE may be empty: ``*5*1*##``
``*W*WHAT*WHERE*F…##``     ``Command`` with ``extra_fields``: ``*6*9**##``
``*#W*WHERE##``            ``StatusRequest``
``*#W*WHERE*D##``          ``DimensionRequest``
``*#W*WHERE*D*V…##``       ``DimensionReply`` (answer or event)
``*#W*WHERE*#D*V…##``      ``DimensionWrite`` (also echoed by gateways)
``*99*S##``                ``SessionRequest`` (0/9 command, 1 event)
``*98*A##``                ``HashOffer`` (1 SHA-1, 2 SHA-256; never a Command)
``*#DIGITS##``             ``AuthValue`` (nonce, OPEN answer, HMAC digest)
``*#RB*H1##``              ``AuthProof`` (HMAC client nonce and digest)
anything else              ``GenericFrame`` (``*1##``, ``*#*2##``, ``*98*02##``)
=========================  =================================================

Typed frames hold W as an int, so W is digits without a leading zero and at
most four digits (WHO 1001 and 1013 exist; Rb of ``*#RB*H1##`` has 80 or
128); WHAT is digits (``05`` stays ``05``) with ``#`` parameters; D is
digits with ``#`` parameters (``*#18*51*1200#1*0##``); values V are digits
or empty. A frame breaking one of these is a ``GenericFrame``.
"""

from dataclasses import dataclass, field
import re
from typing import Final, override

from .errors import FrameParseError
from .splitter import FrameSplitter
from .where import Where, WhereKind

__all__ = [
    "ACK",
    "BUSY_NACK",
    "NACK",
    "Ack",
    "AuthProof",
    "AuthValue",
    "BusyNack",
    "Command",
    "DimensionReply",
    "DimensionRequest",
    "DimensionWrite",
    "Frame",
    "FrameParseError",
    "FrameSplitter",
    "GenericFrame",
    "HashOffer",
    "SessionRequest",
    "StatusRequest",
    "Where",
    "WhereKind",
    "parse_frame",
]

SESSION_WHO: Final = 99
HASH_OFFER_WHO: Final = 98
_HANDSHAKE_WHO: Final = frozenset({SESSION_WHO, HASH_OFFER_WHO})
MAX_WHO_DIGITS: Final = 4


class Frame:
    """Base of every frame: a value that knows its wire text."""

    __slots__ = ()

    def build(self) -> str:
        """Return the frame's wire text (``*...##``)."""
        raise NotImplementedError

    @override
    def __str__(self) -> str:
        return self.build()


@dataclass(frozen=True, slots=True)
class Ack(Frame):
    """ACK ``*#*1##``: the request succeeded (or, from a client, "accepted")."""

    @override
    def build(self) -> str:
        return "*#*1##"


@dataclass(frozen=True, slots=True)
class Nack(Frame):
    """NACK ``*#*0##``: the request was refused or is not supported."""

    @override
    def build(self) -> str:
        return "*#*0##"


@dataclass(frozen=True, slots=True)
class BusyNack(Frame):
    """Busy NACK ``*#*6##``: the gateway could not serve the request right now."""

    @override
    def build(self) -> str:
        return "*#*6##"


ACK: Final = Ack()
NACK: Final = Nack()
BUSY_NACK: Final = BusyNack()


@dataclass(frozen=True, slots=True)
class Command(Frame):
    """``*WHO*WHAT[#par…][*WHERE[#par…]]##``: do something, or the event it was done.

    ``where`` is None when the frame has no WHERE field at all (``*6*9##``,
    ``*7*120##``) and ``Where("")`` when the field is there but empty
    (``*5*1*##``); ``extra_fields`` are the fields some systems send after
    WHERE (``*6*9**##`` has one, empty). Both keep the exact wire text.

    Raises:
        ValueError: the values would build another frame's text: fields after
            a missing WHERE, or WHO 98/99 with a bare WHAT and no WHERE (that
            is the handshake's ``HashOffer``/``SessionRequest``).

    """

    who: int
    what: str
    what_params: tuple[str, ...]
    where: Where | None
    extra_fields: tuple[str, ...] = field(default=(), kw_only=True)

    def __post_init__(self) -> None:
        """One value, one wire text: refuse values whose text parses as another."""
        if self.where is None:
            if self.extra_fields:
                raise ValueError("a command with fields after WHERE needs a WHERE")
            if self.who in _HANDSHAKE_WHO and not self.what_params:
                raise ValueError(f"*{self.who}*{self.what}## is a handshake frame")

    @override
    def build(self) -> str:
        what = (
            "#".join((self.what, *self.what_params)) if self.what_params else self.what
        )
        if self.where is None:
            return f"*{self.who}*{what}##"
        if self.extra_fields:
            extra = "*".join(self.extra_fields)
            return f"*{self.who}*{what}*{self.where.format()}*{extra}##"
        return f"*{self.who}*{what}*{self.where.format()}##"


@dataclass(frozen=True, slots=True)
class StatusRequest(Frame):
    """``*#WHO*WHERE##``: ask for the state of WHERE (``0`` sweeps the bus)."""

    who: int
    where: Where

    @override
    def build(self) -> str:
        return f"*#{self.who}*{self.where.format()}##"


@dataclass(frozen=True, slots=True)
class DimensionRequest(Frame):
    """``*#WHO*WHERE*DIM[#par…]##``: ask for one dimension (a measured value)."""

    who: int
    where: Where
    dimension: str
    dimension_params: tuple[str, ...] = field(default=(), kw_only=True)

    @override
    def build(self) -> str:
        dimension = _with_params(self.dimension, self.dimension_params)
        return f"*#{self.who}*{self.where.format()}*{dimension}##"


@dataclass(frozen=True, slots=True)
class DimensionReply(Frame):
    """``*#WHO*WHERE*DIM[#par…]*V1*…*Vn##``: a dimension's value, answered or pushed.

    The dimension may carry parameters: an energy meter confirms its power
    push with ``*#18*51*1200#1*125##`` (dimension 1200, parameter 1).
    """

    who: int
    where: Where
    dimension: str
    values: tuple[str, ...]
    dimension_params: tuple[str, ...] = field(default=(), kw_only=True)

    def __post_init__(self) -> None:
        """At least one value field (it may be empty): none is a request's text."""
        if not self.values:
            raise ValueError("a dimension reply has at least one value field")

    @override
    def build(self) -> str:
        dimension = _with_params(self.dimension, self.dimension_params)
        return (
            f"*#{self.who}*{self.where.format()}*{dimension}*{'*'.join(self.values)}##"
        )


@dataclass(frozen=True, slots=True)
class DimensionWrite(Frame):
    """``*#WHO*WHERE*#DIM[#par]*V1*…##``: set a dimension (set point, level…)."""

    who: int
    where: Where
    dimension: str
    dimension_params: tuple[str, ...]
    values: tuple[str, ...]

    def __post_init__(self) -> None:
        """At least one value field (it may be empty), as on the wire."""
        if not self.values:
            raise ValueError("a dimension write has at least one value field")

    @override
    def build(self) -> str:
        dimension = _with_params(self.dimension, self.dimension_params)
        values = "*".join(self.values)
        return f"*#{self.who}*{self.where.format()}*#{dimension}*{values}##"


@dataclass(frozen=True, slots=True)
class SessionRequest(Frame):
    """``*99*S##``: the client's choice of session (see ``SessionType``)."""

    session_type: str

    @override
    def build(self) -> str:
        return f"*99*{self.session_type}##"


@dataclass(frozen=True, slots=True)
class HashOffer(Frame):
    """``*98*A##``: the gateway asks for the HMAC handshake with algorithm A."""

    algorithm: int

    @override
    def build(self) -> str:
        return f"*98*{self.algorithm}##"


@dataclass(frozen=True, slots=True)
class AuthValue(Frame):
    """``*#DIGITS##``: a nonce, the OPEN password answer, or the gateway's digest."""

    digits: str

    @override
    def build(self) -> str:
        return f"*#{self.digits}##"


@dataclass(frozen=True, slots=True)
class AuthProof(Frame):
    """``*#Rb*H1##``: the client's HMAC nonce and digest (both decimal-digit hex)."""

    client_nonce: str
    client_digest: str

    @override
    def build(self) -> str:
        return f"*#{self.client_nonce}*{self.client_digest}##"


@dataclass(frozen=True, slots=True)
class GenericFrame(Frame):
    """A grammatical frame of no typed shape, kept as its fields.

    ``fields`` is the text between the leading ``*`` and the trailing ``##``
    split at ``*`` (``*#*2##`` -> ``("#", "2")``, ``*1##`` -> ``("1",)``): an
    unusual frame is counted and passed on like any other, never refused.
    """

    fields: tuple[str, ...]

    @property
    def who(self) -> int | None:
        """The WHO the first field names (``#`` of requests dropped), or None."""
        head = self.fields[0].removeprefix("#") if self.fields else ""
        return int(head) if head.isdigit() else None

    @override
    def build(self) -> str:
        return f"*{'*'.join(self.fields)}##"


#: The grammar above as one expression (the parser checks the same by cheaper
#: means first and asks this only for the rare ``#*`` in a frame).
_FRAME: Final = re.compile(
    r"\*(?:#|#?\d+(?:#\d+)*)(?:\*#?(?:\d+(?:#\d+)*)?)*(?<!#)##", re.ASCII
)
_ALPHABET: Final = "0123456789*#"
_FIXED: Final[dict[str, Frame]] = {"*#*1##": ACK, "*#*0##": NACK, "*#*6##": BUSY_NACK}


def parse_frame(raw: str) -> Frame:
    """Parse one frame's wire text, or raise ``FrameParseError``."""
    fixed = _FIXED.get(raw)
    if fixed is not None:
        return fixed
    body = raw[1:-2]
    if (
        raw[:1] != "*"
        or raw[-2:] != "##"
        or not body
        or raw.strip(_ALPHABET)
        or body[0] == "*"
        or body[-1] == "#"
        or "##" in body
        or ("#*" in body and _FRAME.fullmatch(raw) is None)
    ):
        raise FrameParseError(f"not an OpenWebNet frame: {raw[:64]!r}")
    fields = body.split("*")
    head = fields[0]
    if head[0] == "#":
        frame = _request_or_reply(head[1:], fields)
    else:
        frame = _command(head, fields)
    return GenericFrame(tuple(fields)) if frame is None else frame


def _command(who_text: str, fields: list[str]) -> Frame | None:
    """``*W*WHAT…##`` shapes; None when no typed frame fits."""
    if len(fields) < 2 or not _is_who(who_text):
        return None
    what, *what_params = fields[1].split("#")
    if not what:
        return None  # empty WHAT, or one starting with "#"
    who = int(who_text)
    if len(fields) == 2:
        if what_params or who not in _HANDSHAKE_WHO:
            return Command(who, what, tuple(what_params), None)
        if who == SESSION_WHO:
            return SessionRequest(what)
        return HashOffer(int(what)) if _is_number(what) else None
    return Command(
        who,
        what,
        tuple(what_params),
        Where.parse(fields[2]),
        extra_fields=tuple(fields[3:]),
    )


def _request_or_reply(head: str, fields: list[str]) -> Frame | None:
    """``*#…##`` shapes (``head`` without its ``#``); None when no typed frame fits."""
    count = len(fields)
    if not head.isdigit():
        return None  # *#*2##, *#1#2##
    if count == 1:
        return AuthValue(head)
    if len(head) > MAX_WHO_DIGITS:
        if count == 2 and fields[1].isdigit():
            return AuthProof(head, fields[1])
        return None
    if not _is_number(head):
        return None
    who = int(head)
    where = Where.parse(fields[1])
    if count == 2:
        return StatusRequest(who, where)
    values = fields[3:]
    if any("#" in value for value in values):
        return None
    dimension_field = fields[2]
    write = dimension_field[:1] == "#"
    name, *params = (dimension_field[1:] if write else dimension_field).split("#")
    if not name:
        return None
    if write:
        if not values:
            return None
        return DimensionWrite(who, where, name, tuple(params), tuple(values))
    if count == 3:
        return DimensionRequest(who, where, name, dimension_params=tuple(params))
    return DimensionReply(
        who, where, name, tuple(values), dimension_params=tuple(params)
    )


def _with_params(name: str, params: tuple[str, ...]) -> str:
    return "#".join((name, *params)) if params else name


def _is_who(text: str) -> bool:
    return len(text) <= MAX_WHO_DIGITS and _is_number(text)


def _is_number(text: str) -> bool:
    """Digits in canonical form (no leading zero), so int() round trips."""
    return text.isdigit() and (text == "0" or text[0] != "0")
