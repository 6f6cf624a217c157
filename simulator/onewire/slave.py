"""The part every emulated 1-Wire chip shares: identity, ROM commands, faults.

A ``Slave`` answers a reset with a presence pulse and then runs its ROM
function layer (Read ROM, Match ROM, Skip ROM, Search ROM, Conditional
Search, Resume) as a slot program; once selected, the chip's own
``function_program`` takes over. Subclasses describe the chip: its family
code, its function commands, its power-on state and when it is in alarm
(takes part in a Conditional Search).

Faults that belong to one device live here: ``present`` (a device that
vanishes and returns powers up again, so a thermometer comes back holding
85 °C), and ``crc_error_rate`` (the probability that a CRC-protected block
the chip sends arrives with one bit flipped, as line noise would do).
"""

from abc import ABC, abstractmethod
import random
from typing import TYPE_CHECKING, ClassVar

from .rom import Rom
from .slots import RELEASE, Program, Step, receive_byte, send_bytes

if TYPE_CHECKING:
    from .bus import OneWireBus

READ_ROM = 0x33
MATCH_ROM = 0x55
SKIP_ROM = 0xCC
SEARCH_ROM = 0xF0
CONDITIONAL_SEARCH = 0xEC
RESUME = 0xA5
OVERDRIVE_SKIP = 0x3C
OVERDRIVE_MATCH = 0x69


class SettingError(ValueError):
    """A value a chip cannot take (unknown attribute, out of range)."""


class Slave(ABC):
    """One emulated 1-Wire chip on the bus."""

    family: ClassVar[int]
    model: ClassVar[str]
    #: Whether the chip knows the Resume command (DS2408, DS2413, DS2438...).
    supports_resume: ClassVar[bool] = False

    def __init__(self, rom: Rom, *, crc_error_rate: float = 0.0) -> None:
        """A chip with this ROM id, powered up and present."""
        if rom.family != self.family:
            raise SettingError(
                f"{rom.name} is not a {self.model} (family {self.family:02X})"
            )
        self.rom = rom
        self.bus: OneWireBus | None = None
        self.present = True
        self.crc_error_rate = crc_error_rate
        self.rng = random.Random(rom.value)  # noqa: S311 (noise, not secrets)
        self._resume_flag = False
        self.power_on()

    def __repr__(self) -> str:
        """Model and id."""
        return f"<{self.model} {self.rom.name}>"

    @property
    def name(self) -> str:
        """Owserver's name of the chip."""
        return self.rom.name

    # ------------------------------------------------------------ state

    @abstractmethod
    def power_on(self) -> None:
        """Put every volatile register in its power-on state."""

    def alarm(self) -> bool:
        """Whether the chip takes part in a Conditional Search now."""
        return False

    def now(self) -> float:
        """Bus time (0 when the chip is not on a bus)."""
        return self.bus.clock.now() if self.bus is not None else 0.0

    def vanish(self) -> None:
        """Leave the bus (unplugged, lost power): no presence, no answers."""
        if self.present and self.bus is not None:
            self.bus.note_fault("vanish", self)
        self.present = False
        self._resume_flag = False

    def reappear(self) -> None:
        """Come back, freshly powered up."""
        if not self.present:
            self.present = True
            self.power_on()
            if self.bus is not None:
                self.bus.note_fault("reappear", self)

    def set_value(self, attribute: str, value: float, at: float) -> None:
        """Set an input of the chip's world (temperature, input level...) at time at."""
        raise SettingError(f"{self.model} has no settable {attribute!r}")

    def ramp_value(
        self, attribute: str, target: float, duration: float, at: float
    ) -> None:
        """Move an analog input linearly to target over duration seconds from at."""
        raise SettingError(f"{self.model} has no analog {attribute!r}")

    def snapshot(self) -> dict[str, object]:
        """The chip's state as plain data (for tests, logs and the CLI)."""
        return {"id": self.name, "model": self.model, "present": self.present}

    # ------------------------------------------------------ ROM layer

    def session(self) -> Program:
        """What the chip does from a reset (or a coupler's branch reset) on."""
        command = yield from receive_byte()
        selected = False
        match command:
            case 0x33:  # Read ROM
                self._resume_flag = False
                yield from send_bytes(self.rom.data)
                selected = True
            case 0x55 | 0x69:  # Match ROM, Overdrive Match ROM
                selected = yield from self._match()
                self._resume_flag = selected
            case 0xCC | 0x3C:  # Skip ROM, Overdrive Skip ROM
                self._resume_flag = False
                selected = True
            case 0xF0 | 0xEC:  # Search ROM, Conditional Search ROM
                if command == CONDITIONAL_SEARCH and not self.alarm():
                    self._resume_flag = False
                    return
                selected = yield from self._search()
                self._resume_flag = selected
            case 0xA5 if self.supports_resume:  # Resume
                selected = self._resume_flag
        if not selected:
            return
        if self.bus is not None:
            self.bus.note_selected(self, command)
        yield from self.function_program()

    def _match(self) -> Step[bool]:
        for index in range(64):
            level = yield RELEASE
            if level != self.rom.bit(index):
                return False
        return True

    def _search(self) -> Step[bool]:
        for index in range(64):
            bit = self.rom.bit(index)
            yield bit
            yield bit ^ 1
            direction = yield RELEASE
            if direction != bit:
                return False
        return True

    @abstractmethod
    def function_program(self) -> Program:
        """The chip's function commands, once it is selected."""

    def read_command(self) -> Step[int]:
        """Receive the function command byte (and note it on the bus)."""
        command = yield from receive_byte()
        if self.bus is not None:
            self.bus.note_function(self, command)
        return command

    # ---------------------------------------------------------- faults

    def send_protected(self, data: bytes) -> Step[None]:
        """Send a CRC-protected block; noise may flip one of its bits."""
        if self.crc_error_rate > 0 and self.rng.random() < self.crc_error_rate:
            position = self.rng.randrange(len(data) * 8)
            corrupted = bytearray(data)
            corrupted[position >> 3] ^= 1 << (position & 7)
            data = bytes(corrupted)
            if self.bus is not None:
                self.bus.note_crc_fault(self)
        yield from send_bytes(data)
