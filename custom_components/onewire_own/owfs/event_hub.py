"""Fan-out of events to iterating readers and to callbacks.

Each reader has its own bounded queue. A reader that falls behind loses its
*oldest* undelivered events once the queue is full (never blocking the engine
and never growing memory); it then receives one :class:`EventsDropped` with the
count before the next event it does get.
"""

import asyncio
from collections import deque
from collections.abc import Callable
import logging
from typing import Self

from .events import Event, EventsDropped

_LOGGER = logging.getLogger(__name__)

DEFAULT_EVENT_QUEUE_SIZE = 1000


class EventStream:
    """One reader's view: ``with ow.events as events: async for msg in events``."""

    def __init__(self, hub: EventHub, maxsize: int) -> None:
        """Create an unsubscribed stream (subscribe by entering it)."""
        self._hub = hub
        self._maxsize = maxsize
        self._queue: deque[Event] = deque()
        self._wakeup: asyncio.Event = asyncio.Event()
        self._closed = False
        self._lost = 0
        #: Total events this reader lost to overflow.
        self.dropped = 0

    def __enter__(self) -> Self:
        """Start receiving events."""
        self._hub.subscribe(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Stop receiving events."""
        self._hub.unsubscribe(self)

    def __aiter__(self) -> Self:
        """Iterate over the events."""
        return self

    async def __anext__(self) -> Event:
        """Wait for the next event; stop when the OWFS instance closes."""
        while True:
            if self._lost:
                lost, self._lost = self._lost, 0
                return EventsDropped(lost)
            if self._queue:
                return self._queue.popleft()
            if self._closed:
                raise StopAsyncIteration
            self._wakeup.clear()
            await self._wakeup.wait()

    def put(self, event: Event) -> None:
        """Queue one event, dropping the oldest if the queue is full."""
        if len(self._queue) >= self._maxsize:
            self._queue.popleft()
            self._lost += 1
            self.dropped += 1
            if self.dropped == 1:
                _LOGGER.warning("A slow event reader lost events (queue full)")
        self._queue.append(event)
        self._wakeup.set()

    def close(self) -> None:
        """End the iteration once the queued events are read."""
        self._closed = True
        self._wakeup.set()


class EventHub:
    """Delivers each event to every stream and callback."""

    def __init__(self, queue_size: int = DEFAULT_EVENT_QUEUE_SIZE) -> None:
        """Streams created from this hub hold at most queue_size events."""
        self.queue_size = queue_size
        self._streams: list[EventStream] = []
        self._listeners: list[Callable[[Event], None]] = []
        self._closed = False

    def stream(self) -> EventStream:
        """A new stream; it receives events while entered (``with``)."""
        return EventStream(self, self.queue_size)

    def subscribe(self, stream: EventStream) -> None:
        """Deliver events to stream from now on."""
        if self._closed:
            stream.close()
        self._streams.append(stream)

    def unsubscribe(self, stream: EventStream) -> None:
        """Stop delivering to stream."""
        if stream in self._streams:
            self._streams.remove(stream)

    def add_listener(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Call callback(event) for every event; returns the unsubscribe function.

        Callbacks run synchronously in the engine's task: they must be quick
        and not block. An exception in one is logged and does not stop others.
        """
        self._listeners.append(callback)

        def unsubscribe() -> None:
            if callback in self._listeners:
                self._listeners.remove(callback)

        return unsubscribe

    def emit(self, event: Event) -> None:
        """Deliver event to every stream and listener."""
        for stream in self._streams:
            stream.put(event)
        for callback in list(self._listeners):
            try:
                callback(event)
            except Exception:
                _LOGGER.exception("Event listener %r failed on %r", callback, event)

    def close(self) -> None:
        """End every stream's iteration."""
        self._closed = True
        for stream in self._streams:
            stream.close()
