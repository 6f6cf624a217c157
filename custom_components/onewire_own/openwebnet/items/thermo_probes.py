"""WHO 4 - temperature probes that are not a zone's master probe.

A probe is addressed ``pZZ``: probe p (1-9) of zone ZZ (``105`` is probe 1
of zone 5). Slave probes of a zone report ``*#4*pZZ*0*TTTT##`` (an MH200N
answers them in its zone sweep, MyHOME ``issue_466``); external probes
belong to zone ``00`` (``500`` is external probe 5, openHAB's README) and
report dimension 15, ``*#4*p00*15*<n>*TTTT##``, with the temperature in the
second value (BTicino libqtdevices ``NonControlledProbeDevice``; openwebnet4j
reads it there too). ``0ZZ``, all the probes of zone ZZ, is a request
address, never an item. A probe's reading is never routed to its zone's
climate entity: it measures somewhere else.
"""

from typing import ClassVar, Final, override

from ..frames import Command, DimensionReply, DimensionRequest, Frame
from ..where import Where
from .base import FrameSender, Item, ItemEvent, changed
from .thermoregulation import DIMENSION_TEMPERATURE, WHO, decode_temperature

DIMENSION_EXTERNAL_TEMPERATURE: Final = "15"
EXTERNAL_ZONE: Final = 0


def probe_where(where: Where) -> str | None:
    """The WHERE of the probe a WHO 4 frame is about (``pZZ``), or None."""
    address = where.address
    if where.params or len(address) != 3 or not address.isdigit():
        return None
    return address if address[0] != "0" else None


def decode_probe_temperature(text: str) -> float | None:
    """``TTTT`` (sign and tenths), or the three-digit tenths some probes send."""
    if len(text) == 3 and text.isdigit():
        return int(text) / 10
    return decode_temperature(text)


class ThermoProbe(Item):
    """A slave probe of a zone, or an external probe (zone ``00``)."""

    who: ClassVar[int] = WHO

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create a probe whose temperature is unknown until reported."""
        super().__init__(sender, where)
        self.temperature: float | None = None

    @property
    def probe(self) -> int:
        """The probe's number (1-9)."""
        return int(self.where[0])

    @property
    def zone(self) -> int:
        """The zone it belongs to (0: an external probe)."""
        return int(self.where[1:])

    @property
    def is_external(self) -> bool:
        """An outdoor probe (zone ``00``), which reports dimension 15."""
        return self.zone == EXTERNAL_ZONE

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if isinstance(frame, Command):
            return []
        values = frame.values
        match frame.dimension:
            case "0":
                return changed(self, temperature=decode_temperature(values[0]))
            case "15" if len(values) >= 2:
                return changed(self, temperature=decode_probe_temperature(values[1]))
        return []

    @override
    def refresh_requests(self) -> list[Frame]:
        if self.is_external:
            return [
                DimensionRequest(
                    WHO,
                    self._where,
                    DIMENSION_EXTERNAL_TEMPERATURE,
                    dimension_params=("1",),
                )
            ]
        return [DimensionRequest(WHO, self._where, DIMENSION_TEMPERATURE)]
