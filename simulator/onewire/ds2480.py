"""The DS2480B serial 1-Wire line driver (the chip in a DS9097U), emulated.

owserver drives it with ``-d HOST:PORT`` as a serial port behind a network
serial server (``telnet``): the real owserver runs its own bus code — resets,
its search algorithm, Match/Skip ROM, byte and bit I/O, strong pull-up for
conversions — and this chip model executes it on the emulated wire.

Protocol (DS2480B datasheet, checked against what owserver sends):

- After a BREAK the chip is in command mode at 9600 baud and takes the next
  command (a reset, 0xC1) as its timing calibration: it is not answered.
- Command mode: 0xE1 switches to data mode; ``1 00 v ss p 1`` writes/reads
  one bit v (answer: the command with bits 1..0 = the bit read), p arms the
  strong pull-up after it; ``1 10 x ss 0 1`` resets the wire (answer
  ``110 cid pp``: chip id 3, presence 01, none 11, short 00);
  ``1 01 a ss 0 1`` switches the search accelerator on (a=1) or off;
  0xF1 ends a pulse (answered); ``0 ppp vvv 1`` writes configuration
  parameter ppp (answer: the byte with bit 0 cleared; the baud-rate
  parameter is answered at the new speed, which is lost here) and
  ``0 000 ppp 1`` reads one (answer ``0 000 vvv 0``).
- Data mode: each byte is written to the wire and the byte read back is the
  answer; 0xE3 switches to command mode, 0xE3 0xE3 is a data byte 0xE3.
  With the accelerator on, each data byte carries four ROM bits of a search
  (direction bits in the odd positions); the answer carries, per ROM bit, a
  discrepancy flag (even) and the direction taken (odd).

Every byte costs bus time: 10 bit times at the configured baud rate each
way, and the 1-Wire slots (65 µs each, 1 ms per reset); ``take_time()``
returns what the answers owe so the server can answer when a real adapter
would.
"""

from enum import Enum

from .bus import OneWireBus, ResetResult

MODE_DATA = 0xE1
MODE_COMMAND = 0xE3
STOP_PULSE = 0xF1
CHIP_ID = 3
SLOT_TIME = 65e-6
RESET_TIME = 1.0e-3
BAUD_RATES = {0: 9600, 1: 19200, 2: 57600, 3: 115200}
BAUD_PARAMETER = 7
#: Power-on parameter values (datasheet defaults: slew 15 V/µs, 512 µs, 16 ms...).
DEFAULT_PARAMETERS = {1: 0, 2: 4, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0}
_PRESENCE_CODES = {
    ResetResult.PRESENCE: 0x01,
    ResetResult.NO_PRESENCE: 0x03,
    ResetResult.SHORT: 0x00,
}


class Mode(Enum):
    """Where the DS2480B sends the next byte."""

    COMMAND = "command"
    DATA = "data"


class DS2480B:
    """One DS2480B on a bus; feed it host bytes, send back what it returns."""

    def __init__(self, bus: OneWireBus) -> None:
        """A chip just powered up (as after a BREAK)."""
        self.bus = bus
        self.parameters = dict(DEFAULT_PARAMETERS)
        self.commands = 0
        self.data_bytes = 0
        self._owed = 0.0
        self.break_signal()

    @property
    def baud_rate(self) -> int:
        """The host-side baud rate now."""
        return BAUD_RATES[self.parameters[BAUD_PARAMETER] & 0x03]

    def break_signal(self) -> None:
        """A BREAK on the serial line: command mode, 9600 baud, recalibrate."""
        self.mode = Mode.COMMAND
        self.accelerator = False
        self.calibrated = False
        self.parameters[BAUD_PARAMETER] = 0
        self._escape = False
        self._end_pulse()

    def take_time(self) -> float:
        """Bus seconds the answers so far have cost; the account is cleared."""
        owed, self._owed = self._owed, 0.0
        return owed

    def feed(self, data: bytes) -> bytes:
        """Process host bytes; return the chip's answers."""
        out = bytearray()
        for byte in data:
            self._owed += 10 / self.baud_rate
            if self.mode is Mode.DATA:
                if self._escape:
                    self._escape = False
                    if byte == MODE_COMMAND:
                        self._data(byte, out)
                    else:
                        self.mode = Mode.COMMAND
                        self._command(byte, out)
                elif byte == MODE_COMMAND:
                    self._escape = True
                else:
                    self._data(byte, out)
            else:
                self._command(byte, out)
        self._owed += len(out) * 10 / self.baud_rate
        return bytes(out)

    # ---------------------------------------------------------- command

    def _command(self, byte: int, out: bytearray) -> None:
        self.commands += 1
        if not self.calibrated:
            self.calibrated = True  # the timing byte: calibrates, no answer
            return
        if byte == MODE_DATA:
            self._end_pulse()
            self.mode = Mode.DATA
        elif byte == MODE_COMMAND:
            return
        elif byte == STOP_PULSE:
            self._end_pulse()
            out.append(byte & 0xFC)
        elif byte & 0x80:
            self._communication(byte, out)
        elif byte & 0x01:
            self._configuration(byte, out)

    def _communication(self, byte: int, out: bytearray) -> None:
        self._end_pulse()
        match byte & 0x60:
            case 0x00:  # single bit
                level = self.bus.slot((byte >> 4) & 1)
                self._owed += SLOT_TIME
                out.append((byte & 0xFC) | (0x03 if level else 0x00))
                if byte & 0x02:
                    self.bus.begin_strong_pullup()
            case 0x20:  # search accelerator on/off
                self.accelerator = bool(byte & 0x10)
            case 0x40:  # reset
                result = self.bus.reset()
                self._owed += RESET_TIME
                out.append(0xC0 | CHIP_ID << 2 | _PRESENCE_CODES[result])
            case _:  # pulse (strong pull-up or programming voltage)
                if not byte & 0x10:
                    self.bus.begin_strong_pullup()
                out.append(byte & 0xFC)

    def _configuration(self, byte: int, out: bytearray) -> None:
        parameter = (byte >> 4) & 0x07
        value = (byte >> 1) & 0x07
        if parameter == 0:
            out.append((self.parameters.get(value, 0) << 1) & 0x0E)
            return
        self.parameters[parameter] = value
        if parameter != BAUD_PARAMETER:
            out.append(byte & 0xFE)

    def _end_pulse(self) -> None:
        if self.bus.strong_pullup:
            self.bus.end_strong_pullup()

    # ------------------------------------------------------------- data

    def _data(self, byte: int, out: bytearray) -> None:
        self.data_bytes += 1
        if self.accelerator:
            out.append(self._search_byte(byte))
            return
        out.append(self.bus.touch_byte(byte))
        self._owed += 8 * SLOT_TIME

    def _search_byte(self, byte: int) -> int:
        """Four ROM bits of a search: read bit, read complement, write direction."""
        answer = 0
        for pair in range(4):
            preferred = (byte >> (2 * pair + 1)) & 1
            bit = self.bus.slot(1)
            complement = self.bus.slot(1)
            if bit != complement:
                discrepancy, direction = 0, bit
            else:
                discrepancy, direction = 1, (preferred if bit == 0 else 1)
            self.bus.slot(direction)
            answer |= discrepancy << (2 * pair) | direction << (2 * pair + 1)
        self._owed += 12 * SLOT_TIME
        return answer
