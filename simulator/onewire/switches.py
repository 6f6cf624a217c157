"""DS2408, DS2406 and DS2413 addressable switches.

Each PIO is an open-drain output transistor on a pin that the outside world
may also pull low (a contact, a button). The pin's level (``sensed``) is low
when the transistor is on (output latch 0) or when the input is pulled low.
The DS2408 and DS2406 keep an *activity latch* per channel, set whenever the
pin's level changes and cleared by command; with the conditional-search
registers set up, a latched change makes the chip answer a Conditional
Search, which is how owserver fills ``/alarm``.

The world drives a pin with ``set_value("input.N", 0 or 1)`` (1 = released,
pulled up; 0 = pulled low), channels named 0..7 (DS2408) or A/B.
"""

from typing import ClassVar, override

from .crc import crc16_bytes
from .rom import Rom
from .slave import SettingError, Slave
from .slots import RELEASE, Program, receive_byte, repeat_byte, send_byte

ACCESS_CONFIRMATION = 0xAA


class Switch(Slave):
    """Pins, output latches and activity latches of an n-channel switch."""

    channels: ClassVar[tuple[str, ...]]

    def __init__(
        self,
        rom: Rom,
        *,
        inputs: dict[str, int] | None = None,
        vcc: bool = True,
        crc_error_rate: float = 0.0,
    ) -> None:
        """A switch whose inputs are released (high) unless given."""
        self.inputs = (1 << len(self.channels)) - 1
        self.vcc = vcc
        for channel, level in (inputs or {}).items():
            self._set_input_bit(channel, level)
        super().__init__(rom, crc_error_rate=crc_error_rate)

    @override
    def power_on(self) -> None:
        self.outputs = (1 << len(self.channels)) - 1  # every transistor off
        self.activity = 0
        self._last_sensed = self.sensed

    @property
    def sensed(self) -> int:
        """The pins' levels (bit n = channel n; 1 = high)."""
        return self.outputs & self.inputs

    def _channel_index(self, channel: str) -> int:
        name = channel.removeprefix("input.").upper()
        if name not in self.channels:
            raise SettingError(f"{self.model} has no channel {channel!r}")
        return self.channels.index(name)

    def _set_input_bit(self, channel: str, level: float) -> None:
        mask = 1 << self._channel_index(channel)
        self.inputs = self.inputs | mask if level else self.inputs & ~mask

    def _pins_changed(self) -> None:
        """Latch activity on every pin whose level changed."""
        sensed = self.sensed
        self.activity |= sensed ^ self._last_sensed
        self._last_sensed = sensed

    def set_outputs(self, outputs: int) -> None:
        """Write the output latches (0 = transistor on)."""
        self.outputs = outputs & ((1 << len(self.channels)) - 1)
        self._pins_changed()

    @override
    def set_value(self, attribute: str, value: float, at: float) -> None:
        if not attribute.startswith("input."):
            super().set_value(attribute, value, at)
        self._set_input_bit(attribute, value)
        self._pins_changed()

    def press(self, channel: str) -> None:
        """A short press: the input goes low and is released again."""
        self.set_value(f"input.{channel}", 0, self.now())
        self.set_value(f"input.{channel}", 1, self.now())

    @override
    def snapshot(self) -> dict[str, object]:
        bits = len(self.channels)
        return {
            **super().snapshot(),
            "sensed": [(self.sensed >> n) & 1 for n in range(bits)],
            "outputs": [(self.outputs >> n) & 1 for n in range(bits)],
            "activity": [(self.activity >> n) & 1 for n in range(bits)],
            "alarm": self.alarm(),
        }


class DS2408(Switch):
    """8-channel switch, family 29: register page 0x88..0x8F."""

    family = 0x29
    model = "DS2408"
    supports_resume = True
    channels = tuple(str(n) for n in range(8))

    @override
    def power_on(self) -> None:
        super().power_on()
        self.search_mask = 0
        self.search_polarity = 0
        # PLS=0, CT=0, ROS=0, PORL=1 (a power-on reset happened), VCCP.
        self.control = 0x08 | (0x80 if self.vcc else 0)

    def registers(self) -> bytes:
        """Registers 0x88..0x8F."""
        return bytes(
            (
                self.sensed,
                self.outputs,
                self.activity,
                self.search_mask,
                self.search_polarity,
                self.control,
                0xFF,
                0xFF,
            )
        )

    @override
    def alarm(self) -> bool:
        if self.control & 0x08:  # PORL: answers until cleared
            return True
        if not self.search_mask:
            return False
        source = self.activity if self.control & 0x01 else self.sensed
        matches = ~(source ^ self.search_polarity) & self.search_mask
        if self.control & 0x02:  # AND of the selected channels
            return matches == self.search_mask
        return matches != 0

    def _write_register(self, address: int, value: int) -> None:
        match address:
            case 0x8B:
                self.search_mask = value
            case 0x8C:
                self.search_polarity = value
            case 0x8D:
                # Bits 0..2 writable; PORL can only be cleared; VCCP read-only.
                self.control = (
                    (value & 0x07)
                    | (self.control & 0x08 & value)
                    | (self.control & 0x80)
                )

    @override
    def function_program(self) -> Program:
        command = yield from self.read_command()
        match command:
            case 0xF0:  # Read PIO Registers
                low = yield from receive_byte()
                high = yield from receive_byte()
                address = low | high << 8
                if not 0x88 <= address <= 0x8F:
                    return
                data = self.registers()[address - 0x88 :]
                header = bytes((command, low, high))
                yield from self.send_protected(data + crc16_bytes(header + data))
                yield from repeat_byte(0xFF)
            case 0xF5:  # Channel-Access Read
                yield from self._access_read(command)
            case 0x5A:  # Channel-Access Write
                while True:
                    value = yield from receive_byte()
                    inverted = yield from receive_byte()
                    if value ^ inverted != 0xFF:
                        return
                    self.set_outputs(value)
                    yield from send_byte(ACCESS_CONFIRMATION)
                    yield from send_byte(self.sensed)
            case 0xCC:  # Write Conditional Search Register
                low = yield from receive_byte()
                high = yield from receive_byte()
                address = low | high << 8
                while 0x8B <= address <= 0x8D:
                    self._write_register(address, (yield from receive_byte()))
                    address += 1
            case 0xC3:  # Reset Activity Latches
                self.activity = 0
                yield from repeat_byte(ACCESS_CONFIRMATION)

    def _access_read(self, command: int) -> Program:
        header = bytes((command,))
        while True:
            block = bytearray()
            for _ in range(32):
                block.append(self.sensed)
                yield from send_byte(block[-1])
            yield from self.send_protected(crc16_bytes(header + block))
            header = b""


class DS2413(Switch):
    """2-channel switch, family 3A: one PIO status byte, no activity latch."""

    family = 0x3A
    model = "DS2413"
    supports_resume = True
    channels = ("A", "B")

    def status(self) -> int:
        """PIO status: pin A, latch A, pin B, latch B; high nibble inverted."""
        sensed, outputs = self.sensed, self.outputs
        low = (
            (sensed & 1)
            | (outputs & 1) << 1
            | ((sensed >> 1) & 1) << 2
            | ((outputs >> 1) & 1) << 3
        )
        return low | ((~low & 0x0F) << 4)

    @override
    def function_program(self) -> Program:
        command = yield from self.read_command()
        match command:
            case 0xF5:  # PIO Access Read
                while True:
                    yield from self.send_protected(bytes((self.status(),)))
            case 0x5A:  # PIO Access Write
                while True:
                    value = yield from receive_byte()
                    inverted = yield from receive_byte()
                    if value ^ inverted != 0xFF:
                        return
                    self.set_outputs(value & 0x03)
                    yield from send_byte(ACCESS_CONFIRMATION)
                    yield from send_byte(self.status())


class DS2406(Switch):
    """Dual switch with 1 kbit EPROM, family 12.

    owserver reads it through Channel Access (0xF5) and writes its
    flip-flops and conditional-search selection through status byte 7
    (SRAM): CSS0 polarity, CSS2..1 source (01 latch, 10 flip-flop, 11 pin),
    CSS4..3 channel (01 A, 10 B, 11 A or B; 00 with a source: always),
    bit 5/6 flip-flops A/B (1 = transistor off), bit 7 Vcc present.
    """

    family = 0x12
    model = "DS2406"
    channels = ("A", "B")

    @override
    def power_on(self) -> None:
        super().power_on()
        self.css = 0x1F  # every conditional-search select bit is 1 at power-on

    @property
    def status_byte(self) -> int:
        """Status memory address 7."""
        return self.css | (self.outputs & 0x03) << 5 | (0x80 if self.vcc else 0)

    def status_memory(self) -> bytes:
        """Status memory 0..7 (the EPROM part blank)."""
        return bytes((0xFF,) * 7 + (self.status_byte,))

    def info_byte(self) -> int:
        """The channel info byte of Channel Access."""
        sensed = self.sensed
        return (
            (self.outputs & 0x03)
            | (sensed & 0x03) << 2
            | (self.activity & 0x03) << 4
            | 0x40  # two channels
            | (0x80 if self.vcc else 0)
        )

    @override
    def alarm(self) -> bool:
        channel = (self.css >> 3) & 0x03
        source = (self.css >> 1) & 0x03
        if source == 0:
            return False
        if channel == 0:
            return True
        values = {1: self.activity, 2: self.outputs, 3: self.sensed}[source]
        polarity = self.css & 0x01
        return any(
            (channel >> n) & 1 and ((values >> n) & 1) == polarity for n in range(2)
        )

    @override
    def function_program(self) -> Program:
        command = yield from self.read_command()
        match command:
            case 0xF0:  # Read Memory (blank EPROM)
                yield from receive_byte()
                yield from receive_byte()
                yield from repeat_byte(0xFF)
            case 0xAA:  # Read Status
                low = yield from receive_byte()
                high = yield from receive_byte()
                address = low | high << 8
                if address > 7:
                    return
                data = self.status_memory()[address:]
                header = bytes((command, low, high))
                yield from self.send_protected(data + crc16_bytes(header + data))
                yield from repeat_byte(0xFF)
            case 0x55:  # Write Status
                low = yield from receive_byte()
                high = yield from receive_byte()
                value = yield from receive_byte()
                header = bytes((command, low, high, value))
                yield from self.send_protected(crc16_bytes(header))
                if low | high << 8 == 7:
                    self.css = value & 0x1F
                    self.set_outputs((value >> 5) & 0x03)
                while True:
                    yield RELEASE
            case 0xF5:  # Channel Access
                yield from self._channel_access(command)

    def _channel_access(self, command: int) -> Program:
        first = yield from receive_byte()
        second = yield from receive_byte()
        if first & 0x80:  # ALR: reset the activity latches
            self.activity = 0
        info = self.info_byte()
        yield from send_byte(info)
        pending = bytearray((command, first, second, info))
        crc_every = {0: 0, 1: 1, 2: 8, 3: 32}[first & 0x03]
        count = 0
        while True:
            sample = self._sample(first)
            yield from send_byte(sample)
            pending.append(sample)
            count += 1
            if crc_every and count % crc_every == 0:
                yield from self.send_protected(crc16_bytes(pending))
                pending = bytearray()

    def _sample(self, control: int) -> int:
        """Read-mode data: the selected channel(s)' pin levels, bit by bit."""
        channels = (control >> 2) & 0x03
        sensed = self.sensed
        if channels == 3:
            pair = (sensed & 1) | ((sensed >> 1) & 1) << 1
            return pair * 0x55
        bit = (sensed >> (0 if channels == 1 else 1)) & 1
        return 0xFF if bit else 0x00
