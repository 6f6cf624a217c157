"""WHO 13 - the gateway itself: model, firmware, MAC, uptime, date and time.

``T`` in times is the time zone as a sign digit and two hour digits
(``001`` = UTC+1); the weekday ``W`` counts from 00 = Sunday.
"""

from datetime import datetime, timedelta, timezone
from typing import ClassVar, Final, override

from ..frames import Command, DimensionReply, DimensionRequest, DimensionWrite, Frame
from .base import FrameSender, Item, ItemEvent, changed

WHO: Final = 13
WHERE: Final = ""
DIMENSION_TIME: Final = "0"
DIMENSION_DATE: Final = "1"
DIMENSION_MAC: Final = "12"
DIMENSION_MODEL: Final = "15"
DIMENSION_FIRMWARE: Final = "16"
DIMENSION_UPTIME: Final = "19"
DIMENSION_DATE_TIME: Final = "22"
INFO_DIMENSIONS: Final = (
    DIMENSION_MODEL,
    DIMENSION_FIRMWARE,
    DIMENSION_MAC,
    DIMENSION_UPTIME,
    DIMENSION_DATE_TIME,
)

#: ``*#13**15*N##`` model numbers from the OpenWebNet gateway documents, and
#: 44 as an MH200N answers it (public capture, OpenWebNet-HA/MyHOME #466).
#: 200 is answered by several models (see ``openwebnet.models``).
MODEL_NAMES: Final = {
    2: "MHServer",
    4: "MH200",
    6: "F452",
    7: "F452V",
    11: "MHServer2",
    12: "H4684",
    44: "MH200N",
    200: "F454/MH202",
}


def parse_zone(text: str) -> timezone:
    """``T`` (``001`` = UTC+1, ``102`` = UTC-2) as a timezone."""
    hours = int(text[1:]) if len(text) == 3 and text.isdigit() else 0
    return timezone(timedelta(hours=-hours if text[:1] == "1" else hours))


def format_date_time(moment: datetime) -> tuple[str, ...]:
    """A datetime as the eight values ``H*M*S*T*W*D*M*Y`` of dimension 22."""
    offset = moment.utcoffset() or timedelta()
    hours = int(offset.total_seconds() // 3600)
    zone = f"{'1' if hours < 0 else '0'}{abs(hours):02d}"
    weekday = (moment.weekday() + 1) % 7
    return (
        f"{moment:%H}",
        f"{moment:%M}",
        f"{moment:%S}",
        zone,
        f"{weekday:02d}",
        f"{moment:%d}",
        f"{moment:%m}",
        f"{moment:%Y}",
    )


def parse_date_time(values: tuple[str, ...]) -> datetime | None:
    """The inverse of ``format_date_time``; None when the values do not fit."""
    try:
        hour, minute, second, zone, _weekday, day, month, year = values[:8]
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            tzinfo=parse_zone(zone),
        )
    except ValueError:
        return None


class GatewayInfo(Item):
    """What the gateway says about itself."""

    who: ClassVar[int] = WHO

    def __init__(self, sender: FrameSender, where: str = WHERE) -> None:
        """Create the gateway item; everything is unknown until asked."""
        super().__init__(sender, where)
        self.model_id: int | None = None
        self.firmware: str | None = None
        self.mac: str | None = None
        self.uptime: timedelta | None = None
        self.date_time: datetime | None = None

    @property
    def model(self) -> str | None:
        """The model's name when known, else ``model <number>``."""
        if self.model_id is None:
            return None
        return MODEL_NAMES.get(self.model_id, f"model {self.model_id}")

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if isinstance(frame, Command):
            return []
        values = frame.values
        match frame.dimension:
            case "15" if values and values[0].isdigit():
                return changed(self, model_id=int(values[0]))
            case "16" if len(values) >= 3:
                return changed(
                    self, firmware=".".join(str(int(v or 0)) for v in values[:3])
                )
            case "12" if len(values) >= 6:
                octets = ":".join(f"{int(v or 0):02x}" for v in values[:6])
                return changed(self, mac=octets)
            case "19" if len(values) >= 4:
                days, hours, minutes, seconds = (int(v or 0) for v in values[:4])
                uptime = timedelta(
                    days=days, hours=hours, minutes=minutes, seconds=seconds
                )
                return changed(self, uptime=uptime)
            case "22":
                moment = parse_date_time(values)
                return [] if moment is None else changed(self, date_time=moment)
        return []

    async def set_date_time(self, moment: datetime) -> None:
        """Set the gateway's clock (``*#13**#22*H*M*S*T*W*D*M*Y##``)."""
        await self._request(
            DimensionWrite(
                WHO, self._where, DIMENSION_DATE_TIME, (), format_date_time(moment)
            )
        )

    @override
    def refresh_requests(self) -> list[Frame]:
        return [
            DimensionRequest(WHO, self._where, dimension)
            for dimension in INFO_DIMENSIONS
        ]
