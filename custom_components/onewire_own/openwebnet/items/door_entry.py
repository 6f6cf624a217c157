"""WHO 8 (with WHO 6 and 7) - door entry: entrance panels, handsets, the door lock.

What a call looks like on the bus (BTicino's touch-screen code, an MH200
capture; ``docs/openwebnet-systems.md`` §3):

* ``*8*1#<kind>#<media>*<handset>##`` - CALL. The WHERE is the unit being
  **called** (a handset, a touch screen), not the entrance panel.
  ``kind % 100`` 1-4 is a call from an entrance panel with ring tone 1-4
  (a doorbell), 6 and 7 intercom calls, 13 the floor call (the landing
  bell); ``kind`` above 1000 is an IP call, whose third parameter is the
  caller's address. ``media`` 2 is audio only.
* ``*8*9#<kind>#<media>*<panel>##`` - CALLER ADDRESS: the entrance panel
  names itself. BTicino's screen "will receive it later"; the MH200 capture
  shows it 26 s after the ring, when the handset answered. So a handset
  knows at once that it rings, and a panel is known as the caller only
  when it says so.
* ``*8*3#<kind>#<media>*4<unit>##`` end of call; ``*6*9##`` (camera off,
  also ``*6*9*##``, ``*6*9**##``) and ``*7*9*##`` (free audio/video
  resources) end it too.
* ``*8*19*<panel>##`` then ``*8*20*<panel>##`` open the door lock (press,
  release: BTicino's screen sends them on the button's press and release);
  21 then 22 the staircase light.

Every address is one ``DoorEntryUnit``; what it is comes from what the bus
says about it: called - a handset (``is_handset``), naming itself as the
caller of a doorbell call - an entrance panel (``is_entrance_panel``). A
handset reports ``DoorEntryCall`` at each ring; a panel reports one
``DoorbellPressed`` per call, when it names itself (repeats of its address
in the same call do not count). Every call and every end of a call reaches
every unit (``door_entry_links``), which is how a panel knows a new call
began.
"""

import asyncio
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Final, override

from ..frames import Command, DimensionReply, Frame
from .base import FrameSender, Item, ItemEvent, changed

WHO: Final = 8
WHO_DOOR_ENTRY: Final = 6
WHO_MULTIMEDIA: Final = 7
CALL: Final = "1"
END_OF_CALL: Final = "3"
CALLER_ADDRESS: Final = "9"
#: WHO 6 camera off / WHO 7 free resources: the call is over.
RESOURCES_FREED: Final = "9"
OPEN_LOCK: Final = "19"
RELEASE_LOCK: Final = "20"
STAIRCASE_LIGHT_ON: Final = "21"
STAIRCASE_LIGHT_RELEASE: Final = "22"
IP_CALL_KIND: Final = 1000
AUDIO_ONLY: Final = 2
#: How long the lock and staircase-light buttons are held down.
PRESS_S: Final = 0.5
#: Frames that make an address a unit; the others only reach known units.
REVEALING: Final = frozenset({CALL, CALLER_ADDRESS})


class CallKind(StrEnum):
    """What rang."""

    #: An entrance panel's call button (ring tones 1-4).
    DOORBELL = "doorbell"
    #: Another handset of the house.
    INTERCOM = "intercom"
    #: The bell at the flat's own door.
    FLOOR_CALL = "floor_call"


_CALL_KINDS: Final = {
    1: CallKind.DOORBELL,
    2: CallKind.DOORBELL,
    3: CallKind.DOORBELL,
    4: CallKind.DOORBELL,
    6: CallKind.INTERCOM,
    7: CallKind.INTERCOM,
    13: CallKind.FLOOR_CALL,
}


@dataclass(frozen=True, slots=True)
class DoorEntryCall(ItemEvent):
    """A handset rings: a doorbell, an intercom call or the floor call."""

    kind: CallKind
    #: The panel's ring tone 1-4 for a doorbell, None otherwise.
    ring_tone: int | None
    audio_only: bool


@dataclass(frozen=True, slots=True)
class DoorbellPressed(ItemEvent):
    """A visitor pressed this entrance panel's call button."""

    ring_tone: int
    #: The handset it rang, when known (the panel heard the call frame).
    handset: str | None
    audio_only: bool


@dataclass(frozen=True, slots=True)
class _CallFields:
    kind: CallKind
    ring_tone: int | None
    audio_only: bool
    #: The caller's address, given by IP calls only.
    ip_caller: str | None


def _call_fields(params: tuple[str, ...]) -> _CallFields | None:
    """``kind#media[#caller]`` of a CALL or CALLER ADDRESS frame."""
    if len(params) < 2 or not (params[0].isdigit() and params[1].isdigit()):
        return None
    kind_value = int(params[0])
    kind = _CALL_KINDS.get(kind_value % 100)
    if kind is None:
        return None  # automatic camera switch-on (5), pager (14)...
    ip_caller = params[2] if kind_value > IP_CALL_KIND and len(params) > 2 else None
    return _CallFields(
        kind,
        kind_value % 100 if kind is CallKind.DOORBELL else None,
        int(params[1]) == AUDIO_ONLY,
        ip_caller,
    )


def ends_call(frame: Command) -> bool:
    """An end of call (WHO 8 WHAT 3), camera off (``*6*9##``) or free resources (``*7*9*##``)."""
    if frame.who == WHO:
        return frame.what == END_OF_CALL
    return (
        frame.who in (WHO_DOOR_ENTRY, WHO_MULTIMEDIA) and frame.what == RESOURCES_FREED
    )


def door_entry_links(frame: Command) -> tuple[tuple[type[Item], str | None], ...]:
    """Every unit hears every call and every end of a call; an IP call's caller too."""
    if frame.who == WHO and frame.what == CALL:
        fields = _call_fields(frame.what_params)
        if fields is not None and fields.ip_caller is not None:
            return ((DoorEntryUnit, None), (DoorEntryUnit, fields.ip_caller))
        return ((DoorEntryUnit, None),)
    if ends_call(frame):
        return ((DoorEntryUnit, None),)
    return ()


def door_entry_reveals(frame: Command) -> bool:
    """Whether a WHO 8 frame may make its WHERE a new unit (a call, a caller)."""
    return frame.what in REVEALING


class DoorEntryUnit(Item):
    """An address of the door entry system: an entrance panel or a handset."""

    who: ClassVar[int] = WHO

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create a unit; what it is comes from the first call it takes part in."""
        super().__init__(sender, where)
        self.is_entrance_panel = False
        self.is_handset = False
        #: The last call rung at this handset.
        self.last_call: DoorEntryCall | None = None
        #: The last call this entrance panel made.
        self.last_ring: DoorbellPressed | None = None
        self._rang_in_this_call = False
        self._callee: str | None = None

    def configure_roles(self, *, entrance_panel: bool, handset: bool) -> None:
        """What an earlier run learned this unit is (the bus says it only in a call)."""
        self.is_entrance_panel = self.is_entrance_panel or entrance_panel
        self.is_handset = self.is_handset or handset

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if not isinstance(frame, Command):
            return []
        if ends_call(frame):
            self._rang_in_this_call = False
            self._callee = None
            return []
        if frame.who != WHO:
            return []
        if frame.what == CALL:
            return self._call(frame)
        if frame.what == CALLER_ADDRESS and frame.where == self._where:
            fields = _call_fields(frame.what_params)
            if fields is not None and fields.kind is CallKind.DOORBELL:
                return self._ring(fields, self._callee)
        return []

    def _call(self, frame: Command) -> list[ItemEvent]:
        fields = _call_fields(frame.what_params)
        if fields is None:
            return []
        callee = None if frame.where is None else frame.where.format()
        if callee != self.where:
            # A new call elsewhere: this panel may ring in it.
            self._rang_in_this_call = False
            self._callee = callee
            if fields.ip_caller == self.where:
                return self._ring(fields, callee)
            return []
        call = DoorEntryCall(fields.kind, fields.ring_tone, fields.audio_only)
        self.last_call = call
        return [*changed(self, is_handset=True), call]

    def _ring(self, fields: _CallFields, handset: str | None) -> list[ItemEvent]:
        """This entrance panel called (once per call)."""
        if self._rang_in_this_call:
            return []
        self._rang_in_this_call = True
        ring = DoorbellPressed(fields.ring_tone or 0, handset, fields.audio_only)
        self.last_ring = ring
        return [*changed(self, is_entrance_panel=True), ring]

    @override
    def refresh_requests(self) -> list[Frame]:
        return []  # nothing to ask: calls are events

    async def open_door(self) -> None:
        """Release the door lock of this entrance panel (press, hold, release)."""
        await self._press(OPEN_LOCK, RELEASE_LOCK)

    async def switch_on_staircase_light(self) -> None:
        """Switch on the staircase light (press, hold, release)."""
        await self._press(STAIRCASE_LIGHT_ON, STAIRCASE_LIGHT_RELEASE)

    async def _press(self, press: str, release: str) -> None:
        await self._command(press)
        try:
            await asyncio.sleep(PRESS_S)
        finally:
            await self._command(release)
