"""``GatewaySimulator``: the gateway on a TCP port, plus the test-facing API.

It runs in the caller's event loop (tests are asyncio), listens on
127.0.0.1 by default on a free port (``port=0``; read ``.port`` after start)
and offers three groups of methods: inspection of the bus, scripting of what
people do (buttons, contacts, temperatures, loads), and fault injection.
"""

import asyncio
from collections.abc import Callable, Sequence
import contextlib
from types import TracebackType
from typing import Any, Final, Self

from custom_components.onewire_own.openwebnet.frames import (
    DimensionRequest,
    Frame,
    StatusRequest,
    parse_frame,
)

from .alarm import AlarmUnit
from .automation import Shutter
from .auxiliary import AuxChannel
from .bus import REQUEST_TYPES, Request
from .clock import Clock
from .core import GatewayCore
from .door_entry import EntrancePanel
from .energy import EnergyMeter
from .handshake import AuthMode
from .installation import BatteryLevel, ButtonKind, Installation
from .lighting import Light
from .profiles import GatewayProfile, profile_named
from .runtime import Counters, ReceivedFrame, SessionKind
from .scenarios import REPEAT_PERIOD, Contact, press_frames
from .scenes import Scene
from .session import Session
from .sound import Amplifier, Source
from .thermoregulation import CentralUnit, Probe, Zone
from .wire import WriteMode

DEFAULT_MALFORMED: Final = "*1*a*123##"
WAIT_POLL: Final = 0.005


class GatewaySimulator:
    """A simulated OpenWebNet gateway serving one installation."""

    def __init__(
        self,
        installation: Installation | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        password: str | None = None,
        auth: AuthMode | str = AuthMode.NONE,
        profile: GatewayProfile | str = "F454",
        time_scale: float = 1.0,
    ) -> None:
        """Describe the gateway; ``start`` (or ``async with``) opens the port.

        Args:
            installation: what is on the bus (an empty bus if None).
            host: address to listen on; keep the default in tests.
            port: TCP port, 0 for a free one.
            password: the gateway password; digits only for ``auth="open"``.
            auth: ``none`` (open range), ``open`` (legacy nonce), ``sha1`` or
                ``sha256`` (HMAC handshake).
            profile: a name from ``PROFILES`` or a derived ``GatewayProfile``.
            time_scale: multiplies every simulated duration (0.01 = 100x faster).

        """
        self.auth = AuthMode(auth)
        self._check_password(password)
        self.installation = installation or Installation()
        self.profile = (
            profile if isinstance(profile, GatewayProfile) else profile_named(profile)
        )
        self.clock = Clock(time_scale)
        self.host = host
        self._port = port
        self._core = GatewayCore(
            self.installation, self.profile, self.clock, self.auth, password or ""
        )
        self._server: asyncio.Server | None = None
        self._connections: set[Session] = set()
        self._background: set[asyncio.Task[None]] = set()

    def _check_password(self, password: str | None) -> None:
        if self.auth is not AuthMode.NONE and not password:
            raise ValueError(f"auth={self.auth} needs a password")
        if self.auth is AuthMode.OPEN and not (password or "").isdigit():
            raise ValueError("the legacy OPEN scheme needs a numeric password")

    def change_password(self, password: str) -> None:
        """Give the gateway a new password, as its owner does in MyHOME_Suite.

        Open sessions stay open (they logged in already); every login from
        now on must prove the new password. ``reboot`` then makes every
        client log in again.
        """
        self._check_password(password)
        self._core.password = password

    # -- lifecycle -----------------------------------------------------------

    @property
    def port(self) -> int:
        """The TCP port (the chosen free one once started)."""
        return self._port

    @property
    def running(self) -> bool:
        """Whether the port accepts connections."""
        return self._server is not None

    async def start(self) -> None:
        """Listen and start the gateway's own periodic broadcasts."""
        await self._listen()
        if self.profile.datetime_broadcast is not None:
            task = asyncio.create_task(self._broadcast_date_time())
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    async def stop(self) -> None:
        """Drop every session, close the port and cancel every timer."""
        await self._close_port()
        for task in list(self._background):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._core.stop()

    async def __aenter__(self) -> Self:
        """Start; the simulator is ready when the block begins."""
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop, whatever happened in the block."""
        await self.stop()

    async def reboot(self, downtime: float = 2.0) -> None:
        """Drop all sessions, refuse connections for ``downtime`` s, come back.

        The bus keeps its state (actuators do not reboot with the gateway);
        the gateway forgets power-push subscriptions and the lockout, and its
        uptime restarts.
        """
        await self._close_port()
        self._core.bus.energy.stop()
        self._core.lockout.clear()
        await self.clock.sleep(downtime)
        self._core.bus.gateway.booted_at = self.clock.now()
        await self._listen()

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._accept, self.host, self._port)
        self._port = self._server.sockets[0].getsockname()[1]

    async def _close_port(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.close()
        for session in list(self._connections):
            session.abort()
        await server.wait_closed()

    async def _accept(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        session = Session(self._core, reader, writer)
        self._core.counters.connections += 1
        self._connections.add(session)
        try:
            await session.run()
        finally:
            self._connections.discard(session)

    async def _broadcast_date_time(self) -> None:
        period = self.profile.datetime_broadcast or 0.0
        while True:
            await self.clock.sleep(period)
            await self.emit(self._core.bus.gateway.date_time_frame())

    # -- inspection ----------------------------------------------------------

    def light(self, where: str) -> Light:
        """The live light at ``where`` (``.level``, ``.on``)."""
        return self._core.bus.lighting.lights[where]

    def shutter(self, where: str) -> Shutter:
        """The live shutter at ``where`` (``.position``, ``.motion``)."""
        return self._core.bus.automation.shutters[where]

    def zone(self, zone: int) -> Zone:
        """The live thermoregulation zone ``zone``."""
        return self._core.bus.thermoregulation.zones[zone]

    @property
    def central_unit(self) -> CentralUnit:
        """The live thermoregulation central unit (``.what``, ``.battery_low``...)."""
        unit = self._core.bus.thermoregulation.central_unit
        if unit is None:
            raise LookupError("the installation has no central unit")
        return unit

    def probe(self, where: str) -> Probe:
        """The live thermoregulation probe ``where`` (``105``, ``500``)."""
        return self._core.bus.thermoregulation.probes[where]

    def meter(self, where: str) -> EnergyMeter:
        """The live energy meter at ``where``."""
        return self._core.bus.energy.meters[where]

    def contact(self, where: str) -> Contact:
        """The live dry contact at ``where``."""
        return self._core.bus.contacts.contacts[where]

    def aux(self, channel: str) -> AuxChannel:
        """The live auxiliary channel ``channel``."""
        return self._core.bus.auxiliary.channels[channel]

    @property
    def alarm(self) -> AlarmUnit:
        """The live burglar alarm (``.armed``, ``.zones``, ``.alarms``...)."""
        unit = self._core.bus.alarm.unit
        if unit is None:
            raise LookupError("the installation has no burglar alarm")
        return unit

    def entrance_panel(self, where: str) -> EntrancePanel:
        """The live entrance panel at ``where`` (``.door_openings``...)."""
        return self._core.bus.door_entry.panels[where]

    def actuator_locked(self, where: str) -> bool:
        """Whether the pushbuttons of the point at ``where`` are disabled (WHO 14)."""
        return self._core.bus.locks.locked[where]

    def amplifier(self, where: str) -> Amplifier:
        """The live sound amplifier ``EA`` (``.on``, ``.volume``, ``.source``)."""
        return self._core.bus.sound.amplifiers[where]

    def source(self, number: int) -> Source:
        """The live sound source ``number`` (``.on``, ``.station``)."""
        return self._core.bus.sound.sources[number]

    def scene(self, number: int) -> Scene:
        """The live scene ``number`` of the scenario programmer."""
        return self._core.bus.scenes.scenes[number]

    def state(self) -> dict[str, Any]:
        """A plain snapshot of every item (for asserts and snapshots)."""
        bus = self._core.bus
        return {
            "lights": {
                where: {"level": light.level, "on": light.on}
                for where, light in bus.lighting.lights.items()
            },
            "shutters": {
                where: {
                    "position": shutter.level,
                    "motion": shutter.motion.name.lower(),
                }
                for where, shutter in bus.automation.shutters.items()
            },
            "zones": {
                number: {
                    "temperature": zone.temperature,
                    "set_point": zone.set_point,
                    "mode": zone.mode,
                    "humidity": zone.humidity,
                    "valves": zone.valves,
                }
                for number, zone in bus.thermoregulation.zones.items()
            },
            "central_unit": None
            if (unit := bus.thermoregulation.central_unit) is None
            else {
                "mode": "#".join((unit.what, *unit.params)),
                "battery_low": unit.battery_low,
                "failure": unit.failure,
            },
            "probes": {
                where: {"temperature": probe.temperature}
                for where, probe in bus.thermoregulation.probes.items()
            },
            "energy_meters": {
                where: {"power": meter.power, "pushing": bus.energy.pushing(meter)}
                for where, meter in bus.energy.meters.items()
            },
            "contacts": {
                where: {"closed": contact.closed}
                for where, contact in bus.contacts.contacts.items()
            },
            "aux": {
                channel: {"on": aux.on}
                for channel, aux in bus.auxiliary.channels.items()
            },
            "alarm": None
            if (unit := bus.alarm.unit) is None
            else {
                "armed": unit.armed,
                "zones": dict(unit.zones),
                "alarms": list(unit.alarms),
            },
            "entrance_panels": {
                where: {"door_openings": panel.door_openings}
                for where, panel in bus.door_entry.panels.items()
            },
            "actuator_locks": {
                where: locked for where, locked in bus.locks.locked.items() if locked
            },
            "amplifiers": {
                where: {"on": a.on, "volume": a.volume, "source": a.source}
                for where, a in bus.sound.amplifiers.items()
            },
            "sources": {
                number: {"on": source.on, "station": source.station}
                for number, source in bus.sound.sources.items()
            },
            "scenes": {
                number: {"running": scene.running, "enabled": scene.enabled}
                for number, scene in bus.scenes.scenes.items()
            },
        }

    @property
    def counters(self) -> Counters:
        """Counters since the simulator was created."""
        return self._core.counters

    @property
    def logins(self) -> list[float]:
        """Gateway time (``clock.now()``) of every session that opened, in order."""
        return self._core.logins

    @property
    def events_silenced(self) -> bool:
        """Whether the event sessions are quiet now (a session over the limit)."""
        return self._core.events_silenced

    @property
    def received(self) -> list[ReceivedFrame]:
        """Every frame text received, handshakes included, in arrival order."""
        return self._core.received

    def requests(self, who: int | None = None) -> list[Request]:
        """Requests served on command sessions (optionally of one WHO)."""
        return [r for r in self._core.requests_log if who is None or r.who == who]

    @property
    def sessions(self) -> list[Session]:
        """Open (authenticated) sessions, oldest first."""
        return sorted((s for s in self._core.sessions if s.open), key=lambda s: s.id)

    @property
    def sessions_open(self) -> int:
        """How many sessions are open now (the slots in use by logged-in clients)."""
        return len(self.sessions)

    def sessions_of(self, kind: SessionKind) -> list[Session]:
        """Open sessions of one kind."""
        return [session for session in self.sessions if session.kind is kind]

    async def wait_until(
        self, predicate: Callable[[], bool], timeout: float = 5.0
    ) -> None:
        """Return once ``predicate()`` is true; TimeoutError after ``timeout`` s."""
        async with asyncio.timeout(timeout):
            while not predicate():  # noqa: ASYNC110 - any predicate, no event to wait on
                await asyncio.sleep(WAIT_POLL)

    # -- scripting -----------------------------------------------------------

    async def emit(self, *frames: Frame | str) -> None:
        """Send frames (objects or raw text) on every event session."""
        self._core.broadcast(frames)
        await self._flush_events()

    async def on_bus(self, *frames: Frame | str) -> None:
        """Frames that happen on the bus itself (a keypad, another client, a scenario).

        The simulated actuators a command or dimension write addresses obey
        it silently, and every event session gets the frames exactly as
        given, not the simulator's own echo: a captured sequence replayed
        this way leaves the simulated bus where the real one was, so a later
        sweep answers what the real gateway would have. Other frames (status
        reports, dimension reports, systems the simulator does not model)
        are only passed on.
        """
        bus = self._core.bus
        for frame in frames:
            parsed = parse_frame(frame) if isinstance(frame, str) else frame
            if isinstance(parsed, REQUEST_TYPES) and not isinstance(
                parsed, (StatusRequest, DimensionRequest)
            ):
                bus.handle(parsed)  # its echo is replaced by the frame itself
        await self.emit(*frames)

    async def press_button(
        self,
        where: str,
        button: int,
        *,
        long: bool = False,
        repeats: int = 2,
        kind: ButtonKind | None = None,
    ) -> None:
        """Press a CEN/CEN+ button: short, or long with ``repeats`` held frames.

        ``kind`` defaults to the installation's button at ``where``.
        """
        if kind is None:
            spec = self._core.bus.cen.buttons.get(where)
            if spec is None:
                raise KeyError(f"no button at {where}; pass kind=")
            kind = spec.kind
        bursts = press_frames(kind, where, button, long=long, repeats=repeats)
        for index, burst in enumerate(bursts):
            if index:
                await self.clock.sleep(REPEAT_PERIOD)
            await self.emit(*burst)

    async def set_contact(self, where: str, *, closed: bool) -> None:
        """Open or close a dry contact (reported on the event sessions)."""
        contacts = self._core.bus.contacts
        contacts.set_contact(contacts.contacts[where], closed=closed)
        await self._flush_events()

    async def set_temperature(self, zone: int, celsius: float) -> None:
        """The zone's probe measures ``celsius`` (reported as dimension 0)."""
        thermo = self._core.bus.thermoregulation
        thermo.set_temperature(thermo.zones[zone], celsius)
        await self._flush_events()

    async def set_humidity(self, zone: int, percent: int) -> None:
        """The zone's probe measures ``percent`` humidity (dimension 60)."""
        thermo = self._core.bus.thermoregulation
        thermo.set_humidity(thermo.zones[zone], percent)
        await self._flush_events()

    async def turn_knob(self, zone: int, code: str) -> None:
        """Turn a zone's knob to ``code`` (``02`` +2 °C, ``11`` -1 °C, ``4`` off...)."""
        thermo = self._core.bus.thermoregulation
        thermo.turn_knob(thermo.zones[zone], code)
        await self._flush_events()

    async def set_probe_temperature(self, where: str, celsius: float) -> None:
        """A slave or external probe measures ``celsius`` (reported at once)."""
        thermo = self._core.bus.thermoregulation
        thermo.set_probe_temperature(thermo.probes[where], celsius)
        await self._flush_events()

    async def set_central_unit_mode(self, mode: str) -> None:
        """Change the mode at the central unit's keypad (``1102``, ``110#0200``...)."""
        what, *params = mode.split("#")
        self._core.bus.thermoregulation.set_central_unit_mode(what, tuple(params))
        await self._flush_events()

    async def set_central_unit_health(
        self, *, battery_low: bool | None = None, failure: bool | None = None
    ) -> None:
        """Battery or hardware trouble (reported), or its repair (never reported)."""
        self._core.bus.thermoregulation.set_central_unit_health(
            battery_low=battery_low, failure=failure
        )
        await self._flush_events()

    def consume_energy(self, where: str, watt_hours: int) -> None:
        """The meter counts watt_hours more today, this month and in total."""
        energy = self._core.bus.energy
        energy.consume(energy.meters[where], watt_hours)

    def new_day(self, *, new_month: bool = False) -> None:
        """Midnight on the meters: today's energy (and the month's) restarts."""
        self._core.bus.energy.new_day(new_month=new_month)

    async def set_power(self, where: str, watts: int) -> None:
        """The meter's load changes (pushed at once if the push is enabled)."""
        energy = self._core.bus.energy
        energy.set_power(energy.meters[where], watts)
        await self._flush_events()

    async def arm_alarm(self, zones: Sequence[int] | None = None) -> None:
        """Arm the burglar alarm at its keypad (only ``zones``, when given)."""
        self._core.bus.alarm.arm(zones)
        await self._flush_events()

    async def disarm_alarm(self) -> None:
        """Disarm the burglar alarm at its keypad."""
        self._core.bus.alarm.disarm()
        await self._flush_events()

    async def trigger_alarm(self, zone: int, kind: str = "intrusion") -> None:
        """An alarm in ``zone``: intrusion, tamper, panic, technical or silent."""
        self._core.bus.alarm.trigger(zone, kind)
        await self._flush_events()

    async def reset_technical_alarm(self, aux: int) -> None:
        """The technical alarm of auxiliary ``aux`` is over."""
        self._core.bus.alarm.reset_technical(aux)
        await self._flush_events()

    async def end_alarm_delay(self) -> None:
        """The alarm's entry/exit delay ends (its alarms are reset)."""
        self._core.bus.alarm.end_delay()
        await self._flush_events()

    async def set_alarm_battery(self, level: BatteryLevel | str) -> None:
        """The alarm's battery is ``ok``, ``fault`` or ``unloaded``."""
        self._core.bus.alarm.set_battery(BatteryLevel(level))
        await self._flush_events()

    async def set_alarm_mains(self, *, present: bool) -> None:
        """Mains power of the alarm went away or came back."""
        self._core.bus.alarm.set_mains(present=present)
        await self._flush_events()

    async def set_alarm_maintenance(self, *, on: bool) -> None:
        """The installer puts the alarm in maintenance, or ends it."""
        self._core.bus.alarm.set_maintenance(on=on)
        await self._flush_events()

    async def ring(self, panel: str, handset: str | None = None) -> None:
        """A visitor presses the call button of entrance panel ``panel``."""
        self._core.bus.door_entry.ring(panel, handset)
        await self._flush_events()

    async def answer_call(self) -> None:
        """The handset answers the call going on."""
        self._core.bus.door_entry.answer()
        await self._flush_events()

    async def hang_up(self) -> None:
        """The call ends (``*6*9##``)."""
        self._core.bus.door_entry.hang_up()
        await self._flush_events()

    async def operate_amplifier(
        self,
        where: str,
        *,
        on: bool | None = None,
        volume: int | None = None,
        source: int | None = None,
    ) -> None:
        """Use an amplifier's wall panel: switch it, set its volume or source.

        The change is reported as the bus does, in the amplifier's dialects
        (a source switches its whole environment).
        """
        sound = self._core.bus.sound
        sound.operate(sound.amplifiers[where], on=on, volume=volume, source=source)
        await self._flush_events()

    async def run_scenario(self, where: str, scenario: int) -> None:
        """Press scenario ``scenario`` on the scenario module at ``where``."""
        await self.emit(self._core.bus.scenario_modules.activation(where, scenario))

    async def operate_scene(self, number: int, what: str) -> None:
        """The scenario programmer starts (1), stops (2), enables (3) or disables (4)."""
        scenes = self._core.bus.scenes
        await self.emit(*scenes.change(scenes.scenes[number], what))

    async def _flush_events(self) -> None:
        """Wait until queued events are written to the event sessions' sockets."""
        for session in self._core.event_sessions():
            await session.events_written()

    # -- faults --------------------------------------------------------------

    def drop_sessions(self, kind: SessionKind | None = None) -> None:
        """Abort every connection (or every open session of ``kind``)."""
        for session in list(self._connections):
            if kind is None or (session.open and session.kind is kind):
                session.abort()

    def go_half_open(self) -> None:
        """Stop answering, greeting and timing out, but keep connections open."""
        self._core.answering.clear()

    def resume(self) -> None:
        """Answer again after ``go_half_open`` (what arrived meanwhile is lost)."""
        self._core.answering.set()

    @property
    def write_mode(self) -> WriteMode:
        """How frames are cut into TCP writes (see ``WriteMode``)."""
        return self._core.write_mode

    @write_mode.setter
    def write_mode(self, mode: WriteMode) -> None:
        self._core.write_mode = mode

    async def send_malformed(
        self,
        text: str = DEFAULT_MALFORMED,
        kind: SessionKind | None = SessionKind.EVENT,
    ) -> None:
        """Write text outside the grammar on open sessions (of ``kind``)."""
        targets: Sequence[Session] = (
            self.sessions if kind is None else self.sessions_of(kind)
        )
        for session in targets:
            await session.send_text(text)
