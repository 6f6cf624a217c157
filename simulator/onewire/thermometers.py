"""DS18B20, DS1822 and DS18S20 digital thermometers.

What owserver relies on, from the datasheets:

- Scratchpad (9 bytes, CRC8 last): temperature LSB/MSB, TH, TL, then the
  configuration register (DS18B20/DS1822: resolution bits R1 R0 = bits 6..5)
  or, on the DS18S20, two 0xFF bytes, COUNT_REMAIN and COUNT_PER_C (0x10).
- Power-on: the temperature register holds +85 °C (0x0550; DS18S20 0x00AA)
  until the first conversion; TH, TL and configuration come from EEPROM.
- Convert T (0x44) takes 93.75/187.5/375/750 ms at 9/10/11/12 bits
  (DS18S20: 750 ms). An externally powered chip answers read slots with 0
  while converting and 1 when done; a parasite-powered one needs the
  master's strong pull-up right after the command, or it browns out and
  comes back from a power-on reset (85 °C again).
- After a conversion the alarm flag is set when the temperature's integer
  part is >= TH or <= TL; the chip then answers a Conditional Search.
- Read Power Supply (0xB4): parasite chips pull the slot low.
- Write Scratchpad (0x4E: TH, TL[, configuration]), Copy Scratchpad (0x48,
  10 ms), Recall EEPROM (0xB8).

``conversion_factor`` > 1 makes a slow chip (a clone that converts slower
than the datasheet promises); ``brownouts`` = n makes its next n conversions
end in a power-on reset (a marginal supply sagging under the conversion
current), so the scratchpad holds 85 °C again.
"""

import math
from typing import ClassVar, override

from .analog import Signal
from .crc import crc8
from .rom import Rom
from .slave import SettingError, Slave
from .slots import RELEASE, Program, busy_slots, receive_byte, send_bit

CONVERT_T = 0x44
READ_SCRATCHPAD = 0xBE
WRITE_SCRATCHPAD = 0x4E
COPY_SCRATCHPAD = 0x48
RECALL_EEPROM = 0xB8
READ_POWER_SUPPLY = 0xB4

#: Conversion time by resolution (datasheet maximum).
CONVERSION_TIMES = {9: 0.09375, 10: 0.1875, 11: 0.375, 12: 0.75}
COPY_TIME = 0.010
POWER_ON_CELSIUS = 85.0
MIN_CELSIUS = -55.0
MAX_CELSIUS = 125.0
#: TH/TL that never alarm, the emulator's default EEPROM contents.
NO_ALARM_HIGH = 125
NO_ALARM_LOW = -55


def _signed_byte(value: int) -> int:
    return value - 256 if value & 0x80 else value


class Thermometer(Slave):
    """Common behaviour of the DS18x20 family (subclasses fix the format)."""

    family: ClassVar[int] = 0x28
    model: ClassVar[str] = "DS18B20"
    #: Whether the chip has a configuration register (resolution).
    has_configuration: ClassVar[bool] = True

    def __init__(
        self,
        rom: Rom,
        *,
        temperature: float = 20.0,
        resolution: int = 12,
        temphigh: int = NO_ALARM_HIGH,
        templow: int = NO_ALARM_LOW,
        parasite: bool = False,
        conversion_factor: float = 1.0,
        brownouts: int = 0,
        crc_error_rate: float = 0.0,
    ) -> None:
        """A thermometer in a room at ``temperature`` °C (a Signal, see set_value)."""
        if resolution not in CONVERSION_TIMES:
            raise SettingError(f"resolution {resolution} is not one of 9..12")
        self.room = Signal.constant(float(temperature))
        self.parasite = parasite
        self.conversion_factor = conversion_factor
        self.eeprom = bytearray(
            (temphigh & 0xFF, templow & 0xFF, self._config_byte(resolution))
        )
        self.conversions = 0
        self.brownouts = brownouts
        super().__init__(rom, crc_error_rate=crc_error_rate)

    # ---------------------------------------------------------- registers

    @staticmethod
    def _config_byte(resolution: int) -> int:
        return 0x1F | ((resolution - 9) << 5)

    @override
    def power_on(self) -> None:
        self.temphigh_register = self.eeprom[0]
        self.templow_register = self.eeprom[1]
        self.config = self.eeprom[2]
        self.raw = self._encode(POWER_ON_CELSIUS)
        self.alarm_flag = False
        self._converting_until: float | None = None
        self._conversion_started = 0.0
        self._conversion_slot = -1
        self._pulled_up = False
        self._browning_out = False

    @property
    def resolution(self) -> int:
        """The resolution in the scratchpad's configuration register."""
        if not self.has_configuration:
            return 9
        return 9 + ((self.config >> 5) & 0x03)

    @property
    def conversion_time(self) -> float:
        """How long this chip's next conversion takes, in bus seconds."""
        return CONVERSION_TIMES[self.resolution] * self.conversion_factor

    def _encode(self, celsius: float) -> int:
        """The 16-bit temperature register for celsius at this resolution."""
        celsius = min(MAX_CELSIUS, max(MIN_CELSIUS, celsius))
        step = 12 - self.resolution
        sixteenths = math.floor(celsius * 16 / (1 << step) + 0.5) << step
        return sixteenths & 0xFFFF

    @property
    def _signed_raw(self) -> int:
        """The temperature register as a signed 16-bit number."""
        return self.raw - 0x10000 if self.raw & 0x8000 else self.raw

    def _celsius(self) -> float:
        return self._signed_raw / 16

    def _scratchpad_bytes_4_to_6(self) -> tuple[int, int, int]:
        """Configuration, reserved, reserved (the DS18S20 has other bytes here)."""
        return self.config, 0xFF, 0x0C

    def scratchpad(self) -> bytes:
        """The 9 scratchpad bytes as the chip would send them now."""
        self.settle()
        body = bytes(
            (
                self.raw & 0xFF,
                self.raw >> 8,
                self.temphigh_register,
                self.templow_register,
                *self._scratchpad_bytes_4_to_6(),
                0x10,
            )
        )
        return body + bytes((crc8(body),))

    # --------------------------------------------------------- conversion

    def _start_conversion(self) -> None:
        self.settle()
        now = self.now()
        self._conversion_started = now
        self._converting_until = now + self.conversion_time
        self._pulled_up = False
        self._browning_out = self.brownouts > 0
        self.brownouts = max(0, self.brownouts - 1)
        self._conversion_slot = self.bus.slot_count if self.bus is not None else -1
        self.conversions += 1
        if self.bus is not None:
            self.bus.note_conversion(self, "temperature", self.conversion_time)

    def on_strong_pullup(self, slot_count: int) -> None:
        """The master switched the strong pull-up on (parasite power)."""
        if self._converting_until is not None and slot_count == self._conversion_slot:
            self._pulled_up = True

    @property
    def converting(self) -> bool:
        """Whether a conversion is still running."""
        self.settle()
        return self._converting_until is not None

    def settle(self) -> None:
        """Finish a conversion whose time is up."""
        if self._converting_until is None or self.now() < self._converting_until:
            return
        self._converting_until = None
        if self._browning_out or (self.parasite and not self._pulled_up):
            if self.bus is not None:
                self.bus.note_fault("brownout", self)
            self.power_on()
            return
        self.raw = self._encode(self.room.at(self._conversion_started))
        whole = self._celsius_whole()
        self.alarm_flag = whole >= _signed_byte(
            self.temphigh_register
        ) or whole <= _signed_byte(self.templow_register)

    def _celsius_whole(self) -> int:
        return math.floor(self._celsius())

    @override
    def alarm(self) -> bool:
        self.settle()
        return self.alarm_flag

    # ------------------------------------------------------------- world

    @override
    def set_value(self, attribute: str, value: float, at: float) -> None:
        if attribute != "temperature":
            super().set_value(attribute, value, at)
        self.room.set(float(value), at)

    @override
    def ramp_value(
        self, attribute: str, target: float, duration: float, at: float
    ) -> None:
        if attribute != "temperature":
            super().ramp_value(attribute, target, duration, at)
        self.room.ramp(float(target), duration, at)

    @override
    def snapshot(self) -> dict[str, object]:
        self.settle()
        return {
            **super().snapshot(),
            "temperature": self._celsius(),
            "room": self.room.at(self.now()),
            "resolution": self.resolution,
            "temphigh": _signed_byte(self.temphigh_register),
            "templow": _signed_byte(self.templow_register),
            "alarm": self.alarm_flag,
            "parasite": self.parasite,
            "conversions": self.conversions,
        }

    # ---------------------------------------------------------- commands

    @override
    def function_program(self) -> Program:
        command = yield from self.read_command()
        match command:
            case 0x44:  # Convert T
                self._start_conversion()
                yield from busy_slots(lambda: self.converting and not self.parasite)
            case 0xBE:  # Read Scratchpad
                yield from self.send_protected(self.scratchpad())
            case 0x4E:  # Write Scratchpad
                yield from self._write_scratchpad()
            case 0x48:  # Copy Scratchpad
                self.settle()
                self.eeprom[:] = bytes(
                    (self.temphigh_register, self.templow_register, self.config)
                )
                yield from self._busy(COPY_TIME)
            case 0xB8:  # Recall EEPROM
                self.temphigh_register, self.templow_register = self.eeprom[:2]
                if self.has_configuration:
                    self.config = self.eeprom[2]
                yield from self._busy(0.0)
            case 0xB4:  # Read Power Supply
                while True:
                    yield from send_bit(0 if self.parasite else 1)

    def _busy(self, seconds: float) -> Program:
        until = self.now() + seconds
        yield from busy_slots(lambda: self.now() < until)

    def _write_scratchpad(self) -> Program:
        self.settle()
        self.temphigh_register = yield from receive_byte()
        self.templow_register = yield from receive_byte()
        if self.has_configuration:
            value = yield from receive_byte()
            self.config = (value & 0x60) | 0x1F
        while True:
            yield RELEASE


class DS18B20(Thermometer):
    """Programmable-resolution thermometer, family 28."""

    family = 0x28
    model = "DS18B20"


class DS1822(Thermometer):
    """The DS18B20's econo sibling (same registers), family 22."""

    family = 0x22
    model = "DS1822"


class DS18S20(Thermometer):
    """Fixed 9-bit thermometer with COUNT_REMAIN for extra precision, family 10."""

    family = 0x10
    model = "DS18S20"
    has_configuration = False

    def __init__(self, rom: Rom, **options: object) -> None:
        """As Thermometer; resolution is fixed (9 bits, 750 ms)."""
        options.pop("resolution", None)
        super().__init__(rom, **options)  # type: ignore[arg-type]

    @property
    @override
    def conversion_time(self) -> float:
        return CONVERSION_TIMES[12] * self.conversion_factor

    @override
    def power_on(self) -> None:
        super().power_on()
        self.raw = 0x00AA  # +85 °C in half degrees
        self.count_remain = 0x0C

    @override
    def _encode(self, celsius: float) -> int:
        celsius = min(MAX_CELSIUS, max(MIN_CELSIUS, celsius))
        whole = math.floor(celsius + 0.25)
        # TEMPERATURE = whole - 0.25 + (16 - COUNT_REMAIN) / 16
        self.count_remain = min(16, max(0, round((0.75 - (celsius - whole)) * 16)))
        half = 1 if celsius - whole >= 0.25 else 0
        return (whole * 2 + half) & 0xFFFF

    @override
    def _celsius(self) -> float:
        return (self._signed_raw >> 1) - 0.25 + (16 - self.count_remain) / 16

    @override
    def _celsius_whole(self) -> int:
        return self._signed_raw >> 1

    @override
    def _scratchpad_bytes_4_to_6(self) -> tuple[int, int, int]:
        """Reserved, reserved, COUNT REMAIN (the extended-resolution count)."""
        return 0xFF, 0xFF, self.count_remain
