"""``Gateway``: everything a long-running program needs from one gateway.

It owns a pool of command sessions and the event session, keeps the items
learned from sweeps and events, and reports connection changes::

    gateway = Gateway("192.0.2.10", 20000, "12345", model="MH200N")
    await gateway.start()      # OpenWebNetConnectionError/AuthError/LockedError
    await gateway.discover()   # a few sweeps learn the installation's state
    gateway.add_item_listener(lambda item: ...)          # a new item appeared
    gateway.add_connection_listener(lambda up: ...)      # True/False
    gateway.add_frame_listener(lambda frame: ...)        # every event-session frame
    gateway.items[(1, "12")].add_callback(lambda item, event: ...)
    await gateway.close()

After every reconnect the connection listeners hear ``True``; that is the
resync hook (sweep again: events were missed while disconnected). Several
gateways in one process share nothing: each has its own sessions, items,
login guard and counters.

Every gateway model holds one event session plus at least one command
session (PROTOCOLS.md §2), so the default of one command session and the
event session fits all of them. The model (its SSDP name when given, else
its WHO 13 answer, read first thing at ``start``) sets the pause between
commands when none is given, and caps the command sessions at what it holds.
Logins are capped per minute (``LoginRate``): reconnects after a loss are
quick, and the cap is what stops a gateway that drops every session right
after the login from being hammered.

A light command to an area, a group or the whole bus (sent here or heard on
the bus) is followed by one light sweep ``*#1*0##`` once such commands have
been quiet for ``light_sweep_delay`` seconds: gateways do not always report
each light such a command switched, and a group's members cannot be read
from the bus, so every light ends in the state the bus says.
"""

import asyncio
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
import logging
from typing import Final, override

from .command_pool import (
    DEFAULT_GROW_RETRY_MAX,
    DEFAULT_GROW_RETRY_MIN,
    DEFAULT_REQUEST_TIMEOUT,
    CapacityListener,
    CommandPool,
)
from .counters import Counters
from .debounce import DebouncedRequest
from .errors import OpenWebNetConnectionError, SessionSlotsExhaustedError
from .frames import (
    Ack,
    BusyNack,
    DimensionReply,
    DimensionRequest,
    Frame,
    Nack,
    StatusRequest,
)
from .items.alarm import (
    SYSTEM_STATUS as ALARM_STATUS,
    WEB_SERVER_STATUS as ALARM_WEB_SERVER_STATUS,
)
from .items.base import Item, ItemCallback
from .items.energy import (
    ACTUATOR_PREFIX,
    DIMENSION_ACTIVE_POWER,
    METER_DISCOVERY,
    METER_NUMBERS,
    METER_PREFIX,
    EnergyMeter,
    meter_where,
)
from .items.gateway_info import DIMENSION_MODEL, GatewayInfo
from .items.registry import (
    ItemListener,
    ItemRegistry,
    discard_entry,
    is_light_broadcast,
)
from .lockout import LoginGuard, guard_for
from .login_rate import DEFAULT_MAX_LOGINS, DEFAULT_WINDOW, LoginRate
from .models import SessionLimits, session_limits
from .monitor import (
    DEFAULT_AUTH_RETRY_DELAY,
    DEFAULT_KEEPALIVE,
    DEFAULT_PROBE_TIMEOUT,
    DEFAULT_RECONNECT_MAX,
    DEFAULT_RECONNECT_MIN,
    ConnectionHandler,
    EventMonitor,
)
from .session import (
    DEFAULT_PORT,
    NO_FREE_SESSION,
    Session,
    SessionSettings,
    SessionType,
    open_session,
)
from .where import Where

_LOGGER = logging.getLogger(__package__)

#: Requests whose answers describe a whole function of the bus at once.
DISCOVERY_SWEEPS: Final[tuple[Frame, ...]] = (
    StatusRequest(1, Where("0")),  # every light
    StatusRequest(2, Where("0")),  # every shutter
    StatusRequest(4, Where("0")),  # every thermo zone
    StatusRequest(25, Where("30")),  # every dry contact
    StatusRequest(9, Where("0")),  # every aux channel
)
#: Sweeps of systems no first state waits for, sent after ``DISCOVERY_SWEEPS``
#: (by Home Assistant in the background, once the platforms are set up). A
#: gateway without the system NACKs them, which is no error.
LATER_SWEEPS: Final[tuple[Frame, ...]] = (
    # Every amplifier and source of the sound system (the bare ``*#16*0##``
    # is NACKed or left unanswered by some gateways).
    DimensionRequest(16, Where("0"), "5"),
    # The burglar alarm: system, zones, alarms.
    ALARM_STATUS,
)
#: Asked instead of a refused sweep, when the bus already has items of its WHO
#: (so a bus without a burglar alarm costs no second request).
SWEEP_FALLBACKS: Final[Mapping[StatusRequest, Frame]] = {
    ALARM_STATUS: ALARM_WEB_SERVER_STATUS,  # *#5## (the web server's copy)
}
#: ``*#13**15##``: the model, asked first at start; also the liveness probe.
_MODEL_REQUEST: Final = DimensionRequest(13, Where(""), DIMENSION_MODEL)
LIGHT_SWEEP: Final = StatusRequest(1, Where("0"))
#: Quiet seconds after area/group/general light commands before the light
#: sweep: members report within ~0.15 s when they do (MyHomeServer1 group
#: trace, MyHOME issue_466), and a scenario's burst of commands is over by then.
DEFAULT_LIGHT_SWEEP_DELAY: Final = 1.0
#: Consecutive silent addresses that end the search for meters of one kind.
METER_SCAN_MISSES: Final = 3
type FrameListener = Callable[[Frame], None]


class Gateway:
    """One OpenWebNet gateway: command-session pool, event session, items."""

    def __init__(
        self,
        host: str,
        port: int = DEFAULT_PORT,
        password: str | None = None,
        *,
        command_sessions: int = 1,
        model: str | None = None,
        pacing: float | None = None,
        keepalive: float = DEFAULT_KEEPALIVE,
        event_session: bool = True,
        handshake_timeout: float = 5.0,
        request_timeout: float = DEFAULT_REQUEST_TIMEOUT,
        probe_timeout: float = DEFAULT_PROBE_TIMEOUT,
        reconnect_min: float = DEFAULT_RECONNECT_MIN,
        reconnect_max: float = DEFAULT_RECONNECT_MAX,
        auth_retry_delay: float = DEFAULT_AUTH_RETRY_DELAY,
        grow_retry_min: float = DEFAULT_GROW_RETRY_MIN,
        grow_retry_max: float = DEFAULT_GROW_RETRY_MAX,
        login_guard: LoginGuard | None = None,
        max_logins: int = DEFAULT_MAX_LOGINS,
        login_window: float = DEFAULT_WINDOW,
        light_sweep_delay: float = DEFAULT_LIGHT_SWEEP_DELAY,
    ) -> None:
        """Describe the gateway; nothing connects until ``start``.

        Args:
            host: the gateway's address.
            port: its OpenWebNet port (20000).
            password: OPEN (digits) or HMAC password; None for an open range.
            command_sessions: command sessions used in parallel (1-4). Every
                gateway holds at least one besides the event session; past
                its limit (MH202 2, MH201/MH200N/MH200 1) a session is refused
                or never answered, and on an MH200N the event session then
                goes quiet: keep within the model's limit.
            model: the model's name as SSDP announced it (``MH200N``), if
                known; otherwise the WHO 13 answer is all there is.
            pacing: seconds between two requests on one command session;
                None: the model's (the slowest known model's until it is
                known).
            keepalive: seconds between keep-alives on the event session; a
                dead gateway is detected within keepalive + probe_timeout.
            event_session: False for a command-only gateway object.
            handshake_timeout: seconds allowed to connect and per handshake step.
            request_timeout: seconds allowed for a request's answers.
            probe_timeout: seconds the liveness probe may wait for its answer.
            reconnect_min: delay before reconnecting after a loss, and
                first delay between failed attempts (grows by half while they
                fail; back to this after a successful login).
            reconnect_max: longest delay between reconnect attempts.
            auth_retry_delay: delay after a refused password.
            grow_retry_min: first delay before asking again for a command
                session the gateway refused (taken by others; doubles).
            grow_retry_max: longest delay between those attempts.
            login_guard: the failed-login bookkeeping; by default the one
                shared by every client of host:port in this process (at most
                2 failures per 60 s: gateways lock out at 3).
            max_logins: logins (sessions opened or attempted once connected)
                allowed in any login_window seconds; more wait their turn.
            login_window: that window, in seconds.
            light_sweep_delay: quiet seconds after area, group or general
                light commands before the one light sweep that follows them.

        """
        self.host = host
        self.port = port
        self.counters = Counters()
        self._settings = SessionSettings(
            host=host, port=port, password=password, handshake_timeout=handshake_timeout
        )
        self._guard = login_guard or guard_for(host, port)
        self._logins = LoginRate(max_logins=max_logins, window=login_window)
        self._command_session_type = SessionType.CommandSession
        self._model_name = model
        self._pacing_from_model = pacing is None
        self._pool = CommandPool(
            self._open_command_session,
            size=command_sessions,
            pacing=session_limits(model, None).pacing if pacing is None else pacing,
            request_timeout=request_timeout,
            grow_retry_min=grow_retry_min,
            grow_retry_max=grow_retry_max,
            on_capacity_change=self._handle_capacity,
        )
        self._capacity_listeners: list[CapacityListener] = []
        self._light_sweep = DebouncedRequest(
            self._sweep_lights, light_sweep_delay, name="light sweep"
        )
        self._registry = ItemRegistry(
            self, on_light_broadcast=self._light_sweep.trigger
        )
        self._connection_listeners: list[ConnectionHandler] = []
        self._frame_listeners: list[FrameListener] = []
        self._monitor: EventMonitor | None = None
        if event_session:
            self._monitor = EventMonitor(
                self._open_event_session,
                self._handle_event_session_frames,
                self._handle_connection,
                self._probe,
                keepalive=keepalive,
                probe_timeout=probe_timeout,
                reconnect_min=reconnect_min,
                reconnect_max=reconnect_max,
                auth_retry_delay=auth_retry_delay,
                locked_delay=lambda: self._guard.retry_after,
            )
        self._started = False
        self._closed = False
        #: The sweeps the gateway refused the last time they were sent.
        self.refused_sweeps: set[str] = set()

    # ------------------------------------------------------------ sessions

    async def _open_command_session(self) -> Session:
        session = await open_session(
            self._settings,
            self._command_session_type,
            self._guard,
            self.counters,
            self._logins,
        )
        self._command_session_type = session.session_type
        return session

    async def _open_event_session(self) -> Session:
        return await Session.open(
            self._settings,
            SessionType.EventSession,
            self._guard,
            self.counters,
            self._logins,
        )

    async def start(self) -> None:
        """Open the sessions and read the gateway info.

        A command session first, then the event session, then the other
        command sessions: those the gateway refuses (taken by other clients)
        are left out and asked for again later with a backoff; the capacity
        listeners hear how many it granted.

        Raises:
            SessionSlotsExhaustedError: the first command session or the
                event session was refused or not answered: other clients
                hold them.
            OpenWebNetConnectionError: the gateway cannot be reached.
            OpenWebNetAuthError: it refused the password.
            OpenWebNetLockedError: too many failed logins recently; wait.

        """
        self._closed = False
        opened = 0
        try:
            await self._pool.open_one()
            opened += 1
            await self._learn_model()
            if self._monitor is not None:
                await self._monitor.connect()
                opened += 1
            await self._pool.open_all()
        except NO_FREE_SESSION as err:
            await self.close()
            raise SessionSlotsExhaustedError(
                f"{self!r} has no room for this client's sessions ({err}):"
                " other clients hold them",
                granted=opened,
                asked=self.sessions_asked,
            ) from err
        except BaseException:
            await self.close()
            raise
        if self._monitor is not None:
            self._monitor.start()
        self._started = True
        try:
            await self.refresh_info()
        except OpenWebNetConnectionError as err:
            # Reachable and logged in: a gateway slow to tell its identity is
            # still usable; discover() asks again.
            _LOGGER.debug("Could not read the gateway info: %s", err)

    async def _learn_model(self) -> None:
        """Ask the model, then pace and cap the command sessions as it needs.

        Asked on the first command session, before any other session: past
        its limit a gateway does not answer, and an MH200N's event session
        then goes quiet.
        """
        try:
            await self.send(_MODEL_REQUEST)
        except OpenWebNetConnectionError as err:
            _LOGGER.debug("%r did not tell its model: %s", self, err)
            return
        limits = self.limits
        if self._pacing_from_model:
            self._pool.pacing = limits.pacing
        allowed = limits.command_sessions
        if allowed is not None and self._pool.size > allowed:
            _LOGGER.warning(
                "%r is a %s, which holds %d command session(s) besides the event"
                " session: using %d of the %d asked",
                self,
                limits.label,
                allowed,
                allowed,
                self._pool.size,
            )
            self._pool.cap(allowed)

    @property
    def limits(self) -> SessionLimits:
        """What the model allows: command sessions and pacing (see ``models``)."""
        return session_limits(self._model_name, self.info.model_id)

    @property
    def pacing(self) -> float:
        """Seconds between two requests on one command session, as used now."""
        return self._pool.pacing

    @property
    def connected(self) -> bool:
        """True while the event session is up (or, without one, once started)."""
        if self._monitor is None:
            return self._started
        return self._monitor.connected

    async def _probe(self, timeout: float) -> None:
        """Any answer proves the gateway alive; silence raises a connection error.

        timeout bounds the whole probe, waiting for a free command session
        and reopening it included: with a single session, a request stuck on
        the silent gateway (until the request timeout) and a reopen that is
        never greeted (until the handshake timeout) would otherwise hide it
        for their sum. A probe that waited behind other requests which did
        get answers meanwhile has its proof all the same.
        """
        frames_before = self.counters.frames_in
        try:
            async with asyncio.timeout(timeout):
                await self._pool.request(
                    _MODEL_REQUEST, timeout=timeout, retry_busy=False
                )
        except TimeoutError as err:
            if self.counters.frames_in > frames_before:
                return  # the queue ahead of the probe was being answered
            raise OpenWebNetConnectionError(
                f"{self!r} did not answer the liveness probe in {timeout} s"
            ) from err

    def _handle_events(self, frames: list[Frame]) -> None:
        dispatch = self._registry.dispatch
        for frame in frames:
            dispatch(frame)

    def _handle_event_session_frames(self, frames: list[Frame]) -> None:
        """What the bus did: to the items first, then to the frame listeners."""
        self._handle_events(frames)
        for frame in frames:
            for listener in list(self._frame_listeners):
                try:
                    listener(frame)
                except Exception:
                    _LOGGER.exception("Frame listener %r failed on %s", listener, frame)

    @property
    def command_sessions(self) -> int:
        """How many command sessions this object asks the gateway for."""
        return self._pool.size

    @property
    def command_sessions_granted(self) -> int:
        """How many of them it uses now (fewer while the gateway refuses some)."""
        return self._pool.granted

    @property
    def sessions_asked(self) -> int:
        """Sessions this object needs: command sessions plus the event session."""
        return self._pool.size + (self._monitor is not None)

    def add_capacity_listener(self, listener: CapacityListener) -> Callable[[], None]:
        """Call listener(granted) when the number of usable command sessions changes.

        It drops when the gateway refuses a command session (its sessions are
        taken by other clients) and rises when a later attempt gets it back.
        Returns the listener's remover.
        """
        self._capacity_listeners.append(listener)
        return lambda: discard_entry(self._capacity_listeners, listener)

    def _handle_capacity(self, granted: int) -> None:
        for listener in list(self._capacity_listeners):
            try:
                listener(granted)
            except Exception:
                _LOGGER.exception("Capacity listener %r failed", listener)

    def _handle_connection(self, connected: bool) -> None:
        if connected:
            self.counters.reconnects += 1
        for listener in list(self._connection_listeners):
            try:
                listener(connected)
            except Exception:
                _LOGGER.exception("Connection listener %r failed", listener)

    async def close(self) -> None:
        """Close every session and stop background work."""
        await self._light_sweep.cancel()
        if self._monitor is not None:
            await self._monitor.close()
        await self._pool.close()
        self._registry.dispose()
        self._started = False
        self._closed = True

    # ------------------------------------------------------------ requests

    async def send(self, frame: Frame) -> list[Frame]:
        """Send a request on a command session; return its answers up to ACK/NACK.

        The answers also update the items they are about.

        Raises:
            OpenWebNetConnectionError: the gateway did not answer, or this
                object was closed (it does not reconnect behind a close).

        """
        if self._closed:
            raise OpenWebNetConnectionError(f"{self!r} is closed")
        answers = await self._pool.request(frame)
        self._handle_events(answers)
        self._registry.conclude(frame, answers)
        if is_light_broadcast(frame) and answers and isinstance(answers[-1], Ack):
            self._light_sweep.trigger()
        return answers

    # --------------------------------------------------------- light sweep

    async def _sweep_lights(self) -> None:
        await self.send(LIGHT_SWEEP)

    @property
    def light_sweep_pending(self) -> bool:
        """True while a light sweep is scheduled or running."""
        return self._light_sweep.pending

    @property
    def light_sweeps(self) -> int:
        """Light sweeps sent after area, group or general commands so far."""
        return self._light_sweep.runs

    async def discover(self) -> list[Item]:
        """Sweep every function of the bus; return every item known afterwards.

        The gateway info is read again only if ``start`` could not read it.

        A NACK to a sweep is normal (gateways refuse sweeps they do not
        support) and only logged at debug level.
        """
        for sweep in (*DISCOVERY_SWEEPS, *LATER_SWEEPS):
            await self.sweep(sweep)
        await self.follow_up_items()
        if self.info.model_id is None:
            await self.refresh_info()
        return list(self._registry.items.values())

    async def sweep(self, request: Frame) -> list[Frame]:
        """Send one sweep; if refused, its fallback when items of its WHO are known.

        A refusal is normal (gateways refuse sweeps of functions they do not
        have or support): it is logged at debug level and remembered in
        ``refused_sweeps`` for diagnostics.
        """
        answers = await self.send(request)
        sent = request
        fallback = (
            SWEEP_FALLBACKS.get(request) if isinstance(request, StatusRequest) else None
        )
        if (
            fallback is not None
            and _refused(answers)
            and self._knows_who(getattr(request, "who", None))
        ):
            _LOGGER.debug("Gateway refused %s; asking %s instead", request, fallback)
            self.refused_sweeps.add(request.build())
            sent, answers = fallback, await self.send(fallback)
        text = sent.build()
        if _refused(answers):
            _LOGGER.debug("Gateway does not support the sweep %s", sent)
            self.refused_sweeps.add(text)
        else:
            self.refused_sweeps.discard(text)
        return answers

    def _knows_who(self, who: int | None) -> bool:
        """Whether the bus has items of this WHO."""
        return any(item_who == who for item_who, _ in self._registry.items)

    async def follow_up_items(self) -> None:
        """Ask each item what the sweeps could not tell (``Item.follow_up``)."""
        for item in list(self._registry.items.values()):
            await item.follow_up()

    async def find_energy_meters(
        self, misses: int = METER_SCAN_MISSES
    ) -> list[EnergyMeter]:
        """Find every energy meter of the bus, in as few requests as the gateway allows.

        Meters cannot be swept. ``*#1018*0*7##`` makes every meter answer
        with one frame; a gateway that refuses it, or whose meters stay
        silent, is asked address by address for active power: meters ``51``,
        ``52``… then actuators ``71#0``, ``72#0``…, each kind until misses
        addresses in a row do not answer (installers number meters from 1).
        The answers make the items; returns every meter known afterwards.
        """
        answers = await self.send(METER_DISCOVERY)
        if not any(isinstance(frame, DimensionReply) for frame in answers):
            for prefix in (METER_PREFIX, ACTUATOR_PREFIX):
                await self._scan_meters(prefix, misses)
        return [
            item
            for item in self._registry.items.values()
            if isinstance(item, EnergyMeter)
        ]

    async def _scan_meters(self, prefix: str, misses: int) -> None:
        silent = 0
        for number in METER_NUMBERS:
            request = DimensionRequest(
                EnergyMeter.who, meter_where(prefix, number), DIMENSION_ACTIVE_POWER
            )
            answers = await self.send(request)
            answered = any(isinstance(frame, DimensionReply) for frame in answers)
            silent = 0 if answered else silent + 1
            if silent >= misses:
                return

    async def refresh_items(self) -> None:
        """Ask every known item for its state, one by one (no sweeps)."""
        for item in list(self._registry.items.values()):
            await item.refresh()

    async def refresh_info(self) -> None:
        """Ask the gateway for its firmware, MAC, uptime, clock and model.

        The model is asked only while unknown: it does not change.
        """
        for request in self.info.refresh_requests():
            if request == _MODEL_REQUEST and self.info.model_id is not None:
                continue
            await self.send(request)

    # ------------------------------------------------------------- items

    @property
    def items(self) -> Mapping[tuple[int, str], Item]:
        """Every item learned so far, by (WHO, WHERE text)."""
        return self._registry.items

    def get_item(self, who: int, where: str | Where) -> Item:
        """The item for (who, where), created on first use.

        Raises:
            KeyError: no item type handles that WHO and WHERE.

        """
        return self._registry.get_item(who, where)

    def add_item_listener(self, listener: ItemListener) -> Callable[[], None]:
        """Call listener(item) for every newly learned item; returns its remover."""
        return self._registry.add_item_listener(listener)

    def add_callback(self, callback: ItemCallback) -> Callable[[], None]:
        """Call callback(item, event) for every event of every item."""
        return self._registry.add_callback(callback)

    def add_frame_listener(self, listener: FrameListener) -> Callable[[], None]:
        """Call listener(frame) for every frame of the event session; returns its remover.

        Answers to this object's own requests are not included: they come on
        command sessions (the bus's reaction to a command does come here).
        """
        self._frame_listeners.append(listener)
        return lambda: discard_entry(self._frame_listeners, listener)

    def add_connection_listener(
        self, listener: ConnectionHandler
    ) -> Callable[[], None]:
        """Call listener(connected) when the event session goes down or comes back.

        ``True`` after a reconnect is the moment to resync (sweep again).
        """
        self._connection_listeners.append(listener)
        return lambda: discard_entry(self._connection_listeners, listener)

    # --------------------------------------------------------- gateway info

    @property
    def info(self) -> GatewayInfo:
        """The gateway's own item (WHO 13)."""
        item = self._registry.get_item(13, "")
        assert isinstance(item, GatewayInfo)
        return item

    @property
    def model(self) -> str | None:
        """Model name (or ``model <n>``), once read."""
        return self.info.model

    @property
    def firmware(self) -> str | None:
        """Firmware version ``V.R.B``, once read."""
        return self.info.firmware

    @property
    def mac(self) -> str | None:
        """MAC address ``aa:bb:cc:dd:ee:ff``, once read."""
        return self.info.mac

    @property
    def uptime(self) -> timedelta | None:
        """Uptime at the last read."""
        return self.info.uptime

    async def set_datetime(self, moment: datetime) -> None:
        """Set the gateway's clock (moment must be timezone-aware).

        Raises:
            OpenWebNetCommandError: the gateway refused.

        """
        if moment.tzinfo is None:
            raise ValueError("the gateway's clock needs a timezone-aware datetime")
        await self.info.set_date_time(moment)

    @override
    def __repr__(self) -> str:
        """Host and port."""
        return f"Gateway({self.host!r}, {self.port})"


def _refused(answers: list[Frame]) -> bool:
    return bool(answers) and isinstance(answers[-1], Nack | BusyNack)
