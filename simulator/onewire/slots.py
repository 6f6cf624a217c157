"""Time-slot programs: how an emulated chip talks on the wire.

Every 1-Wire exchange is a sequence of time slots started by the master.
In each slot the master either writes 0 (pulls the line low) or writes 1,
which is also a read slot: a slave that wants to send a 0 holds the line
low, otherwise the line stays high. The level on the wire is the AND of what
everyone does (open drain).

A chip's behaviour is therefore written as a generator: it *yields* the level
it drives in the next slot (``RELEASE`` = 1 to listen or send a 1, 0 to send a
0) and is *sent* the level the wire had in that slot. A level that depends on
when the slot happens (a conversion's busy bit) is yielded as a function,
called at the slot. Reading a byte is eight ``yield RELEASE``; sending one is
eight yields of its bits, least significant first. The bus runs every selected chip's program slot by slot, so Skip ROM
reads collide as wired-AND exactly as on a real bus, and the ROM search is the
real bit-triplet dialogue.
"""

from collections.abc import Callable, Generator, Iterable

#: The level of a slave that does not pull the line low.
RELEASE = 1

#: What a chip drives in a slot: a level, or a function giving it at the slot.
type Level = int | Callable[[], int]
#: A chip's program: yields the level it drives, is sent the wire's level.
type Program = Generator[Level, int]
#: A piece of a program that returns a value.
type Step[T] = Generator[Level, int, T]


def receive_bit() -> Step[int]:
    """Listen for one slot; return the wire's level."""
    level = yield RELEASE
    return level & 1


def receive_byte() -> Step[int]:
    """Listen for eight slots; return the byte the master wrote (LSB first)."""
    value = 0
    for index in range(8):
        level = yield RELEASE
        value |= (level & 1) << index
    return value


def receive_bytes(count: int) -> Step[bytes]:
    """Listen for count bytes."""
    data = bytearray()
    for _ in range(count):
        data.append((yield from receive_byte()))
    return bytes(data)


def send_bit(bit: int) -> Step[None]:
    """Drive one bit in the next read slot."""
    yield bit & 1


def send_byte(value: int) -> Step[None]:
    """Drive one byte in the next eight read slots, LSB first."""
    for index in range(8):
        yield (value >> index) & 1


def send_bytes(data: Iterable[int]) -> Step[None]:
    """Drive several bytes."""
    for value in data:
        yield from send_byte(value)


def busy_slots(busy: Callable[[], bool]) -> Program:
    """Answer read slots with 0 while busy() holds, then 1, until the reset."""

    def level() -> int:
        return 0 if busy() else 1

    while True:
        yield level


def repeat_byte(value: int) -> Program:
    """Send value for as long as the master keeps reading (until its reset)."""
    while True:
        yield from send_byte(value)
