"""DS2409 MicroLAN coupler: a trunk chip that switches two branches on.

Smart-On Main (0xCC) or Aux (0x33): the master sends a "reset stimulus"
byte, the coupler pulses a reset on that branch and reports whether some
chip answered (0x00) or not (0xFF), then echoes the command; from then on the
branch is part of the wire and its chips wait for a ROM command (owserver
follows with Match ROM and the branch chip's id, or a search). Direct-On
Main (0xA5) connects without the reset. All Lines Off (0x66) and Discharge
(0x99) disconnect both and echo the command. Status Read/Write (0x5A,
control byte): the info byte tells which branch is on (bit 0 main, bit 2
aux: 0 = on), the branch levels (bits 1, 3) and the control output mode.
"""

from typing import Literal, override

from .bus import BranchOwner, Segment
from .rom import Rom
from .slave import Slave
from .slots import Program, receive_byte, repeat_byte, send_byte

type Branch = Literal["main", "aux"]


class DS2409(Slave, BranchOwner):
    """Coupler, family 1F, with ``main`` and ``aux`` segments."""

    family = 0x1F
    model = "DS2409"

    def __init__(self, rom: Rom, *, crc_error_rate: float = 0.0) -> None:
        """A coupler with both branches off and empty."""
        self.main = Segment(f"{rom.name}/main")
        self.aux = Segment(f"{rom.name}/aux")
        self.control = 0
        super().__init__(rom, crc_error_rate=crc_error_rate)

    @override
    def power_on(self) -> None:
        self.active: Branch | None = None

    def segment(self, branch: Branch) -> Segment:
        """The segment of a branch."""
        return self.main if branch == "main" else self.aux

    @override
    def branch_segments(self) -> list[Segment]:
        return [self.main, self.aux]

    @override
    def connected_segments(self) -> list[Segment]:
        return [] if self.active is None else [self.segment(self.active)]

    @override
    def vanish(self) -> None:
        self._switch(None)
        super().vanish()

    def _switch(self, branch: Branch | None, *, reset: bool = False) -> bool:
        """Connect branch (or none); return whether a chip answered its reset."""
        if self.active is not None and self.active != branch and self.bus is not None:
            self.bus.branch_switched_off(self.segment(self.active))
        self.active = branch
        if branch is None or self.bus is None:
            return False
        return self.bus.branch_switched_on(self.segment(branch), reset=reset)

    def info_byte(self) -> int:
        """Status info: branch switches, levels, control output mode."""
        info = 0x0F
        if self.active == "main":
            info &= ~0x01
        if self.active == "aux":
            info &= ~0x04
        mode = self.control & 0xE0
        info |= ((mode >> 5) & 1) << 7 | (1 if mode & 0xC0 else 0) << 6
        return info

    @override
    def snapshot(self) -> dict[str, object]:
        return {**super().snapshot(), "active": self.active}

    @override
    def function_program(self) -> Program:
        command = yield from self.read_command()
        match command:
            case 0x66 | 0x99:  # All Lines Off, Discharge Lines
                self._switch(None)
                yield from repeat_byte(command)
            case 0xA5:  # Direct-On Main
                self._switch("main")
                yield from send_byte(command)
            case 0xCC | 0x33:  # Smart-On Main / Aux
                yield from receive_byte()  # reset stimulus
                branch: Branch = "main" if command == 0xCC else "aux"
                chips = [
                    s for s in self.segment(branch).slaves if s.present
                ]  # their presence pulses
                yield from send_byte(0x00 if chips else 0xFF)
                yield from send_byte(command)
                self._switch(branch, reset=True)
            case 0x5A:  # Status Read/Write
                control = yield from receive_byte()
                if control != 0xFF:
                    self.control = control
                yield from send_byte(self.info_byte())
                yield from repeat_byte(self.info_byte())
