"""What happened on the emulated wire: the bus's own log, for tests to assert on.

Tests must not time things: they ask the bus what it did. One ``Transaction``
per reset (its ROM command, the chips it selected, their function command),
one ``Conversion`` per chip that converted, and the faults it injected. A
simultaneous conversion of N sensors is one transaction (Skip ROM, Convert T)
with N conversions; N serial reads are N Match-ROM transactions.
"""

from dataclasses import dataclass, field

from .rom import Rom

ROM_COMMAND_NAMES = {
    0x33: "read_rom",
    0x55: "match_rom",
    0xCC: "skip_rom",
    0xF0: "search_rom",
    0xEC: "conditional_search",
    0xA5: "resume",
    0x3C: "overdrive_skip",
    0x69: "overdrive_match",
}


@dataclass(slots=True)
class Transaction:
    """Everything from one master reset to the next.

    Attributes:
        time: bus time of the reset.
        presence: whether some chip answered the reset.
        rom_command: the first byte after the reset (None if fewer than 8
            slots followed).
        selected: chips that passed the ROM layer (a Skip ROM selects every
            chip on the wire; a search selects the one it found).
        function: the first function command the selected chips received.
        slots: time slots in the transaction.
    """

    time: float
    presence: bool
    rom_command: int | None = None
    selected: list[Rom] = field(default_factory=list)
    function: int | None = None
    slots: int = 0

    @property
    def rom_command_name(self) -> str:
        """``skip_rom``, ``match_rom``... (hex for anything else)."""
        if self.rom_command is None:
            return "none"
        return ROM_COMMAND_NAMES.get(self.rom_command, f"{self.rom_command:02X}")


@dataclass(frozen=True, slots=True)
class Conversion:
    """A chip started a temperature (or voltage) conversion.

    Attributes:
        time: bus time it started.
        rom: the chip.
        kind: ``temperature`` or ``voltage``.
        duration: bus seconds until its result is ready.
        rom_command: how the chip was addressed (0xCC: a simultaneous one).
    """

    time: float
    rom: Rom
    kind: str
    duration: float
    rom_command: int


@dataclass(frozen=True, slots=True)
class Fault:
    """A fault the emulator injected or a state it entered.

    Attributes:
        time: bus time.
        kind: ``crc`` (a corrupted block), ``short``/``short_end``,
            ``vanish``/``reappear``, ``silent``/``silent_end``,
            ``brownout`` (a parasite conversion without strong pull-up).
        rom: the chip concerned, if any.
    """

    time: float
    kind: str
    rom: Rom | None = None


type BusEvent = Transaction | Conversion | Fault
