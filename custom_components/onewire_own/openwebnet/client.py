"""The seed design's ``Client``: one session, its items, callbacks and loop.

Code written against the seed documentation works unchanged::

    client = Client(host, port, password, SessionType.EventSession)
    client.add_callback(lambda item, event: print(item, event))
    await client.start()
    own_loop = asyncio.create_task(client.loop())
    ...
    await client.close()

A command client sends with ``send_message`` and reads with ``read_message``;
``send`` (added) returns a request's answers up to ACK/NACK. An event client's
items send their commands through the client given to ``loop(client=...)``.
For a long-running program prefer ``Gateway`` (pool, keep-alive, reconnect).
"""

from asyncio import AbstractEventLoop
from collections.abc import Callable

from .errors import InvalidSession
from .frames import Frame
from .items.base import Item, ItemCallback, ItemEvent
from .items.registry import ItemRegistry
from .lockout import guard_for
from .session import (
    Session,
    SessionSettings,
    SessionType,
    is_final_answer,
    open_session,
)
from .where import Where

__all__ = ["Client", "SessionType"]


class Client:
    """A connection to an OpenWebNet gateway of one session type."""

    def __init__(
        self,
        host: str,
        port: int,
        password: str | None,
        session_type: SessionType = SessionType.CommandSession,
        *,
        loop: AbstractEventLoop | None = None,
        handshake_timeout: float = 5.0,
    ) -> None:
        """Describe the connection; ``start`` opens it.

        ``loop`` is accepted for compatibility with the seed and ignored: the
        running loop is always used.
        """
        del loop
        self._settings = SessionSettings(
            host=host, port=port, password=password, handshake_timeout=handshake_timeout
        )
        self.session_type = session_type
        self._guard = guard_for(host, port)
        self._session: Session | None = None
        self._callbacks: list[ItemCallback] = []
        self._registry = self._new_registry(self)
        self._loop_registry: ItemRegistry | None = None

    def _new_registry(self, sender: Client) -> ItemRegistry:
        registry = ItemRegistry(sender)
        registry.add_callback(self._call_callbacks)
        return registry

    def _call_callbacks(self, item: Item, event: ItemEvent) -> None:
        for callback in list(self._callbacks):
            callback(item, event)

    def is_cmd_session(self) -> bool:
        """True for a command session (either form)."""
        return self.session_type is not SessionType.EventSession

    async def start(self) -> None:
        """Connect and authenticate (a refused ``*99*9##`` falls back to ``*99*0##``).

        Raises:
            OpenWebNetConnectionError: unreachable or silent (also on timeout).
            OpenWebNetAuthError: password refused.
            UnsupportedAuthError: unknown authentication algorithm.

        """
        self._session = await open_session(
            self._settings, self.session_type, self._guard
        )

    async def connect(self) -> None:
        """Same as ``start`` (the seed documentation's example calls it so)."""
        await self.start()

    def _open_session(self) -> Session:
        if self._session is None or self._session.closed:
            raise InvalidSession("the client is not started")
        return self._session

    async def send_message(self, message: Frame, *, force: bool = False) -> None:
        """Send a frame (on an event session only with force=True).

        Raises:
            InvalidSession: event session without force, or not started.

        """
        session = self._open_session()
        if not self.is_cmd_session() and not force:
            raise InvalidSession("cannot send on an event session")
        await session.send(message)

    async def read_message(self, timeout: float | None = 5) -> Frame:
        """The next frame from the gateway.

        Raises:
            TimeoutError: nothing arrived within timeout seconds.
            InvalidSession: not started.

        """
        return await self._open_session().read(timeout)

    async def send(self, frame: Frame) -> list[Frame]:
        """Send a request; return its answers up to ACK/NACK (they update items)."""
        await self.send_message(frame)
        answers: list[Frame] = []
        while not answers or not is_final_answer(answers[-1]):
            answers.append(await self.read_message())
        for answer in answers:
            self._registry.dispatch(answer)
        return answers

    def get_item(
        self, who: int, where: str | Where, *, client: Client | None = None
    ) -> Item:
        """The cached item for (who, where); it sends through client (default self).

        Raises:
            KeyError: no item type handles that WHO and WHERE.

        """
        return self._registry_for(client).get_item(who, where)

    def _registry_for(self, client: Client | None) -> ItemRegistry:
        if client is None or client is self:
            return self._registry
        if self._loop_registry is None:
            self._loop_registry = self._new_registry(client)
        return self._loop_registry

    def add_callback(self, callback: ItemCallback) -> Callable[[], None]:
        """Call callback(item, event) for every item event; returns its remover."""
        self._callbacks.append(callback)
        return lambda: self.remove_callback(callback)

    def remove_callback(self, callback: ItemCallback) -> None:
        """Stop calling callback (no error if it was not registered)."""
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    async def loop(self, *, client: Client | None = None) -> None:
        """Read frames forever and dispatch them to items and callbacks.

        Args:
            client: the command client the items should send through
                (default self).

        Raises:
            InvalidSession: not started, or a command session.
            OpenWebNetConnectionError: the gateway closed the session.

        """
        session = self._open_session()
        if self.is_cmd_session():
            raise InvalidSession("loop() runs on an event session")
        registry = self._registry_for(client)
        dispatch = registry.dispatch
        while True:
            for frame in await session.read_available():
                dispatch(frame)

    async def close(self) -> None:
        """Close the session."""
        if self._session is not None:
            await self._session.close()
            self._session = None
        self._registry.dispose()
        if self._loop_registry is not None:
            self._loop_registry.dispose()
