"""WHO 15 CEN, WHO 25 CEN+ and dry contacts: inputs that only ever report.

Nothing on the bus commands a button or a contact; they produce events when
a person presses or a door opens, which tests script through the simulator.
Frames (PROTOCOLS.md §2):

* CEN press ``*15*<BB>*W##``, short release ``*15*<BB>#1*W##``, held
  ``*15*<BB>#3*W##`` every ~0.5 s, long release ``*15*<BB>#2*W##``;
* CEN+ short ``*25*21#<b>*2<obj>##``, long start ``*25*22#...``, held
  ``*25*23#...`` every ~0.5 s, release ``*25*24#...``;
* dry contact ``*25*31#<x>*3<nn>##`` closed, ``*25*32#<x>*3<nn>##`` open,
  ``x`` 1 for an event and 0 in a reply to ``*#25*3<nn>##`` or the sweep
  ``*#25*30##``.
"""

from dataclasses import dataclass
from typing import Final, override

from custom_components.onewire_own.openwebnet.frames import (
    Command,
    Frame,
    StatusRequest,
)
from custom_components.onewire_own.openwebnet.where import Where

from .handler import REFUSED, BusContext, Outcome, WhoHandler
from .installation import ButtonKind, ButtonSpec, ContactSpec

CEN: Final = 15
CEN_PLUS: Final = 25
CONTACT_SWEEP: Final = Where("30")
CLOSED: Final = "31"
OPENED: Final = "32"
EVENT: Final = "1"
REPLY: Final = "0"
REPEAT_PERIOD: Final = 0.5
CEN_SHORT_RELEASE: Final = "1"
CEN_LONG_RELEASE: Final = "2"
CEN_HELD: Final = "3"
CEN_PLUS_SHORT: Final = "21"
CEN_PLUS_LONG_START: Final = "22"
CEN_PLUS_HELD: Final = "23"
CEN_PLUS_RELEASE: Final = "24"
CEN_PLUS_WHATS: Final = frozenset(
    {CEN_PLUS_SHORT, CEN_PLUS_LONG_START, CEN_PLUS_HELD, CEN_PLUS_RELEASE}
)


@dataclass(eq=False)
class Contact:
    """One dry contact's live state."""

    spec: ContactSpec
    closed: bool = False

    def __post_init__(self) -> None:
        """Start as the installation says."""
        self.closed = self.spec.closed

    def frame(self, marker: str) -> Command:
        """``*25*<31|32>#<marker>*3<nn>##``."""
        what = CLOSED if self.closed else OPENED
        return Command(CEN_PLUS, what, (marker,), Where.parse(self.spec.where))


def press_frames(
    kind: ButtonKind, where: str, button: int, *, long: bool, repeats: int
) -> list[list[Frame]]:
    """The frames of one press, in bursts separated by ``REPEAT_PERIOD``."""
    target = Where.parse(where)
    if kind is ButtonKind.CEN:
        number = f"{button:02d}"

        def cen(*params: str) -> Frame:
            return Command(CEN, number, params, target)

        if not long:
            return [[cen(), cen(CEN_SHORT_RELEASE)]]
        return [
            [cen()],
            *([cen(CEN_HELD)] for _ in range(repeats)),
            [cen(CEN_LONG_RELEASE)],
        ]

    def cen_plus(what: str) -> Frame:
        return Command(CEN_PLUS, what, (str(button),), target)

    if not long:
        return [[cen_plus(CEN_PLUS_SHORT)]]
    return [
        [cen_plus(CEN_PLUS_LONG_START)],
        *([cen_plus(CEN_PLUS_HELD)] for _ in range(repeats)),
        [cen_plus(CEN_PLUS_RELEASE)],
    ]


class CenButtons(WhoHandler):
    """WHO 15: a client may press a CEN button virtually; it is echoed."""

    def __init__(self, context: BusContext, specs: tuple[ButtonSpec, ...]) -> None:
        """Know the installation's buttons (for ``press_button``)."""
        super().__init__(context)
        self.buttons = {spec.where: spec for spec in specs}

    @override
    def command(self, frame: Command) -> Outcome:
        return Outcome(events=[frame])


class ContactsAndCenPlus(WhoHandler):
    """WHO 25: dry contacts answer status and sweeps; CEN+ presses are echoed."""

    def __init__(self, context: BusContext, specs: tuple[ContactSpec, ...]) -> None:
        """Create each contact in its starting state."""
        super().__init__(context)
        self.contacts = {spec.where: Contact(spec) for spec in specs}

    def set_contact(self, contact: Contact, *, closed: bool) -> None:
        """The contact changed: report it."""
        contact.closed = closed
        self.context.emit([contact.frame(EVENT)])

    @override
    def command(self, frame: Command) -> Outcome:
        if frame.what not in CEN_PLUS_WHATS:
            return REFUSED
        return Outcome(events=[frame])

    @override
    def status(self, frame: StatusRequest) -> Outcome:
        if frame.where == CONTACT_SWEEP:
            return Outcome(replies=[c.frame(REPLY) for c in self.contacts.values()])
        contact = self.contacts.get(frame.where.format())
        if contact is None:
            return REFUSED
        return Outcome(replies=[contact.frame(REPLY)])
