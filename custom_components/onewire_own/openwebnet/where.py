"""The WHERE field of OpenWebNet frames: who on the bus a frame is about.

A WHERE is digits (possibly none) followed by zero or more ``#``-separated
parameters (``12#4#01``: point 12 on local bus 01; ``#5``: group 5; ``7#0``:
an energy actuator; ``3#6#1``: a sound zone; ``""``: the whole system, as in
the alarm event ``*5*1*##``). The model keeps the text's parts so ``parse``
and ``format`` round trip exactly, whatever the WHO, and derives the
lighting/automation meaning (general, area, group, point-to-point, local bus)
from them on demand. A command with no WHERE field at all has
``Command.where is None``.
"""

from dataclasses import dataclass
from enum import StrEnum
import functools
from typing import Self, override

LOCAL_BUS_MARKER = "4"
_AREAS = frozenset({"00", "1", "2", "3", "4", "5", "6", "7", "8", "9", "100"})


class WhereKind(StrEnum):
    """The addressing scope of a lighting/automation WHERE (PROTOCOLS.md §2)."""

    GENERAL = "general"
    AREA = "area"
    GROUP = "group"
    POINT_TO_POINT = "point_to_point"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Where:
    """A WHERE: the digits before the first ``#`` and the parameters after it."""

    address: str
    params: tuple[str, ...] = ()

    @staticmethod
    def parse(text: str) -> Where:
        """Split WHERE text into address and parameters (no validation here)."""
        return _parse_cached(text)

    @classmethod
    def general(cls) -> Self:
        """Every light/actuator on the bus (``0``)."""
        return cls("0")

    @classmethod
    def area(cls, area: int) -> Self:
        """An area: 0 is written ``00``, 1-9 and 100 as themselves."""
        if area == 0:
            return cls("00")
        if not (1 <= area <= 9 or area == 100):
            raise ValueError(f"area must be 0-9 or 100, not {area}")
        return cls(str(area))

    @classmethod
    def group(cls, group: int) -> Self:
        """A group ``#1``-``#255``."""
        if not 1 <= group <= 255:
            raise ValueError(f"group must be 1-255, not {group}")
        return cls("", (str(group),))

    @classmethod
    def point(cls, area: int, point: int) -> Self:
        """A point-to-point address from its area (A) and light point (PL).

        A 1-9 with PL 1-9 is written with two digits (``12``); every other
        combination uses the four-digit form (``0001``, ``1015``, ``0110``).
        """
        if not (0 <= area <= 10 and 0 <= point <= 15):
            raise ValueError(f"no point-to-point address for A={area} PL={point}")
        if 1 <= area <= 9 and 1 <= point <= 9:
            return cls(f"{area}{point}")
        return cls(f"{area:02d}{point:02d}")

    def on_local_bus(self, interface: int) -> Self:
        """The same address on local bus ``interface`` (suffix ``#4#nn``)."""
        return type(self)(
            self.address, (*self.params, LOCAL_BUS_MARKER, f"{interface:02d}")
        )

    @property
    def interface(self) -> str | None:
        """The local-bus interface of a ``#4#nn`` suffix, or None on the main bus."""
        params = self.params
        if len(params) >= 2 and params[-2] == LOCAL_BUS_MARKER:
            return params[-1]
        return None

    @property
    def kind(self) -> WhereKind:
        """General, area, group or point-to-point (lighting and automation)."""
        params = self.params[:-2] if self.interface is not None else self.params
        address = self.address
        if not params:
            if address == "0":
                return WhereKind.GENERAL
            if address in _AREAS:
                return WhereKind.AREA
            if len(address) in (2, 4) and is_digits(address):
                return WhereKind.POINT_TO_POINT
        elif address == "" and len(params) == 1 and is_digits(params[0]):
            return WhereKind.GROUP
        return WhereKind.OTHER

    @property
    def is_wire_text(self) -> bool:
        """Whether every part is ASCII digits (a local bus ``#4#nn``): sendable.

        Frames from the bus always are; WHEREs typed by a user may not be
        (``³`` is a digit to ``str.isdigit`` and no byte of the protocol).
        """
        interface = self.interface
        return (
            (not self.address or is_digits(self.address))
            and all(is_digits(param) for param in self.params)
            and (interface is None or len(interface) == 2)
        )

    def format(self) -> str:
        """The WHERE text exactly as it goes on the wire."""
        if not self.params:
            return self.address
        return self.address + "#" + "#".join(self.params)

    @override
    def __str__(self) -> str:
        return self.format()


def is_digits(text: str) -> bool:
    """ASCII digits only, at least one (``str.isdigit`` also takes ``²`` and ``٣``)."""
    return text.isascii() and text.isdigit()


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Where:
    """Parse WHERE text; WHEREs repeat constantly on a bus, so parse each once."""
    address, *params = text.split("#")
    return Where(address, tuple(params))
