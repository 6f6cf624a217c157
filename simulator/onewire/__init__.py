r"""An emulated 1-Wire bus behind an emulated network bus master.

The real Debian ``owserver`` drives it exactly as it drives hardware: the
emulator is a DS9097U (DS2480B line driver) reached through a network serial
server (telnet with RFC 2217 port settings), so ``owserver -d 127.0.0.1:PORT``
runs its own reset, search, conditional search, Match/Skip ROM, byte I/O and
strong pull-up code against modelled chips with real CRCs and real timing:

* DS18B20, DS1822, DS18S20 thermometers (scratchpad, TH/TL, resolution,
  conversion times, the 85 °C power-on value, alarms, parasite power);
* DS2408, DS2406, DS2413 switches (PIO latches and pins, activity latches,
  conditional search);
* DS2438 battery monitor (temperature, VAD, VDD), DS2423 counters, DS2409
  coupler with devices on its main and aux branches.

Run it::

    python -m simulator.onewire --port 0 --bus simulator/onewire_buses/sample.yaml
    owserver --foreground -p 127.0.0.1:4304 -d 127.0.0.1:PORT

Use it in tests (``tests/peers/onewire_bus.py`` has fixtures)::

    emulator = OneWireEmulator.from_description(BusDescription.load(path))
    emulator.start_in_thread()          # or: async with emulator: ...
    ...owserver -d 127.0.0.1:emulator.port...
    emulator.set_value("28.000000000001", "temperature", 25.0)
    emulator.set_value("29.000000000001", "input.3", 0)
    emulator.vanish("28.000000000002"); emulator.reappear(...)
    emulator.short(); emulator.unshort(); emulator.go_silent(); emulator.resume()
    emulator.bus.transactions(rom_command=0xCC, function=0x44)   # what owserver did
    emulator.bus.conversions()
    emulator.stop_thread()

The bus model is usable without any network (``OneWireBus``, ``reset()``,
``slot()``, ``touch_byte()``), with a ``ManualClock`` for unit tests.
"""

from .bus import OneWireBus, ResetResult, Segment
from .clock import BusClock, ManualClock, ScaledClock
from .counters import DS2423
from .coupler import DS2409
from .crc import crc8, crc16, crc16_bytes, crc16_valid
from .description import BusDescription, DescriptionError, model_class
from .ds2480 import DS2480B
from .monitors import DS2438
from .records import Conversion, Fault, Transaction
from .rom import Rom, RomError
from .server import OneWireEmulator
from .slave import SettingError, Slave
from .switches import DS2406, DS2408, DS2413
from .thermometers import DS18B20, DS18S20, DS1822
from .timeline import Event, Timeline, TimelineError

__all__ = [
    "DS18B20",
    "DS18S20",
    "DS1822",
    "DS2406",
    "DS2408",
    "DS2409",
    "DS2413",
    "DS2423",
    "DS2438",
    "DS2480B",
    "BusClock",
    "BusDescription",
    "Conversion",
    "DescriptionError",
    "Event",
    "Fault",
    "ManualClock",
    "OneWireBus",
    "OneWireEmulator",
    "ResetResult",
    "Rom",
    "RomError",
    "ScaledClock",
    "Segment",
    "SettingError",
    "Slave",
    "Timeline",
    "TimelineError",
    "Transaction",
    "crc8",
    "crc16",
    "crc16_bytes",
    "crc16_valid",
    "model_class",
]
