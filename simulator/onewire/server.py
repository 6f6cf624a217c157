"""The emulated bus master on a TCP port, and the facade tests use.

``OneWireEmulator`` is a DS9097U (DS2480B) behind a network serial server
(telnet, RFC 2217) on 127.0.0.1: start a real ``owserver -d 127.0.0.1:PORT``
against it. It owns the bus, the timeline and the adapter-level faults:

- ``go_silent()``/``resume()``: the adapter stops answering (bytes are read
  and dropped, nothing comes back) — owserver times out and reconnects;
- ``drop_connections()``: the serial server closes its TCP connections;
- ``latency``: extra seconds before every answer (a slow serial link).

Answers are delayed by the bus time they cost (``realistic_timing``): baud
rate times bytes plus 1-Wire slot and reset times, scaled by the clock.

It can run in the caller's event loop (``async with``) or in a thread of its
own (``start_in_thread()``), which keeps its answers on time even while the
caller's loop is busy — owserver gives an adapter about 1 s per answer.
"""

import asyncio
from collections.abc import Callable
import contextlib
import logging
import threading
from typing import Self, TypeVar, override

from .bus import OneWireBus
from .clock import BusClock
from .description import BusDescription
from .ds2480 import DS2480B
from .slave import SettingError, Slave
from .telnet import Break, Data, Setting, TelnetDecoder, encode_for_owserver
from .timeline import Event, Timeline

_LOGGER = logging.getLogger("simulator.onewire")
_T = TypeVar("_T")


class OneWireEmulator:
    """A bus of emulated chips behind an emulated DS9097U on a TCP port."""

    def __init__(
        self,
        bus: OneWireBus | None = None,
        *,
        timeline: Timeline | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        realistic_timing: bool = True,
    ) -> None:
        """Serve bus (empty by default) on host:port (0 = a free port)."""
        self.bus = bus or OneWireBus()
        self.timeline = timeline or Timeline()
        self.host = host
        self.port = port
        self.realistic_timing = realistic_timing
        self.latency = 0.0
        self.silent = False
        self.connections_accepted = 0
        self.bytes_received = 0
        self.bytes_sent = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self.bus.on_advance = self._advance

    @classmethod
    def from_description(
        cls,
        description: BusDescription,
        *,
        clock: BusClock | None = None,
        **options: object,
    ) -> Self:
        """An emulator for a bus description (see ``description``)."""
        bus = OneWireBus(clock)
        timeline = description.build(bus)
        return cls(bus, timeline=timeline, **options)  # type: ignore[arg-type]

    @property
    def clock(self) -> BusClock:
        """The bus clock."""
        return self.bus.clock

    # ---------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Listen (and start the timeline's clock)."""
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        with self.bus.lock:
            if self.timeline.origin is None:
                self.timeline.start(self.clock.now())
        _LOGGER.debug("1-Wire emulator listening on %s:%s", self.host, self.port)

    async def stop(self) -> None:
        """Close every connection and stop listening."""
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.close()
        if self._server is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 5)
            self._server = None

    async def __aenter__(self) -> Self:
        """Start on entry."""
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Stop on exit."""
        await self.stop()

    def start_in_thread(self) -> Self:
        """Run in a thread with its own event loop; returns once listening."""
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            async def main() -> None:
                self._loop = asyncio.get_running_loop()
                self._stop = asyncio.Event()
                try:
                    await self.start()
                except BaseException as err:  # noqa: BLE001 (re-raised in the caller)
                    failure.append(err)
                    ready.set()
                    return
                ready.set()
                await self._stop.wait()
                await self.stop()

            asyncio.run(main())

        self._thread = threading.Thread(
            target=run, name=f"onewire-emulator-{id(self):x}", daemon=True
        )
        self._thread.start()
        ready.wait(10)
        if failure:
            raise failure[0]
        if not ready.is_set():
            raise RuntimeError("the 1-Wire emulator thread did not start")
        return self

    def stop_thread(self) -> None:
        """Stop a threaded emulator and wait for its thread."""
        if self._thread is None or self._loop is None or self._stop is None:
            return
        stop = self._stop
        with contextlib.suppress(RuntimeError):  # loop already closed
            self._loop.call_soon_threadsafe(stop.set)
        self._thread.join(10)
        self._thread = None

    # ---------------------------------------------------------- serving

    async def _serve(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.connections_accepted += 1
        self._writers.add(writer)
        adapter = DS2480B(self.bus)
        decoder = TelnetDecoder()
        try:
            while True:
                chunk = await reader.read(4096)
                if not chunk:
                    return
                self.bytes_received += len(chunk)
                if self.silent:
                    _LOGGER.debug("silent: dropped %s", chunk.hex(" "))
                    continue
                answer, owed = self._process(adapter, decoder, chunk)
                if not answer:
                    continue
                delay = self.latency + (
                    self.clock.wall(owed) if self.realistic_timing else 0.0
                )
                if delay > 0:
                    await asyncio.sleep(delay)
                if self.muted():  # silenced while the answer was on its way
                    continue
                writer.write(encode_for_owserver(answer))
                self.bytes_sent += len(answer)
                _LOGGER.debug("> %s", answer.hex(" "))
                await writer.drain()
        except ConnectionError:
            return
        finally:
            self._writers.discard(writer)
            writer.close()

    def _process(
        self, adapter: DS2480B, decoder: TelnetDecoder, chunk: bytes
    ) -> tuple[bytes, float]:
        answer = bytearray()
        with self.bus.lock:
            for event in decoder.feed(chunk):
                match event:
                    case Data(data=data):
                        _LOGGER.debug("< %s", data.hex(" "))
                        answer += adapter.feed(data)
                    case Break():
                        _LOGGER.debug("< BREAK")
                        adapter.break_signal()
                    case Setting():
                        pass
            return bytes(answer), adapter.take_time()

    def _advance(self, now: float) -> None:
        self.timeline.apply_due(now, self)

    # ----------------------------------------------------- thread safety

    def locked(self, action: Callable[[], _T]) -> _T:
        """Run action with the bus lock held, after applying what is due."""
        with self.bus.lock:
            self.bus.advance()
            return action()

    # -------------------------------------------------- chips and world

    def chip(self, name: str) -> Slave:
        """The chip with this id (``28.0123456789AB``)."""
        return self.bus.chip(name)

    def chips(self) -> list[Slave]:
        """Every chip on the bus."""
        return self.bus.chips()

    def set_value(self, device: str, attribute: str, value: float) -> None:
        """Change the world now: a temperature, an input level, a counter."""
        self.locked(
            lambda: self.chip(device).set_value(attribute, value, self.clock.now())
        )

    def ramp_value(
        self, device: str, attribute: str, target: float, duration: float
    ) -> None:
        """Move an analog value linearly to target over duration bus seconds."""
        self.locked(
            lambda: self.chip(device).ramp_value(
                attribute, target, duration, self.clock.now()
            )
        )

    def vanish(self, device: str) -> None:
        """Unplug a chip."""
        self.locked(lambda: self.chip(device).vanish())

    def reappear(self, device: str) -> None:
        """Plug it back in (it powers up again)."""
        self.locked(lambda: self.chip(device).reappear())

    def brown_out(self, device: str, conversions: int = 1) -> None:
        """The thermometer's next conversions end in a power-on reset (85 °C)."""

        def apply() -> None:
            chip = self.chip(device)
            if not hasattr(chip, "brownouts"):
                raise SettingError(f"{chip.model} does not convert temperatures")
            chip.brownouts = conversions

        self.locked(apply)

    def set_crc_error_rate(self, device: str, rate: float) -> None:
        """Probability that a CRC-protected block of the chip arrives corrupted."""

        def apply() -> None:
            self.chip(device).crc_error_rate = rate

        self.locked(apply)

    def schedule(self, event: Event) -> None:
        """Add an event to the timeline (its ``at`` counts from the start)."""
        self.locked(lambda: self.timeline.add(event))

    def elapsed(self) -> float:
        """Bus seconds since the emulator started."""
        origin = self.timeline.origin
        return 0.0 if origin is None else self.clock.now() - origin

    def snapshot(self) -> list[dict[str, object]]:
        """Every chip's state as plain data."""
        return self.locked(lambda: [chip.snapshot() for chip in self.bus.chips()])

    # ------------------------------------------------------------ faults

    @override
    def __repr__(self) -> str:
        """Where it listens."""
        return f"<OneWireEmulator {self.host}:{self.port} {len(self.chips())} chips>"

    def short(self) -> None:
        """Short the wire until unshort()."""
        with self.bus.lock:
            self.bus.short()

    def unshort(self) -> None:
        """End the short."""
        with self.bus.lock:
            self.bus.unshort()

    def muted(self) -> bool:
        """Whether the adapter is silent now."""
        return self.silent

    def go_silent(self) -> None:
        """The adapter stops answering (until resume())."""
        if not self.silent:
            self.silent = True
            self.bus.note_fault("silent")

    def resume(self) -> None:
        """The adapter answers again."""
        if self.silent:
            self.silent = False
            self.bus.note_fault("silent_end")

    def drop_connections(self) -> None:
        """Close every TCP connection (the serial server restarts)."""
        loop = self._loop
        for writer in list(self._writers):
            if loop is not None and loop.is_running() and self._thread is not None:
                loop.call_soon_threadsafe(writer.close)
            else:
                writer.close()
