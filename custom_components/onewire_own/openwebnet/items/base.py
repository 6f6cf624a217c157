"""What every item (one addressable thing on the bus) has in common.

An item keeps the last state the gateway told about it, turns frames into
state changes, sends its own commands through a ``FrameSender`` (the gateway's
command-session pool, or a seed-style ``Client``) and calls its callbacks with
``(item, event)`` whenever something happened.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
import logging
from typing import ClassVar, Protocol, override

from ..errors import OpenWebNetCommandError
from ..frames import BusyNack, Command, DimensionReply, Frame, Nack, StatusRequest
from ..where import Where

_LOGGER = logging.getLogger(__package__)


class FrameSender(Protocol):
    """Sends a request and returns the answers up to ACK/NACK."""

    async def send(self, frame: Frame) -> list[Frame]:
        """Send frame on a command session."""
        ...


class ItemEvent:
    """Base of what items report to callbacks."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class StateChanged(ItemEvent):
    """The item's state attributes changed; read them from the item."""


class ButtonAction(StrEnum):
    """What a CEN or CEN+ button did."""

    #: The button went down (CEN ``*15*<b>*W##``).
    PRESSED = "pressed"
    #: A short press ended (CEN ``#1``, CEN+ 21).
    SHORT_PRESS = "short_press"
    #: A long press began (CEN+ 22).
    LONG_PRESS_START = "long_press_start"
    #: The button is held; repeats about every 0.5 s (CEN ``#3``, CEN+ 23).
    LONG_PRESS = "long_press"
    #: A long press ended (CEN ``#2``, CEN+ 24).
    LONG_RELEASE = "long_release"


@dataclass(frozen=True, slots=True)
class ButtonPressed(ItemEvent):
    """A button of a CEN/CEN+ item acted."""

    button: int
    action: ButtonAction


type ItemCallback = Callable[[Item, ItemEvent], None]
STATE_CHANGED = StateChanged()


class Item:
    """One thing on the bus, addressed by (WHO, WHERE).

    Its public methods are of two kinds. Commands (``turn_on``, ``set_mode``…)
    send frames. Configuration methods (named ``configure_*``, and
    ``keep_power_flowing``) set what the bus cannot tell, such as a basic
    shutter's travel times, or start background work; they belong to the
    program that owns the items, not to what merely shows them.
    """

    who: ClassVar[int]

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create the item; its state is unknown until a frame tells it."""
        self._sender = sender
        self.where = where
        self._where = Where.parse(where)
        self._callbacks: list[ItemCallback] = []

    @property
    def key(self) -> tuple[int, str]:
        """(WHO, WHERE): how the gateway caches items."""
        return (self.who, self.where)

    def join(self, items: Mapping[tuple[int, str], Item]) -> None:
        """Called once by the registry that made the item: every item of its bus.

        An item whose frames mean something only with another item's state
        reads it there (an alarm zone reads whether the system is armed);
        it never changes another item.
        """
        del items

    def add_callback(self, callback: ItemCallback) -> Callable[[], None]:
        """Call callback(item, event) on every event; returns its remover."""
        self._callbacks.append(callback)
        return lambda: self.remove_callback(callback)

    def remove_callback(self, callback: ItemCallback) -> None:
        """Stop calling callback (no error if it was already removed)."""
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        """Update the state from a frame about this item; return what happened."""
        del frame
        return []

    def notify(self, events: list[ItemEvent]) -> None:
        """Call every callback for every event; a failing callback is logged."""
        for event in events:
            for callback in list(self._callbacks):
                try:
                    callback(self, event)
                except Exception:
                    _LOGGER.exception("Callback %r failed on %s", callback, self)

    def conclude_status(self, answers: list[Frame]) -> list[ItemEvent]:
        """The whole answer to this item's status request has arrived.

        Each answer already went through ``handle``; an item whose reports
        never say that a condition is over (the thermoregulation central
        unit's battery) learns it here, from what the answer left out.
        """
        del answers
        return []

    def refresh_requests(self) -> list[Frame]:
        """The requests whose answers give this item's full state."""
        return [StatusRequest(self.who, self._where)]

    async def follow_up(self) -> None:
        """Ask, after the discovery sweeps, what they cannot tell about this item."""

    async def refresh(self) -> None:
        """Ask the gateway for the item's state (answers update the item)."""
        for request in self.refresh_requests():
            await self._sender.send(request)

    async def _request(self, frame: Frame) -> list[Frame]:
        """Send frame; raise OpenWebNetCommandError when the gateway refuses.

        Every command of every item goes through here: this is the one place
        where a NACK (or a busy NACK left after the pool's retry) becomes an
        error.
        """
        answers = await self._sender.send(frame)
        if answers and isinstance(answers[-1], (Nack, BusyNack)):
            raise OpenWebNetCommandError(
                f"gateway refused {frame} for {self}", frame=frame.build()
            )
        return answers

    async def _command(self, what: str, *params: str) -> None:
        await self._request(Command(self.who, what, params, self._where))

    def dispose(self) -> None:
        """Stop background work (the gateway is closing)."""

    @override
    def __repr__(self) -> str:
        """Class and address, e.g. ``Light(1, '12')``."""
        return f"{type(self).__name__}({self.who}, {self.where!r})"


def changed(item: object, **values: object) -> list[ItemEvent]:
    """Set attributes; return [StateChanged] if any value differs."""
    differs = False
    for name, value in values.items():
        if getattr(item, name) != value:
            setattr(item, name, value)
            differs = True
    return [STATE_CHANGED] if differs else []


def int_or_none(text: str) -> int | None:
    """A decimal field, or None when it is empty."""
    return int(text) if text else None
