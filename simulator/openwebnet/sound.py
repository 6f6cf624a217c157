"""WHO 16 and WHO 22: the sound system's amplifiers and sources.

Frames (docs/openwebnet-systems.md §7; MyHOME ``media_player.md``, the
``f500_tuner`` traces, the H4890/MH202 captures in ``tests/openwebnet/corpus``):

* WHO 16: amplifier ``EA`` on ``*16*3*EA##`` / off ``*16*13*EA##`` (base
  band 0/10), volume ``*#16*EA*1*<0-31>##`` (write ``*#16*EA*#1*V##``, steps
  ``*16*1001..1015*EA##`` up, ``1101..1115`` down); environment ``#E`` and
  everything ``0`` switch several; source ``10S`` on/off; ``*16*3*1ES##``
  routes environment E to source S; a tuner's frequency ``*#16*10S*6*0*<kHz>##``,
  station ``*#16*10S*7*0*<n>##`` (next/previous ``6001``/``6101``, write
  ``*#16*10S*#7*<n>##``) and RDS ``*#16*10S*8*<8 ASCII codes>##``.
* WHO 22: speaker ``3#E#A`` on ``*22*1#4#E*3#E#A##`` / off ``*22*0#4#E*…``,
  on to a source ``*22*35#4#E#S*3#E#A##``, volume ``*22*3#n*…`` / ``*22*4#n*…``
  and ``*#22*3#E#A*#1*V##``; reports ``*#22*3#E#A*12*<0|1>*4##`` (state),
  ``*#22*3#E#A*1*V##`` (volume), ``*22*2#4#E*5#2#S##`` (environment E now
  plays source S).

An amplifier answers and reports in the dialects its spec lists and refuses
commands in the others (an MH200N NACKs every WHO 22 frame, EMU findings).
The sweep ``*#16*0*5##`` answers the state of every WHO 16 source, then of
every WHO 16 amplifier with its volume (as an MH200 does, OWNd 2.0 #53); the
bare ``*#16*0##`` stays NACKed (profiles). Nothing tells a zone's source at a
sweep: it is reported when it changes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, override

from custom_components.onewire_own.openwebnet.frames import (
    Command,
    DimensionReply,
    DimensionRequest,
    DimensionWrite,
    Frame,
    StatusRequest,
)
from custom_components.onewire_own.openwebnet.where import Where

from .handler import REFUSED, BusContext, Outcome, WhoHandler
from .installation import AmplifierSpec, SourceKind, SourceSpec

WHO_16: Final = 16
WHO_22: Final = 22
ON: Final = "3"
OFF: Final = "13"
ON_WHATS: Final = frozenset({"3", "0"})
OFF_WHATS: Final = frozenset({"13", "10"})
STATE: Final = "5"
VOLUME: Final = "1"
FREQUENCY: Final = "6"
STATION: Final = "7"
RDS: Final = "8"
DIFFUSION_STATE: Final = "12"
STEREO: Final = "4"
MAX_VOLUME: Final = 31
NEXT_STATION: Final = "6001"
PREVIOUS_STATION: Final = "6101"
RDS_LENGTH: Final = 8


@dataclass(eq=False)
class Amplifier:
    """One amplifier's live state."""

    spec: AmplifierSpec
    on: bool = False
    volume: int = 0
    source: int = 1

    def __post_init__(self) -> None:
        """Start as the installation says."""
        self.on, self.volume, self.source = (
            self.spec.switched_on,
            self.spec.volume,
            self.spec.source,
        )

    @property
    def environment(self) -> str:
        """The environment digit E of ``EA``."""
        return self.spec.where[0]

    def speaks(self, who: int) -> bool:
        """Whether the amplifier is reported and commanded in this WHO."""
        return who in self.spec.dialects

    def speaker(self) -> Where:
        """Its WHO 22 address ``3#E#A``."""
        return Where("3", (self.spec.where[0], self.spec.where[1]))

    def state_frame(self, who: int) -> Frame:
        """Its on/off report in one dialect."""
        if who == WHO_16:
            return Command(WHO_16, ON if self.on else OFF, (), Where(self.spec.where))
        state = ("1" if self.on else "0", STEREO)
        return DimensionReply(WHO_22, self.speaker(), DIFFUSION_STATE, state)

    def volume_frame(self, who: int) -> DimensionReply:
        """Its volume report in one dialect."""
        where = Where(self.spec.where) if who == WHO_16 else self.speaker()
        return DimensionReply(who, where, VOLUME, (str(self.volume),))

    def state_frames(self) -> list[Frame]:
        """Its state and volume, in each of its dialects."""
        frames: list[Frame] = []
        for who in self.spec.dialects:
            frames += [self.state_frame(who), self.volume_frame(who)]
        return frames


@dataclass(eq=False)
class Source:
    """One source's live state; a tuner's current station (1-based)."""

    spec: SourceSpec
    on: bool = False
    station: int = 1

    def __post_init__(self) -> None:
        """Start as the installation says."""
        self.on, self.station = self.spec.switched_on, self.spec.station

    @property
    def where(self) -> Where:
        """Its WHO 16 address ``10S``."""
        return Where(f"10{self.spec.source}")

    def state_frame(self) -> Command:
        """``*16*<3|13>*10S##``."""
        return Command(WHO_16, ON if self.on else OFF, (), self.where)

    def tuner_frames(self) -> list[Frame]:
        """Frequency, station and RDS of a tuner's current station."""
        stations = self.spec.stations
        if self.spec.kind is not SourceKind.TUNER or not stations:
            return []
        index = (self.station - 1) % len(stations)
        name = self.spec.rds[index] if index < len(self.spec.rds) else ""
        codes = tuple(str(ord(char)) for char in name[:RDS_LENGTH].ljust(RDS_LENGTH))
        return [
            DimensionReply(WHO_16, self.where, FREQUENCY, ("0", str(stations[index]))),
            DimensionReply(WHO_16, self.where, STATION, ("0", str(self.station))),
            DimensionReply(WHO_16, self.where, RDS, codes),
        ]


class Sound(WhoHandler):
    """Every amplifier and source of the installation, on WHO 16 and WHO 22."""

    def __init__(
        self,
        context: BusContext,
        amplifiers: tuple[AmplifierSpec, ...],
        sources: tuple[SourceSpec, ...],
    ) -> None:
        """Create each amplifier and source in its starting state."""
        super().__init__(context)
        self.amplifiers = {spec.where: Amplifier(spec) for spec in amplifiers}
        self.sources = {spec.source: Source(spec) for spec in sources}

    # ---------------------------------------------------------- addressing

    def _amplifier(self, who: int, where: Where) -> Amplifier | None:
        if who == WHO_16:
            amplifier = self.amplifiers.get(where.format())
        elif where.address == "3" and len(where.params) == 2:
            amplifier = self.amplifiers.get("".join(where.params))
        else:
            return None
        return amplifier if amplifier is not None and amplifier.speaks(who) else None

    def _source(self, where: Where) -> Source | None:
        address = where.format()
        if len(address) == 3 and address[:2] == "10" and address[2].isdigit():
            return self.sources.get(int(address[2]))
        return None

    def _group(self, who: int, where: Where) -> list[Amplifier] | None:
        """The amplifiers of ``0`` or ``#E`` (WHO 16) or area ``4#E`` (WHO 22)."""
        if who == WHO_16 and where.format() == "0":
            environment = None
        elif len(where.params) == 1 and where.address == ("" if who == WHO_16 else "4"):
            environment = where.params[0]
        else:
            return None
        return [
            amplifier
            for amplifier in self.amplifiers.values()
            if amplifier.speaks(who)
            and (environment is None or amplifier.environment == environment)
        ]

    # ------------------------------------------------------------ requests

    @override
    def command(self, frame: Command) -> Outcome:
        if frame.who == WHO_22:
            return self._command_22(frame)
        where = frame.where
        assert where is not None  # the bus refuses commands without WHERE
        if (amplifier := self._amplifier(WHO_16, where)) is not None:
            return self._amplifier_command(amplifier, frame)
        if (source := self._source(where)) is not None:
            return self._source_command(source, frame)
        address = where.format()
        if len(address) == 3 and address[0] == "1" and frame.what in ON_WHATS:
            return self._route(address[1], int(address[2]), frame)
        group = self._group(WHO_16, where)
        if not group or frame.what not in ON_WHATS | OFF_WHATS:
            return REFUSED
        return self._switch(group, on=frame.what in ON_WHATS, echo=frame)

    def _amplifier_command(self, amplifier: Amplifier, frame: Command) -> Outcome:
        what = frame.what
        if what in ON_WHATS | OFF_WHATS:
            return self._switch([amplifier], on=what in ON_WHATS, echo=frame)
        if what.isdigit() and 1001 <= int(what) <= 1015:
            return self._set_volume(
                amplifier, amplifier.volume + int(what) - 1000, frame
            )
        if what.isdigit() and 1101 <= int(what) <= 1115:
            return self._set_volume(
                amplifier, amplifier.volume - int(what) + 1100, frame
            )
        return REFUSED

    def _source_command(self, source: Source, frame: Command) -> Outcome:
        what = frame.what
        if what in ON_WHATS | OFF_WHATS:
            source.on = what in ON_WHATS
            return Outcome(events=[frame])
        if what in (NEXT_STATION, PREVIOUS_STATION) and source.tuner_frames():
            count = len(source.spec.stations)
            step = 1 if what == NEXT_STATION else -1
            source.station = (source.station - 1 + step) % count + 1
            return Outcome(events=[frame, *source.tuner_frames()])
        return REFUSED

    def _command_22(self, frame: Command) -> Outcome:
        where = frame.where
        assert where is not None
        what, params = frame.what, frame.what_params
        amplifier = self._amplifier(WHO_22, where)
        if amplifier is None:
            group = self._group(WHO_22, where)
            if group and what in ("0", "1"):
                return self._switch(group, on=what == "1", echo=frame)
            return REFUSED
        if what in ("0", "1", "34"):
            return self._switch([amplifier], on=what != "0", echo=frame)
        if what == "35" and len(params) == 3 and params[2].isdigit():
            outcome = self._route(amplifier.environment, int(params[2]), frame)
            if not outcome.accepted:
                return outcome
            switched = self._switch([amplifier], on=True, echo=None)
            return Outcome(events=outcome.events + switched.events)
        if what in ("3", "4") and len(params) == 1 and params[0].isdigit():
            step = int(params[0]) if what == "3" else -int(params[0])
            return self._set_volume(amplifier, amplifier.volume + step, frame)
        return REFUSED

    def _switch(
        self, amplifiers: Iterable[Amplifier], *, on: bool, echo: Frame | None
    ) -> Outcome:
        events: list[Frame] = [] if echo is None else [echo]
        for amplifier in amplifiers:
            amplifier.on = on
            events += amplifier.state_frames()
        return Outcome(events=_unique(events))

    def _set_volume(
        self, amplifier: Amplifier, volume: int, echo: Frame | None
    ) -> Outcome:
        amplifier.volume = max(0, min(MAX_VOLUME, volume))
        events: list[Frame] = [] if echo is None else [echo]
        events += [amplifier.volume_frame(who) for who in amplifier.spec.dialects]
        return Outcome(events=_unique(events))

    def _route(self, environment: str, source: int, echo: Frame | None) -> Outcome:
        """Environment E now plays source S (every amplifier of it: the matrix)."""
        if source not in self.sources or environment == "0":
            return REFUSED
        events: list[Frame] = [] if echo is None else [echo]
        members = [a for a in self.amplifiers.values() if a.environment == environment]
        for amplifier in members:
            amplifier.source = source
        if any(amplifier.speaks(WHO_16) for amplifier in members):
            events.append(Command(WHO_16, ON, (), Where(f"1{environment}{source}")))
        if any(amplifier.speaks(WHO_22) for amplifier in members):
            events.append(
                Command(
                    WHO_22,
                    "2",
                    (STEREO, environment),
                    Where("5", ("2", str(source))),
                )
            )
        self.sources[source].on = True
        events.append(self.sources[source].state_frame())
        return Outcome(events=_unique(events))

    @override
    def status(self, frame: StatusRequest) -> Outcome:
        """``*#22*3#E#A##``; WHO 16 status requests are NACKed (an MH201 does)."""
        amplifier = self._amplifier(frame.who, frame.where)
        if frame.who != WHO_22 or amplifier is None:
            return REFUSED
        return Outcome(
            replies=[amplifier.state_frame(WHO_22), amplifier.volume_frame(WHO_22)]
        )

    @override
    def dimension_request(self, frame: DimensionRequest) -> Outcome:
        if frame.who == WHO_16 and frame.dimension == STATE:
            if frame.where.format() == "0":
                return Outcome(replies=self._sweep())
            if (source := self._source(frame.where)) is not None:
                return Outcome(replies=[source.state_frame()])
        amplifier = self._amplifier(frame.who, frame.where)
        if amplifier is not None:
            if frame.dimension == VOLUME:
                return Outcome(replies=[amplifier.volume_frame(frame.who)])
            if frame.who == WHO_16 and frame.dimension == STATE:
                return Outcome(replies=[amplifier.state_frame(WHO_16)])
            if frame.who == WHO_22 and frame.dimension == DIFFUSION_STATE:
                return Outcome(replies=[amplifier.state_frame(WHO_22)])
            return REFUSED
        source = self._source(frame.where) if frame.who == WHO_16 else None
        if source is not None and frame.dimension in (FREQUENCY, STATION, RDS):
            answers: list[Frame] = [
                reply
                for reply in source.tuner_frames()
                if isinstance(reply, DimensionReply)
                and reply.dimension == frame.dimension
            ]
            return Outcome(replies=answers) if answers else REFUSED
        return REFUSED

    def _sweep(self) -> list[Frame]:
        frames: list[Frame] = [source.state_frame() for source in self.sources.values()]
        for amplifier in self.amplifiers.values():
            if amplifier.speaks(WHO_16):
                frames += [
                    amplifier.state_frame(WHO_16),
                    amplifier.volume_frame(WHO_16),
                ]
        return frames

    @override
    def dimension_write(self, frame: DimensionWrite) -> Outcome:
        value = frame.values[0]
        if frame.dimension == VOLUME:
            amplifier = self._amplifier(frame.who, frame.where)
            if amplifier is None or not value.isdigit() or int(value) > MAX_VOLUME:
                return REFUSED
            return self._set_volume(amplifier, int(value), None)
        source = self._source(frame.where) if frame.who == WHO_16 else None
        if source is None or frame.dimension != STATION or not source.tuner_frames():
            return REFUSED
        if not value.isdigit() or not 1 <= int(value) <= len(source.spec.stations):
            return REFUSED
        source.station = int(value)
        return Outcome(events=source.tuner_frames())

    # ------------------------------------------------------------ scripting

    def operate(
        self,
        amplifier: Amplifier,
        *,
        on: bool | None = None,
        volume: int | None = None,
        source: int | None = None,
    ) -> None:
        """Someone used a wall panel: report what changed, as the bus does."""
        events: list[Frame] = []
        if source is not None:
            events += self._route(amplifier.environment, source, None).events
        if on is not None:
            events += self._switch([amplifier], on=on, echo=None).events
        if volume is not None:
            events += self._set_volume(amplifier, volume, None).events
        self.context.emit(_unique(events))


def _unique(frames: list[Frame]) -> list[Frame]:
    """The frames in order, each once (an echo is also a state report)."""
    seen: set[str] = set()
    unique: list[Frame] = []
    for frame in frames:
        text = frame.build()
        if text not in seen:
            seen.add(text)
            unique.append(frame)
    return unique
