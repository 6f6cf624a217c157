"""DS2438 smart battery monitor: temperature, VAD/VDD voltages, pages of memory.

Memory is eight 8-byte pages reached through a scratchpad: Recall Memory
(0xB8 page) copies a page to the scratchpad, Read Scratchpad (0xBE page)
sends its 8 bytes and a CRC8, Write Scratchpad (0x4E page) and Copy
Scratchpad (0x48 page) go the other way. Page 0 holds status/configuration
(IAD, CA, EE, AD; TB and ADB busy flags), temperature (13 bits, 1/32 °C,
left-aligned), voltage (10 mV steps; AD=1 selects VDD, 0 VAD), current and
threshold. Convert T (0x44) and Convert V (0xB4) take up to 10 ms and write
page 0 of memory. Humidity probes (HIH-4000 on VAD) are computed by
owserver from VAD, VDD and temperature.
"""

import math
from typing import override

from .analog import Signal
from .crc import crc8
from .rom import Rom
from .slave import SettingError, Slave
from .slots import RELEASE, Program, busy_slots, receive_byte

CONVERSION_TIME = 0.010
ANALOG = ("temperature", "vad", "vdd")


class DS2438(Slave):
    """Battery monitor, family 26."""

    family = 0x26
    model = "DS2438"
    supports_resume = False

    def __init__(
        self,
        rom: Rom,
        *,
        temperature: float = 20.0,
        vad: float = 2.0,
        vdd: float = 5.0,
        crc_error_rate: float = 0.0,
    ) -> None:
        """A monitor whose sensors see these values (Signals; see set_value)."""
        self.signals = {
            "temperature": Signal.constant(float(temperature)),
            "vad": Signal.constant(float(vad)),
            "vdd": Signal.constant(float(vdd)),
        }
        # Pages 1..7 of EEPROM/SRAM survive power loss (pages 3..7 user data).
        self.nonvolatile = [bytearray(8) for _ in range(8)]
        self.nonvolatile[0][0] = 0x0F  # IAD, CA, EE, AD set (datasheet default)
        super().__init__(rom, crc_error_rate=crc_error_rate)

    @override
    def power_on(self) -> None:
        self.memory = [bytearray(page) for page in self.nonvolatile]
        self.scratchpad = [bytearray(page) for page in self.memory]
        self._temperature_until = 0.0
        self._voltage_until = 0.0

    def _busy(self) -> bool:
        now = self.now()
        return now < self._temperature_until or now < self._voltage_until

    def _convert_temperature(self) -> None:
        celsius = min(125.0, max(-55.0, self.signals["temperature"].at(self.now())))
        raw = (math.floor(celsius * 32 + 0.5) << 3) & 0xFFFF
        self.memory[0][1] = raw & 0xFF
        self.memory[0][2] = raw >> 8
        self._temperature_until = self.now() + CONVERSION_TIME
        if self.bus is not None:
            self.bus.note_conversion(self, "temperature", CONVERSION_TIME)

    def _convert_voltage(self) -> None:
        source = "vdd" if self.memory[0][0] & 0x08 else "vad"
        volts = min(10.23, max(0.0, self.signals[source].at(self.now())))
        raw = round(volts * 100)
        self.memory[0][3] = raw & 0xFF
        self.memory[0][4] = raw >> 8
        self._voltage_until = self.now() + CONVERSION_TIME
        if self.bus is not None:
            self.bus.note_conversion(self, "voltage", CONVERSION_TIME)

    def page(self, number: int) -> bytes:
        """Memory page number as stored now."""
        return bytes(self.memory[number])

    @override
    def set_value(self, attribute: str, value: float, at: float) -> None:
        if attribute not in self.signals:
            raise SettingError(f"DS2438 analog inputs are {ANALOG}, not {attribute!r}")
        self.signals[attribute].set(float(value), at)

    @override
    def ramp_value(
        self, attribute: str, target: float, duration: float, at: float
    ) -> None:
        if attribute not in self.signals:
            raise SettingError(f"DS2438 analog inputs are {ANALOG}, not {attribute!r}")
        self.signals[attribute].ramp(float(target), duration, at)

    @override
    def snapshot(self) -> dict[str, object]:
        now = self.now()
        return {
            **super().snapshot(),
            **{name: signal.at(now) for name, signal in self.signals.items()},
        }

    @override
    def function_program(self) -> Program:
        command = yield from self.read_command()
        match command:
            case 0x44:  # Convert T
                self._convert_temperature()
                yield from self._busy_slots()
            case 0xB4:  # Convert V
                self._convert_voltage()
                yield from self._busy_slots()
            case 0xB8:  # Recall Memory page
                number = (yield from receive_byte()) & 0x07
                self.scratchpad[number][:] = self._page_with_flags(number)
            case 0xBE:  # Read Scratchpad page
                number = (yield from receive_byte()) & 0x07
                data = bytes(self.scratchpad[number])
                yield from self.send_protected(data + bytes((crc8(data),)))
                while True:
                    yield RELEASE
            case 0x4E:  # Write Scratchpad page
                number = (yield from receive_byte()) & 0x07
                yield from self._write_scratchpad(number)
            case 0x48:  # Copy Scratchpad page
                number = (yield from receive_byte()) & 0x07
                self._copy(number)
                yield from self._busy_slots()

    def _page_with_flags(self, number: int) -> bytearray:
        data = bytearray(self.memory[number])
        if number == 0:
            now = self.now()
            flags = (0x10 if now < self._temperature_until else 0) | (
                0x40 if now < self._voltage_until else 0
            )
            data[0] = (data[0] & 0x0F) | flags
        return data

    def _write_scratchpad(self, number: int) -> Program:
        for offset in range(8):
            value = yield from receive_byte()
            if number == 0 and offset == 0:
                # The configuration bits act at once (owserver selects VAD or
                # VDD this way, without a copy).
                value = (self.scratchpad[0][0] & 0xF0) | (value & 0x0F)
                self.memory[0][0] = (self.memory[0][0] & 0xF0) | (value & 0x0F)
            elif number == 0 and 1 <= offset <= 6:
                continue  # measurement registers are read-only
            self.scratchpad[number][offset] = value
        while True:
            yield RELEASE

    def _copy(self, number: int) -> None:
        source = self.scratchpad[number]
        if number == 0:
            self.memory[0][0] = (self.memory[0][0] & 0xF0) | (source[0] & 0x0F)
            self.memory[0][7] = source[7]
            self.nonvolatile[0][0] = self.memory[0][0] & 0x0F
        else:
            self.memory[number][:] = source
            self.nonvolatile[number][:] = source

    def _busy_slots(self) -> Program:
        yield from busy_slots(self._busy)
