"""WHO 13: the gateway's own identity, clock and uptime (empty WHERE).

Dimensions answered: 0 time ``H*M*S*T``, 1 date ``W*D*M*Y``, 10 IP address,
11 netmask, 12 MAC (six decimal bytes), 15 model, 16 firmware ``V*R*B``,
19 uptime ``D*H*M*S``, 22 date and time ``H*M*S*T*W*D*M*Y``, 23 kernel,
24 distribution. 0, 1 and 22 can be written (setting the gateway's clock).
``T`` is the time zone as a sign digit and two hour digits (``001`` = UTC+1);
``W`` the weekday, 00 Sunday to 06 Saturday.
"""

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Final, override

from custom_components.onewire_own.openwebnet.frames import (
    DimensionReply,
    DimensionRequest,
    DimensionWrite,
)
from custom_components.onewire_own.openwebnet.where import Where

from .handler import REFUSED, BusContext, Outcome, WhoHandler
from .installation import GatewaySpec
from .profiles import GatewayProfile

WHO: Final = 13
GATEWAY: Final = Where("")
TIME: Final = "0"
DATE: Final = "1"
IP_ADDRESS: Final = "10"
NETMASK: Final = "11"
MAC_ADDRESS: Final = "12"
MODEL: Final = "15"
FIRMWARE: Final = "16"
UPTIME: Final = "19"
DATE_TIME: Final = "22"
KERNEL: Final = "23"
DISTRIBUTION: Final = "24"
KERNEL_VERSION: Final = ("2", "6", "32")
DISTRIBUTION_VERSION: Final = ("1", "4", "0")


def _time_values(moment: datetime) -> tuple[str, ...]:
    offset = moment.utcoffset() or timedelta()
    hours = int(offset.total_seconds() // 3600)
    zone = f"{'1' if hours < 0 else '0'}{abs(hours):02d}"
    return (f"{moment:%H}", f"{moment:%M}", f"{moment:%S}", zone)


def _date_values(moment: datetime) -> tuple[str, ...]:
    weekday = (moment.weekday() + 1) % 7  # Python: Monday 0; OpenWebNet: Sunday 0
    return (f"{weekday:02d}", f"{moment:%d}", f"{moment:%m}", f"{moment:%Y}")


class GatewayInfo(WhoHandler):
    """Answers WHO 13 from the installation's gateway section and the profile."""

    def __init__(
        self, context: BusContext, spec: GatewaySpec, profile: GatewayProfile
    ) -> None:
        """Boot now, with the host's clock as the gateway's clock."""
        super().__init__(context)
        self.spec = spec
        self.profile = profile
        self.booted_at = context.clock.now()
        self.clock_offset = timedelta()
        self.zone: tzinfo = UTC

    def now(self) -> datetime:
        """The gateway's idea of the date and time."""
        return datetime.now(self.zone) + self.clock_offset

    def uptime(self) -> float:
        """Gateway seconds since (re)boot."""
        return self.context.clock.now() - self.booted_at

    def date_time_frame(self) -> DimensionReply:
        """``*#13**22*H*M*S*T*W*D*M*Y##``, also broadcast by some gateways."""
        moment = self.now()
        return DimensionReply(
            WHO, GATEWAY, DATE_TIME, _time_values(moment) + _date_values(moment)
        )

    def _values(self, dimension: str) -> tuple[str, ...] | None:
        match dimension:
            case "0":
                return _time_values(self.now())
            case "1":
                return _date_values(self.now())
            case "10":
                return tuple(self.spec.ip.split("."))
            case "11":
                return tuple(self.spec.netmask.split("."))
            case "12":
                return tuple(str(int(byte, 16)) for byte in self.spec.mac.split(":"))
            case "15":
                return (str(self.profile.model_id),)
            case "16":
                return tuple(map(str, self.profile.firmware))
            case "19":
                minutes, seconds = divmod(int(self.uptime()), 60)
                hours, minutes = divmod(minutes, 60)
                days, hours = divmod(hours, 24)
                return tuple(
                    f"{value:02d}" for value in (days, hours, minutes, seconds)
                )
            case "22":
                return self.date_time_frame().values
            case "23":
                return KERNEL_VERSION
            case "24":
                return DISTRIBUTION_VERSION
        return None

    @override
    def dimension_request(self, frame: DimensionRequest) -> Outcome:
        values = self._values(frame.dimension) if frame.where == GATEWAY else None
        if values is None:
            return REFUSED
        return Outcome(replies=[DimensionReply(WHO, GATEWAY, frame.dimension, values)])

    @override
    def dimension_write(self, frame: DimensionWrite) -> Outcome:
        if frame.where != GATEWAY:
            return REFUSED
        now = self.now()
        values = frame.values
        match frame.dimension:
            case "0":
                wanted = self._with_time(now, values)
            case "1":
                wanted = self._with_date(now, values)
            case "22":
                wanted = self._with_date(self._with_time(now, values[:4]), values[4:])
            case _:
                return REFUSED
        self.zone = wanted.tzinfo or UTC
        self.clock_offset = wanted - datetime.now(self.zone)
        return Outcome(events=[self.date_time_frame()])

    @staticmethod
    def _with_time(moment: datetime, values: tuple[str, ...]) -> datetime:
        hour, minute, second, zone = values[:4]
        hours = int(zone[1:]) * (-1 if zone[0] == "1" else 1)
        return moment.replace(
            hour=int(hour),
            minute=int(minute),
            second=int(second),
            tzinfo=timezone(timedelta(hours=hours)),
        )

    @staticmethod
    def _with_date(moment: datetime, values: tuple[str, ...]) -> datetime:
        _weekday, day, month, year = values[:4]
        return moment.replace(year=int(year), month=int(month), day=int(day))
