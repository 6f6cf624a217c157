"""Attribute descriptions from ``/structure/<family>/`` and value conversion.

owserver describes every attribute of a family as
``type,index,elements,access,size,changeability,`` (for example
``t,000000,000001,ro,000012,v,``: a read-only, volatile temperature). Arrays
list only their first member (``PIO.A`` or ``PIO.0``) plus the aggregates
``.ALL`` (comma-separated) and ``.BYTE`` (a bit field).
"""

from collections.abc import Sequence
from dataclasses import dataclass
import string
from typing import Final

from .errors import OwfsProtocolError
from .protocol import decode_text

type AttributeValue = float | int | bool | str | bytes | list[float | int | bool | str]

#: Python type of each owfs type code.
_KINDS: Final[dict[str, type]] = {
    "a": str,  # ascii
    "l": str,  # alias
    "d": str,  # date
    "b": bytes,  # binary
    "f": float,
    "t": float,  # temperature
    "g": float,  # temperature difference
    "p": float,  # pressure
    "i": int,
    "u": int,
    "y": bool,  # yes/no
}

#: Changeability codes of values that change without a write.
_VOLATILE_CODES: Final = frozenset({"v", "t", "S"})

#: Index values of the aggregate members.
INDEX_ALL: Final = -1
INDEX_BYTE: Final = -2


@dataclass(frozen=True, slots=True)
class AttributeInfo:
    """What owserver says about one attribute of a device family.

    Attributes:
        name: the path below the device, e.g. ``temperature``, ``PIO.A``,
            ``PIO.ALL``, ``HIH4000/humidity``.
        base: the name without array suffix (``PIO``).
        index: the array member (``A``, ``0``, ``ALL``, ``BYTE``) or None.
        elements: the array's size (1 for scalars).
        kind: the Python type of a value (float, int, bool, str, bytes);
            aggregates ``.ALL`` give a list of that type, ``.BYTE`` an int.
        type_code: owserver's one-letter type code.
        readable: a read is allowed.
        writable: a write is allowed.
        volatile: the value changes by itself (poll it); stable values change
            only when written.
        size: the largest text size of a value.
    """

    name: str
    base: str
    index: str | None
    elements: int
    kind: type
    type_code: str
    readable: bool
    writable: bool
    volatile: bool
    size: int

    @property
    def is_array_member(self) -> bool:
        """Whether this is one member (``.A``/``.0``) of an array."""
        return self.index is not None and self.index not in ("ALL", "BYTE")

    def parse(self, data: bytes) -> AttributeValue:
        """Turn the bytes owserver sent into this attribute's Python value."""
        if self.index == "BYTE":
            return _parse_scalar(int, decode_text(data))
        if self.kind is bytes:
            return data
        text = decode_text(data)
        if self.index == "ALL":
            return [_parse_scalar(self.kind, part) for part in text.split(",")]
        return _parse_scalar(self.kind, text)


def _parse_scalar(kind: type, text: str) -> float | int | bool | str:
    text = text.strip() if kind is not str else text
    try:
        if kind is bool:
            return int(text) != 0
        if kind is int:
            return int(text)
        if kind is float:
            return float(text)
    except ValueError as err:
        raise OwfsProtocolError(f"not a {kind.__name__}: {text!r}") from err
    return text


def format_value(value: object) -> bytes:
    """Encode a value for a WRITE (bools as 1/0, sequences comma-separated)."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, bool):
        return b"1" if value else b"0"
    if isinstance(value, (list, tuple)):
        return b",".join(format_value(item) for item in value)
    return str(value).encode()


def parse_structure_line(name: str, data: bytes) -> list[AttributeInfo]:
    """Describe the attribute ``name`` from its ``/structure`` line.

    An array's first member expands into all its members (``PIO.A`` with 8
    elements gives ``PIO.A`` ... ``PIO.H``). Directories (type ``D``) and
    unknown types give nothing.

    Raises:
        OwfsProtocolError: the line does not have the six fields.
    """
    fields = decode_text(data).split(",")
    if len(fields) < 6:
        raise OwfsProtocolError(f"structure of {name}: {fields!r}")
    type_code, index_text, elements_text, access, size_text, change = fields[:6]
    kind = _KINDS.get(type_code)
    if kind is None:
        return []
    try:
        index, elements, size = int(index_text), int(elements_text), int(size_text)
    except ValueError as err:
        raise OwfsProtocolError(f"structure of {name}: {fields!r}") from err
    base, _, suffix = name.rpartition(".")
    if not base or (elements <= 1 and index >= 0):
        base, suffix = name, ""

    def info(member_name: str, member_index: str | None) -> AttributeInfo:
        return AttributeInfo(
            name=member_name,
            base=base,
            index=member_index,
            elements=max(elements, 1),
            kind=kind,
            type_code=type_code,
            readable=access in ("ro", "rw"),
            writable=access in ("wo", "rw"),
            volatile=change in _VOLATILE_CODES,
            size=size,
        )

    if not suffix:
        return [info(name, None)]
    if index in (INDEX_ALL, INDEX_BYTE):
        return [info(name, suffix)]
    return [
        info(f"{base}.{member}", member) for member in array_members(suffix, elements)
    ]


def array_members(first: str, elements: int) -> Sequence[str]:
    """The member suffixes of an array whose first member is ``first``."""
    if first.isdigit():
        return [str(number) for number in range(elements)]
    return list(string.ascii_uppercase[:elements])
