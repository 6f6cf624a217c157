"""DS2423 4 kbit RAM with two external pulse counters, family 1D.

Sixteen 32-byte pages; pages 14 and 15 carry counters fed by inputs A and
B. Read Memory + Counter (0xA5, target address) sends the page's data from
the address to its end, the page's 32-bit counter (LSB first), four zero
bytes and a CRC16 (the first one also covers command and address), then
continues with the next page. owserver reads counter.A/B by addressing the
last byte of pages 14/15.
"""

import math
from typing import override

from .analog import Signal
from .crc import crc16_bytes
from .rom import Rom
from .slave import SettingError, Slave
from .slots import Program, receive_byte, repeat_byte, send_bytes

PAGE_SIZE = 32
PAGES = 16
COUNTER_PAGES = {14: "A", 15: "B"}


class DS2423(Slave):
    """Dual counter, family 1D; counter values are Signals (ramp = pulse rate)."""

    family = 0x1D
    model = "DS2423"

    def __init__(
        self,
        rom: Rom,
        *,
        counter_a: float = 0,
        counter_b: float = 0,
        crc_error_rate: float = 0.0,
    ) -> None:
        """Counters start at these values; memory is blank."""
        self.counters = {
            "A": Signal.constant(float(counter_a)),
            "B": Signal.constant(float(counter_b)),
        }
        self.memory = bytearray(PAGE_SIZE * PAGES)
        super().__init__(rom, crc_error_rate=crc_error_rate)

    @override
    def power_on(self) -> None:
        """The counters and memory are battery-backed: nothing changes."""

    def counter(self, channel: str) -> int:
        """The counter's value now."""
        return math.floor(self.counters[channel].at(self.now())) & 0xFFFFFFFF

    def _signal(self, attribute: str) -> Signal:
        channel = attribute.removeprefix("counter.").upper()
        if channel not in self.counters:
            raise SettingError(f"DS2423 counters are counter.A/B, not {attribute!r}")
        return self.counters[channel]

    @override
    def set_value(self, attribute: str, value: float, at: float) -> None:
        self._signal(attribute).set(float(value), at)

    @override
    def ramp_value(
        self, attribute: str, target: float, duration: float, at: float
    ) -> None:
        self._signal(attribute).ramp(float(target), duration, at)

    @override
    def snapshot(self) -> dict[str, object]:
        return {**super().snapshot(), "A": self.counter("A"), "B": self.counter("B")}

    @override
    def function_program(self) -> Program:
        command = yield from self.read_command()
        low = yield from receive_byte()
        high = yield from receive_byte()
        address = (low | high << 8) % (PAGE_SIZE * PAGES)
        match command:
            case 0xF0:  # Read Memory
                yield from send_bytes(self.memory[address:])
                yield from repeat_byte(0xFF)
            case 0xA5:  # Read Memory + Counter
                pending = bytearray((command, low, high))
                page = address // PAGE_SIZE
                while page < PAGES:
                    end = (page + 1) * PAGE_SIZE
                    data = bytes(self.memory[address:end])
                    channel = COUNTER_PAGES.get(page)
                    count = self.counter(channel) if channel else 0
                    block = data + count.to_bytes(4, "little") + bytes(4)
                    pending += block
                    yield from self.send_protected(block + crc16_bytes(pending))
                    pending = bytearray()
                    page += 1
                    address = end
                yield from repeat_byte(0xFF)
