"""The emulated 1-Wire bus: wire segments, chips, resets and time slots.

The bus master (``ds2480``) drives it with ``reset()`` and ``slot(bit)``;
every chip on a connected segment runs its slot program (``slots``), the
wire's level is the AND of the master's bit and every chip's, so searches,
Skip ROM collisions and presence behave as on copper. A DS2409 coupler owns
two more segments (main and aux) that join the wire while it switches them
on; a master reset reaches every connected segment.

Bus-wide faults: ``short()`` (every reset reports a short, every slot reads
0) and the per-chip faults of ``slave``. Everything the wire saw is logged
(``records``) in ``events``; the log is bounded (oldest entries dropped).

The bus is not thread-safe by itself: the emulator serialises access with
``lock`` (the adapter's I/O thread and a test's calls share it).
"""

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
import threading

from .clock import BusClock, ScaledClock
from .records import BusEvent, Conversion, Fault, Transaction
from .rom import Rom, RomError
from .slave import Slave
from .slots import Level, Program

DEFAULT_LOG_SIZE = 200_000


class ResetResult(Enum):
    """What the master sees after a reset pulse."""

    PRESENCE = "presence"
    NO_PRESENCE = "no_presence"
    SHORT = "short"


@dataclass(slots=True, eq=False)
class Segment:
    """One stretch of wire: the trunk, or a coupler's main or aux branch."""

    name: str
    slaves: list[Slave] = field(default_factory=list)


class BranchOwner:
    """Something that connects segments to the wire (a DS2409 coupler)."""

    def branch_segments(self) -> list[Segment]:
        """Every segment it owns."""
        return []

    def connected_segments(self) -> list[Segment]:
        """The segments it connects now."""
        return []


class OneWireBus:
    """A 1-Wire trunk with chips on it, and the coupler branches behind them."""

    def __init__(
        self, clock: BusClock | None = None, *, log_size: int = DEFAULT_LOG_SIZE
    ) -> None:
        """An empty bus; add chips with attach()."""
        self.clock = clock or ScaledClock()
        self.trunk = Segment("trunk")
        self.lock = threading.RLock()
        self.events: deque[BusEvent] = deque(maxlen=log_size)
        self.shorted = False
        self.slot_count = 0
        self.reset_count = 0
        self.strong_pullup = False
        self.transaction: Transaction | None = None
        #: Called with the bus time before every reset and every inspection:
        #: the value timeline uses it to apply what is due.
        self.on_advance: Callable[[float], None] | None = None
        self._programs: dict[Slave, Program] = {}
        self._levels: dict[Slave, Level] = {}
        self._command_bits = 0
        self._command_slots = 0
        self._segment_of: dict[Slave, Segment] = {}

    # ------------------------------------------------------------ chips

    def attach(self, slave: Slave, segment: Segment | None = None) -> Slave:
        """Put a chip on a segment (the trunk by default)."""
        if slave.bus is not None:
            raise ValueError(f"{slave} is already on a bus")
        if self.find(slave.rom.name, missing_ok=True) is not None:
            raise ValueError(f"two chips with id {slave.rom.name}")
        target = segment or self.trunk
        target.slaves.append(slave)
        self._segment_of[slave] = target
        slave.bus = self
        return slave

    def segment_of(self, slave: Slave) -> Segment:
        """The segment a chip hangs on."""
        return self._segment_of[slave]

    def chips(self) -> list[Slave]:
        """Every chip on the bus, present or not, trunk first."""
        return list(self._walk_all(self.trunk))

    def _walk_all(self, segment: Segment) -> Iterator[Slave]:
        for slave in segment.slaves:
            yield slave
        for slave in segment.slaves:
            if isinstance(slave, BranchOwner):
                for branch in slave.branch_segments():
                    yield from self._walk_all(branch)

    def find(self, name: str | Rom, *, missing_ok: bool = False) -> Slave | None:
        """The chip with this id (``28.0123456789AB``, with or without CRC)."""
        try:
            rom = name if isinstance(name, Rom) else Rom.parse(name)
        except RomError:
            if missing_ok:
                return None
            raise
        for slave in self._walk_all(self.trunk):
            if slave.rom == rom:
                return slave
        if missing_ok:
            return None
        raise KeyError(f"no chip {rom.name} on the bus")

    def chip(self, name: str | Rom) -> Slave:
        """The chip with this id; KeyError if there is none."""
        found = self.find(name)
        assert found is not None
        return found

    def on_wire(self) -> list[Slave]:
        """Present chips connected to the master now (trunk + branches switched on)."""
        return list(self._walk_connected(self.trunk))

    def _walk_connected(self, segment: Segment) -> Iterator[Slave]:
        for slave in segment.slaves:
            if not slave.present:
                continue
            yield slave
            if isinstance(slave, BranchOwner):
                for branch in slave.connected_segments():
                    yield from self._walk_connected(branch)

    # ------------------------------------------------------------- time

    def advance(self) -> float:
        """Apply what is due at the current bus time; return that time."""
        now = self.clock.now()
        if self.on_advance is not None:
            self.on_advance(now)
        return now

    # ---------------------------------------------------------- signals

    def reset(self) -> ResetResult:
        """A reset pulse: every connected chip restarts its ROM layer."""
        now = self.advance()
        self.reset_count += 1
        self._programs.clear()
        self._levels.clear()
        self.strong_pullup = False
        if self.shorted:
            self.transaction = None
            return ResetResult.SHORT
        chips = self.on_wire()
        for slave in chips:
            self._start(slave)
        self.transaction = Transaction(time=now, presence=bool(chips))
        self.events.append(self.transaction)
        self._command_bits = 0
        self._command_slots = 0
        return ResetResult.PRESENCE if chips else ResetResult.NO_PRESENCE

    def _start(self, slave: Slave) -> None:
        program = slave.session()
        self._programs[slave] = program
        self._levels[slave] = next(program)

    def slot(self, bit: int) -> int:
        """One time slot: the master writes bit (1 = also a read slot)."""
        self.slot_count += 1
        if self.shorted:
            return 0
        level = bit & 1
        for driven in self._levels.values():
            level &= driven() if callable(driven) else driven
        if self.transaction is not None:
            self.transaction.slots += 1
            if self._command_slots < 8:
                self._command_bits |= level << self._command_slots
                self._command_slots += 1
                if self._command_slots == 8:
                    self.transaction.rom_command = self._command_bits
        for slave, program in list(self._programs.items()):
            if self._programs.get(slave) is not program:
                continue  # restarted or disconnected during this slot
            try:
                self._levels[slave] = program.send(level)
            except StopIteration:
                del self._programs[slave]
                del self._levels[slave]
        return level

    def touch_byte(self, value: int) -> int:
        """Eight slots, LSB first: write value, return what the wire read."""
        result = 0
        for index in range(8):
            result |= self.slot((value >> index) & 1) << index
        return result

    def touch_bytes(self, data: bytes) -> bytes:
        """touch_byte for each byte."""
        return bytes(self.touch_byte(value) for value in data)

    def begin_strong_pullup(self) -> None:
        """The master powers the wire hard (a conversion or copy in parasite mode)."""
        self.strong_pullup = True
        for slave in list(self._programs):
            hook = getattr(slave, "on_strong_pullup", None)
            if hook is not None:
                hook(self.slot_count)

    def end_strong_pullup(self) -> None:
        """The master ends the strong pull-up."""
        self.strong_pullup = False

    # ---------------------------------------------------------- couplers

    def branch_switched_on(self, segment: Segment, *, reset: bool) -> bool:
        """A coupler connected segment; with reset, its chips start afresh.

        Returns whether any chip on it answered (its presence pulse).
        """
        chips = list(self._walk_connected(segment))
        if reset:
            for slave in chips:
                self._start(slave)
        return bool(chips)

    def branch_switched_off(self, segment: Segment) -> None:
        """A coupler disconnected segment: its chips leave the conversation."""
        for slave in self._walk_all(segment):
            self._programs.pop(slave, None)
            self._levels.pop(slave, None)

    # ----------------------------------------------------------- faults

    def short(self) -> None:
        """Short the wire (until unshort())."""
        if not self.shorted:
            self.shorted = True
            self.events.append(Fault(self.clock.now(), "short"))

    def unshort(self) -> None:
        """Remove the short."""
        if self.shorted:
            self.shorted = False
            self.events.append(Fault(self.clock.now(), "short_end"))

    # -------------------------------------------------- notes from chips

    def note_selected(self, slave: Slave, rom_command: int) -> None:
        """A chip passed the ROM layer of the current transaction."""
        if self.transaction is not None:
            self.transaction.selected.append(slave.rom)

    def note_function(self, slave: Slave, command: int) -> None:
        """A selected chip received its function command."""
        if self.transaction is not None and self.transaction.function is None:
            self.transaction.function = command

    def note_conversion(self, slave: Slave, kind: str, duration: float) -> None:
        """A chip started a conversion."""
        command = self.transaction.rom_command if self.transaction else None
        self.events.append(
            Conversion(self.clock.now(), slave.rom, kind, duration, command or 0)
        )

    def note_crc_fault(self, slave: Slave) -> None:
        """A chip's protected block was corrupted on purpose."""
        self.events.append(Fault(self.clock.now(), "crc", slave.rom))

    def note_fault(self, kind: str, slave: Slave | None = None) -> None:
        """Log a fault or state change."""
        self.events.append(
            Fault(self.clock.now(), kind, slave.rom if slave is not None else None)
        )

    # ------------------------------------------------------- inspection

    def transactions(
        self,
        *,
        rom_command: int | None = None,
        function: int | None = None,
        since: float | None = None,
    ) -> list[Transaction]:
        """Logged transactions, filtered."""
        return [
            event
            for event in list(self.events)
            if isinstance(event, Transaction)
            and (rom_command is None or event.rom_command == rom_command)
            and (function is None or event.function == function)
            and (since is None or event.time >= since)
        ]

    def conversions(
        self, *, kind: str = "temperature", since: float | None = None
    ) -> list[Conversion]:
        """Logged conversions of one kind."""
        return [
            event
            for event in list(self.events)
            if isinstance(event, Conversion)
            and event.kind == kind
            and (since is None or event.time >= since)
        ]

    def faults(self, kind: str | None = None) -> list[Fault]:
        """Logged faults (of one kind)."""
        return [
            event
            for event in list(self.events)
            if isinstance(event, Fault) and (kind is None or event.kind == kind)
        ]
