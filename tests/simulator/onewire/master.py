"""A bus master for the emulator's unit tests, written from the datasheets.

It drives ``OneWireBus`` slot by slot the way application note 187 and the
chips' datasheets describe, independently of the emulated DS2480B, so that a
mistake shared by the adapter model and the chips cannot hide itself.
"""

from simulator.onewire import OneWireBus, ResetResult, Rom
from simulator.onewire.crc import crc8

READ_ROM = 0x33
MATCH_ROM = 0x55
SKIP_ROM = 0xCC
SEARCH_ROM = 0xF0
CONDITIONAL_SEARCH = 0xEC
RESUME = 0xA5


def write(bus: OneWireBus, *data: int) -> None:
    """Write bytes (the answers are ignored)."""
    bus.touch_bytes(bytes(data))


def read(bus: OneWireBus, count: int) -> bytes:
    """Read count bytes (write-1 slots)."""
    return bus.touch_bytes(b"\xff" * count)


def select(bus: OneWireBus, rom: Rom) -> None:
    """Reset and Match ROM."""
    assert bus.reset() is ResetResult.PRESENCE
    write(bus, MATCH_ROM, *rom.data)


def skip(bus: OneWireBus) -> None:
    """Reset and Skip ROM."""
    assert bus.reset() is ResetResult.PRESENCE
    write(bus, SKIP_ROM)


def search(bus: OneWireBus, command: int = SEARCH_ROM) -> list[Rom]:
    """Every ROM the (conditional) search finds, in discovery order (AN187)."""
    found: list[Rom] = []
    last_discrepancy = -1
    previous = 0
    while True:
        if bus.reset() is not ResetResult.PRESENCE:
            return found
        write(bus, command)
        value = 0
        last_zero = -1
        for index in range(64):
            bit = bus.slot(1)
            complement = bus.slot(1)
            if bit and complement:
                return found  # nobody (left) answers
            if bit != complement:
                direction = bit
            elif index < last_discrepancy:
                direction = (previous >> index) & 1
            else:
                direction = 1 if index == last_discrepancy else 0
            if not bit and not complement and direction == 0:
                last_zero = index
            bus.slot(direction)
            value |= direction << index
        rom_bytes = value.to_bytes(8, "little")
        assert crc8(rom_bytes) == 0, f"search produced a bad ROM {rom_bytes.hex()}"
        found.append(Rom(rom_bytes))
        previous = value
        last_discrepancy = last_zero
        if last_discrepancy == -1:
            return found
