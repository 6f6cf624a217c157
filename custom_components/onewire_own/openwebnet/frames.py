"""The OpenWebNet frame model: typed frames, a strict parser and the builder.

Every frame is an immutable value; ``frame.build()`` (or ``str(frame)``) gives
its wire text and ``parse_frame(text)`` gives the frame back, so
``parse_frame(frame.build()) == frame`` for every well-formed frame. Anything
outside the grammar of PROTOCOLS.md §2 raises ``FrameParseError`` and nothing
else.

Grammar (only ``0-9 * #``; a frame starts with ``*`` and ends with ``##``):

====================  ===============================================
``*#*1##``            ``Ack``
``*#*0##``            ``Nack``
``*#*6##``            ``BusyNack``
``*W*WHAT*WHERE##``   ``Command`` (WHAT and WHERE may carry ``#`` params)
``*#W*WHERE##``       ``StatusRequest``
``*#W*WHERE*D##``     ``DimensionRequest``
``*#W*WHERE*D*V…##``  ``DimensionReply`` (answer or event)
``*#W*WHERE*#D*V…##`` ``DimensionWrite``
``*99*S##``           ``SessionRequest`` (0/9 command, 1 event)
``*98*A##``           ``HashOffer`` (1 SHA-1, 2 SHA-256)
``*#DIGITS##``        ``AuthValue`` (nonce, OPEN answer, HMAC digest)
``*#RB*H1##``         ``AuthProof`` (HMAC client nonce and digest)
====================  ===============================================

WHO is at most four digits, which is what tells ``*#W*WHERE##`` apart from
``*#RB*H1##`` (Rb is 80 or 128 digits).
"""

from dataclasses import dataclass
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
    "HashOffer",
    "SessionRequest",
    "StatusRequest",
    "Where",
    "WhereKind",
    "parse_frame",
]

SESSION_WHO: Final = 99
HASH_OFFER_WHO: Final = 98
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
    """``*WHO*WHAT[#par…]*WHERE##``: do something (or an event that it was done)."""

    who: int
    what: str
    what_params: tuple[str, ...]
    where: Where

    @override
    def build(self) -> str:
        what = (
            "#".join((self.what, *self.what_params)) if self.what_params else self.what
        )
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
    """``*#WHO*WHERE*DIM##``: ask for one dimension (a measured value)."""

    who: int
    where: Where
    dimension: str

    @override
    def build(self) -> str:
        return f"*#{self.who}*{self.where.format()}*{self.dimension}##"


@dataclass(frozen=True, slots=True)
class DimensionReply(Frame):
    """``*#WHO*WHERE*DIM*V1*…*Vn##``: a dimension's value, answered or pushed."""

    who: int
    where: Where
    dimension: str
    values: tuple[str, ...]

    @override
    def build(self) -> str:
        return f"*#{self.who}*{self.where.format()}*{self.dimension}*{'*'.join(self.values)}##"


@dataclass(frozen=True, slots=True)
class DimensionWrite(Frame):
    """``*#WHO*WHERE*#DIM[#par]*V1*…##``: set a dimension (set point, level…)."""

    who: int
    where: Where
    dimension: str
    dimension_params: tuple[str, ...]
    values: tuple[str, ...]

    @override
    def build(self) -> str:
        dimension = "#".join((self.dimension, *self.dimension_params))
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


_CHARSET = re.compile(r"\*[0-9*#]*##")
_FIXED: Final[dict[str, Frame]] = {"*#*1##": ACK, "*#*0##": NACK, "*#*6##": BUSY_NACK}


def parse_frame(raw: str) -> Frame:
    """Parse one frame's wire text, or raise ``FrameParseError``."""
    fixed = _FIXED.get(raw)
    if fixed is not None:
        return fixed
    if _CHARSET.fullmatch(raw) is None:
        raise FrameParseError(f"not an OpenWebNet frame: {raw[:64]!r}")
    body = raw[1:-2]
    if body.startswith("#"):
        return _parse_request_or_reply(raw, body[1:].split("*"))
    return _parse_command(raw, body.split("*"))


def _parse_command(raw: str, fields: list[str]) -> Frame:
    if len(fields) == 2:
        who = _who(raw, fields[0])
        value = fields[1]
        if who == SESSION_WHO and _is_digits(value):
            return SessionRequest(value)
        if who == HASH_OFFER_WHO and _is_number(value):
            return HashOffer(int(value))
        raise FrameParseError(f"command without WHERE: {raw[:64]!r}")
    if len(fields) != 3:
        raise FrameParseError(f"a command has WHO, WHAT and WHERE: {raw[:64]!r}")
    what, *what_params = fields[1].split("#")
    if not _is_digits(what) or not all(map(_is_digits, what_params)):
        raise FrameParseError(f"bad WHAT in {raw[:64]!r}")
    if not fields[2]:
        raise FrameParseError(f"command without WHERE: {raw[:64]!r}")
    return Command(
        _who(raw, fields[0]), what, tuple(what_params), _where(raw, fields[2])
    )


def _parse_request_or_reply(raw: str, fields: list[str]) -> Frame:
    count = len(fields)
    head = fields[0]
    if count == 1:
        if _is_digits(head):
            return AuthValue(head)
        raise FrameParseError(f"bad frame {raw[:64]!r}")
    if count == 2 and len(head) > MAX_WHO_DIGITS:
        if _is_digits(head) and _is_digits(fields[1]):
            return AuthProof(head, fields[1])
        raise FrameParseError(f"bad authentication frame {raw[:64]!r}")
    who = _who(raw, head)
    where = _where(raw, fields[1])
    if count == 2:
        return StatusRequest(who, where)
    dimension = fields[2]
    values = fields[3:]
    if not all(map(_is_digits_or_empty, values)):
        raise FrameParseError(f"bad value in {raw[:64]!r}")
    if dimension.startswith("#"):
        name, *params = dimension[1:].split("#")
        if not values or not _is_digits(name) or not all(map(_is_digits, params)):
            raise FrameParseError(f"bad dimension write {raw[:64]!r}")
        return DimensionWrite(who, where, name, tuple(params), tuple(values))
    if not _is_digits(dimension):
        raise FrameParseError(f"bad dimension in {raw[:64]!r}")
    if count == 3:
        return DimensionRequest(who, where, dimension)
    return DimensionReply(who, where, dimension, tuple(values))


def _who(raw: str, text: str) -> int:
    if len(text) > MAX_WHO_DIGITS or not _is_number(text):
        raise FrameParseError(f"bad WHO {text[:16]!r} in {raw[:64]!r}")
    return int(text)


def _where(raw: str, text: str) -> Where:
    where = Where.parse(text)
    if "*" in text or not all(map(_is_digits, where.params)):
        raise FrameParseError(f"bad WHERE {text[:32]!r} in {raw[:64]!r}")
    if where.address and not where.address.isdigit():
        raise FrameParseError(f"bad WHERE {text[:32]!r} in {raw[:64]!r}")
    return where


def _is_digits(text: str) -> bool:
    """Non-empty and only ASCII digits (the charset was checked already)."""
    return text.isdigit()


def _is_digits_or_empty(text: str) -> bool:
    return not text or text.isdigit()


def _is_number(text: str) -> bool:
    """Digits in canonical form (no leading zero), so int() round trips."""
    return text.isdigit() and (text == "0" or text[0] != "0")
