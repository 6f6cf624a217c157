"""WHO 16 and WHO 22 - the sound system: amplifiers (zones) and sources.

Two dialects describe the same hardware (docs/openwebnet-systems.md §7):

* WHO 16, the older one every sound gateway speaks: amplifier ``EA``
  (environment E 0-9, amplifier A), environment ``#E``, everything ``0``,
  source ``10S``; the routing pseudo-address ``1ES`` (environment E to
  source S) is what a wall panel sends to switch a room's source.
* WHO 22, the newer one: speaker ``3#A#P`` (area A, point P), area ``4#A``,
  source ``2#S``, general ``5#<sender>``. Gateways with both report a change
  in both (an H4890 sends ``*16*3*31##`` and ``*#22*3#3#1*12*1*4##``; an
  MH202 ``*#16*41*1*6##`` and ``*#22*3#4#1*1*6##``), and an MH200N refuses
  every WHO 22 frame.

So one item stands for one amplifier whatever the dialect: ``SoundZone`` is
keyed by its WHO 16 address (``3#4#1`` is zone ``41``) and ``SoundSource``
by ``10S`` (``2#3`` is source ``103``). A zone speaks the dialect it is
reported in: WHO 16 unless it was only ever heard on WHO 22 (a gateway that
reports WHO 16 takes WHO 16 commands; one that reports only WHO 22 is a WHO
22 bus).

The gateways answer a sweep of the WHO 16 state, ``*#16*0*5##`` (one frame per
amplifier and source, then their volumes), not the bare ``*#16*0##``, which
some NACK: an MH200 answers the first with every amplifier and source and
the second with nothing (OWNd 2.0 ``profiles.py``, MyHOME #53); OWNd asks
each amplifier ``*#16*W*5##`` because an MH201 NACKs ``*#16*W##``.

The sound system has no mute: muting sets the volume to 0 and unmuting
restores the volume it had.
"""

from collections.abc import Iterable
from typing import ClassVar, Final, override

from ..frames import Command, DimensionReply, DimensionRequest, DimensionWrite, Frame
from ..where import Where
from .base import FrameSender, Item, ItemEvent, changed

WHO_SOUND: Final = 16
WHO_SOUND_DIFFUSION: Final = 22
SOUND_WHOS: Final = frozenset({WHO_SOUND, WHO_SOUND_DIFFUSION})
#: ``*#16*W*5##``: the state of W (``0``: every amplifier and source).
DIMENSION_STATE: Final = "5"
DIMENSION_VOLUME: Final = "1"
DIMENSION_FREQUENCY: Final = "6"
DIMENSION_STATION: Final = "7"
DIMENSION_RDS: Final = "8"
#: WHO 22 dimensions: device state ``*<0|1>*<mmtype>``, station, tuner, RDS.
DIFFUSION_STATE: Final = "12"
DIFFUSION_STATION: Final = "6"
DIFFUSION_TUNER: Final = "11"
DIFFUSION_RDS: Final = "10"
MAX_VOLUME: Final = 31
#: The volume an unmute restores when the zone was silent before the mute.
UNMUTE_VOLUME: Final = 10
#: WHO 16 WHATs: stereo channel on/off, and the base-band forms.
_ON: Final = frozenset({"3", "0"})
_OFF: Final = frozenset({"13", "10"})
ON: Final = "3"
OFF: Final = "13"
VOLUME_UP: Final = 1000
VOLUME_DOWN: Final = 1100
NEXT_STATION: Final = "6001"
PREVIOUS_STATION: Final = "6101"
#: WHO 22 WHATs.
DIFFUSION_OFF: Final = "0"
DIFFUSION_ON: Final = "1"
DIFFUSION_SOURCE_ON: Final = "2"
DIFFUSION_VOLUME_UP: Final = "3"
DIFFUSION_VOLUME_DOWN: Final = "4"
DIFFUSION_FOLLOW_ME: Final = "34"
DIFFUSION_ON_TO_SOURCE: Final = "35"
#: The WHO 22 ``mmtype`` of a stereo channel.
STEREO: Final = "4"
SPEAKER: Final = "3"
AREA: Final = "4"
SOURCE: Final = "2"
GENERAL: Final = "5"
RDS_LENGTH: Final = 8
#: A source's WHO 16 address is ``10S``; routing ``1ES`` names environment E.
SOURCE_PREFIX: Final = "10"


def zone_where(who: int, where: Where) -> str | None:
    """The zone (``EA``) a WHERE names, or None: ``41`` and ``3#4#1`` are zone 41."""
    if who == WHO_SOUND:
        address = where.address
        if not where.params and len(address) == 2 and address.isdigit():
            return None if address == "00" else address
        return None
    if where.address == SPEAKER and len(where.params) == 2:
        area, point = where.params
        if len(area) == 1 and len(point) == 1 and area.isdigit() and point.isdigit():
            return area + point
    return None


def source_where(who: int, where: Where) -> str | None:
    """The source (``10S``) a WHERE names: ``103``, ``2#3`` and ``5#2#3``."""
    if who == WHO_SOUND:
        address = where.address
        if not where.params and len(address) == 3 and address[:2] == SOURCE_PREFIX:
            return address if address[2] != "0" else None
        return None
    params = where.params
    if where.address == GENERAL and params[:1] == (SOURCE,):
        params = params[1:]  # 5#2#S: the source S is the sender
    elif where.address != SOURCE:
        return None
    if len(params) == 1 and len(params[0]) == 1 and params[0] in "123456789":
        return SOURCE_PREFIX + params[0]
    return None


def sound_audience(
    frame: Command, zones: Iterable[SoundZone]
) -> list[SoundZone] | None:
    """The zones a sound command for several of them reaches.

    None when the frame names one zone or source (it is routed as usual);
    a list (perhaps empty) for everything else: ``*16*13*0##`` (every zone),
    ``*16*3*#2##`` (environment 2), ``*16*3*123##`` (environment 2 to
    source 3), ``*22*0#4#3*4#3##`` (area 3), ``*22*2#4#3*5#2#1##`` (area 3
    now plays source 1).
    """
    where = frame.where
    if where is None:
        return []
    if zone_where(frame.who, where) is not None:
        return None
    if frame.who == WHO_SOUND:
        address, params = where.address, where.params
        if address == "0" and not params:
            return list(zones)
        if address == "" and len(params) == 1 and params[0].isdigit():
            environment = params[0]
        elif not params and len(address) == 3 and address[0] == "1":
            if address[:2] == SOURCE_PREFIX:
                return None  # a source
            environment = address[1]
        else:
            return []
    elif where.address == AREA and len(where.params) == 1:
        environment = where.params[0]
    elif where.address == GENERAL:
        if frame.what != DIFFUSION_SOURCE_ON or len(frame.what_params) != 2:
            return []
        environment = frame.what_params[1]
    elif source_where(frame.who, where) is not None:
        return None
    else:
        return []
    return [zone for zone in zones if zone.where[0] == environment]


class SoundZone(Item):
    """An amplifier: ``is_on``, ``volume`` (0-31), ``source`` (its environment's).

    WHERE is its two-digit WHO 16 address ``EA``; on WHO 22 it is speaker
    ``3#E#A``. ``source`` is the source number (1-9) its environment was last
    routed to, None until a routing frame is heard.
    """

    who: ClassVar[int] = WHO_SOUND

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create a zone whose state is unknown until reported."""
        super().__init__(sender, where)
        self.is_on: bool | None = None
        self.volume: int | None = None
        self.source: int | None = None
        self._heard: set[int] = set()
        self._volume_before_mute: int | None = None

    @property
    def environment(self) -> int:
        """The environment (WHO 16) or area (WHO 22) the amplifier is in."""
        return int(self.where[0])

    @property
    def dialect(self) -> int:
        """The WHO its commands use: 22 only for a zone heard on WHO 22 alone."""
        return (
            WHO_SOUND_DIFFUSION if self._heard == {WHO_SOUND_DIFFUSION} else WHO_SOUND
        )

    @property
    def can_select_source(self) -> bool:
        """Environment 0 has no routing address (``10S`` is the source itself)."""
        return self.dialect == WHO_SOUND_DIFFUSION or self.environment != 0

    @property
    def is_muted(self) -> bool | None:
        """Silent (volume 0), or unknown before the first volume report."""
        return None if self.volume is None else self.volume == 0

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        where = frame.where
        if where is not None and zone_where(frame.who, where) == self.where:
            self._heard.add(frame.who)
        if isinstance(frame, DimensionReply):
            return self._handle_dimension(frame)
        if frame.who == WHO_SOUND:
            return self._handle_who16(frame)
        return self._handle_who22(frame)

    def _handle_dimension(self, frame: DimensionReply) -> list[ItemEvent]:
        values = frame.values
        if frame.dimension == DIMENSION_VOLUME and values and values[0]:
            return changed(self, volume=max(0, min(MAX_VOLUME, int(values[0]))))
        if (
            frame.who == WHO_SOUND_DIFFUSION
            and frame.dimension == DIFFUSION_STATE
            and values[0] in ("0", "1")
        ):
            return changed(self, is_on=values[0] == "1")
        return []

    def _handle_who16(self, frame: Command) -> list[ItemEvent]:
        address = "" if frame.where is None else frame.where.address
        if len(address) == 3:  # routing 1ES: the environment plays source S
            return changed(self, source=int(address[2])) if frame.what in _ON else []
        if frame.what in _ON:
            return changed(self, is_on=True)
        if frame.what in _OFF:
            return changed(self, is_on=False)
        return []

    def _handle_who22(self, frame: Command) -> list[ItemEvent]:
        what, params = frame.what, frame.what_params
        if frame.where is not None and frame.where.address == GENERAL:
            source = source_where(WHO_SOUND_DIFFUSION, frame.where)
            return [] if source is None else changed(self, source=int(source[2]))
        if what == DIFFUSION_OFF:
            return changed(self, is_on=False)
        if what == DIFFUSION_ON_TO_SOURCE and len(params) == 3 and params[2].isdigit():
            return changed(self, is_on=True, source=int(params[2]))
        if what in (DIFFUSION_ON, DIFFUSION_FOLLOW_ME):
            return changed(self, is_on=True)
        return []

    # -------------------------------------------------------------- commands

    def _speaker(self) -> Where:
        return Where(SPEAKER, (self.where[0], self.where[1]))

    async def _send(self, who16: Frame, who22: Frame) -> None:
        await self._request(who22 if self.dialect == WHO_SOUND_DIFFUSION else who16)

    async def turn_on(self) -> None:
        """Switch the amplifier on (to its environment's source)."""
        await self._send(
            Command(WHO_SOUND, ON, (), self._where),
            Command(
                WHO_SOUND_DIFFUSION,
                DIFFUSION_ON,
                (STEREO, self.where[0]),
                self._speaker(),
            ),
        )

    async def turn_off(self) -> None:
        """Switch the amplifier off."""
        await self._send(
            Command(WHO_SOUND, OFF, (), self._where),
            Command(
                WHO_SOUND_DIFFUSION,
                DIFFUSION_OFF,
                (STEREO, self.where[0]),
                self._speaker(),
            ),
        )

    async def set_volume(self, volume: int) -> None:
        """Set the volume, 0-31."""
        value = (str(max(0, min(MAX_VOLUME, volume))),)
        await self._send(
            DimensionWrite(WHO_SOUND, self._where, DIMENSION_VOLUME, (), value),
            DimensionWrite(
                WHO_SOUND_DIFFUSION, self._speaker(), DIMENSION_VOLUME, (), value
            ),
        )

    async def step_volume(self, steps: int) -> None:
        """Turn the volume up (steps > 0) or down by 1-15 steps."""
        count = max(1, min(15, abs(steps)))
        await self._send(
            Command(
                WHO_SOUND,
                str((VOLUME_UP if steps > 0 else VOLUME_DOWN) + count),
                (),
                self._where,
            ),
            Command(
                WHO_SOUND_DIFFUSION,
                DIFFUSION_VOLUME_UP if steps > 0 else DIFFUSION_VOLUME_DOWN,
                (str(count),),
                self._speaker(),
            ),
        )

    async def set_muted(self, muted: bool) -> None:
        """Mute (volume 0) or unmute (back to the volume before the mute)."""
        if muted:
            if self.volume:
                self._volume_before_mute = self.volume
            await self.set_volume(0)
        else:
            await self.set_volume(self._volume_before_mute or UNMUTE_VOLUME)

    async def select_source(self, source: int) -> None:
        """Play source 1-9 on this zone (its whole environment, on WHO 16).

        WHO 16 routes the environment and switches the source on, the two
        frames a wall panel sends (``*16*3*1ES##``, ``*16*3*10S##``); WHO 22
        switches the amplifier on to the source (``*22*35#4#E#S*3#E#A##``).

        Raises:
            ValueError: not a source number, or a WHO 16 zone of environment
                0, which has no routing address.

        """
        if not 1 <= source <= 9:
            raise ValueError(f"no sound source {source}")
        if not self.can_select_source:
            raise ValueError(f"environment 0 of {self} cannot be routed")
        if self.dialect == WHO_SOUND_DIFFUSION:
            await self._request(
                Command(
                    WHO_SOUND_DIFFUSION,
                    DIFFUSION_ON_TO_SOURCE,
                    (STEREO, self.where[0], str(source)),
                    self._speaker(),
                )
            )
            return
        await self._request(
            Command(WHO_SOUND, ON, (), Where(f"1{self.where[0]}{source}"))
        )
        await self._request(
            Command(WHO_SOUND, ON, (), Where(f"{SOURCE_PREFIX}{source}"))
        )

    @override
    def refresh_requests(self) -> list[Frame]:
        if self.dialect == WHO_SOUND_DIFFUSION:
            speaker = self._speaker()
            return [
                DimensionRequest(WHO_SOUND_DIFFUSION, speaker, DIFFUSION_STATE),
                DimensionRequest(WHO_SOUND_DIFFUSION, speaker, DIMENSION_VOLUME),
            ]
        return [
            DimensionRequest(WHO_SOUND, self._where, DIMENSION_STATE),
            DimensionRequest(WHO_SOUND, self._where, DIMENSION_VOLUME),
        ]


class SoundSource(Item):
    """A source of the matrix (``10S``): ``is_on``; a tuner also its station.

    A tuner (F500/F500N) reports its frequency (WHO 16 dimension 6, kHz), its
    memorised station (dimension 7) and the 8 characters of RDS text
    (dimension 8, ASCII codes; blank right after a retune, and an occasional
    12-code frame that is dropped). ``is_tuner`` turns True at the first of
    them. Commands are WHO 16 (every sound gateway takes them).
    """

    who: ClassVar[int] = WHO_SOUND

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create a source whose state is unknown until reported."""
        super().__init__(sender, where)
        self.is_on: bool | None = None
        self.is_tuner = False
        self.frequency_khz: int | None = None
        self.station: int | None = None
        self.rds: str | None = None

    @property
    def number(self) -> int:
        """The source number, 1-9."""
        return int(self.where[2])

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if isinstance(frame, Command):
            return self._handle_command(frame)
        values, dimension = frame.values, frame.dimension
        if frame.who == WHO_SOUND_DIFFUSION:
            if dimension == DIFFUSION_STATE and values[0] in ("0", "1"):
                return changed(self, is_on=values[0] == "1")
            if dimension in (DIFFUSION_STATION, DIFFUSION_TUNER) and values[-1]:
                return changed(self, is_tuner=True, station=int(values[-1]))
            if dimension == DIFFUSION_RDS:
                return self._rds(values)
            return []
        if dimension == DIMENSION_FREQUENCY and values[-1]:
            return changed(self, is_tuner=True, frequency_khz=int(values[-1]))
        if dimension == DIMENSION_STATION and values[-1]:
            return changed(self, is_tuner=True, station=int(values[-1]))
        if dimension == DIMENSION_RDS:
            return self._rds(values)
        return []

    def _handle_command(self, frame: Command) -> list[ItemEvent]:
        if frame.who == WHO_SOUND_DIFFUSION:
            if frame.where is None or frame.where.address != SOURCE:
                return []
            if frame.what == DIFFUSION_ON:
                return changed(self, is_on=True)
            if frame.what == DIFFUSION_OFF:
                return changed(self, is_on=False)
            return []
        if frame.what in _ON:
            return changed(self, is_on=True)
        if frame.what in _OFF:
            return changed(self, is_on=False)
        return []

    def _rds(self, values: tuple[str, ...]) -> list[ItemEvent]:
        if len(values) != RDS_LENGTH or not all(v.isdigit() for v in values):
            return []  # the occasional malformed RDS frame
        text = "".join(chr(int(value)) for value in values)
        if not text.isprintable():
            return []
        return changed(self, is_tuner=True, rds=text.strip() or None)

    async def turn_on(self) -> None:
        """Switch the source on."""
        await self._command(ON)

    async def turn_off(self) -> None:
        """Switch the source off."""
        await self._command(OFF)

    async def next_station(self) -> None:
        """A tuner's next memorised station."""
        await self._command(NEXT_STATION)

    async def previous_station(self) -> None:
        """A tuner's previous memorised station."""
        await self._command(PREVIOUS_STATION)

    def tuner_requests(self) -> list[Frame]:
        """What a tuner answers and other sources refuse: station, frequency, RDS.

        A sweep tells a source's power only; these tell whether it is a tuner
        (and what it plays), the station first.
        """
        return [
            DimensionRequest(WHO_SOUND, self._where, dimension)
            for dimension in (DIMENSION_STATION, DIMENSION_FREQUENCY, DIMENSION_RDS)
        ]

    @override
    def refresh_requests(self) -> list[Frame]:
        requests: list[Frame] = [
            DimensionRequest(WHO_SOUND, self._where, DIMENSION_STATE)
        ]
        if self.is_tuner:
            requests += [
                DimensionRequest(WHO_SOUND, self._where, DIMENSION_FREQUENCY),
                DimensionRequest(WHO_SOUND, self._where, DIMENSION_STATION),
            ]
        return requests
