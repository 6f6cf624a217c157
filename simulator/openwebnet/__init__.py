r"""A simulated BTicino/Legrand OpenWebNet gateway with a MyHOME bus behind it.

The simulator speaks the gateway side of PROTOCOLS.md §2 over real TCP on
127.0.0.1, reusing the client package's frame model and password functions
(``custom_components.onewire_own.openwebnet.frames``/``auth``) so both sides
share one grammar, while its behaviour (sessions, slots, pacing, echoes,
sweeps) is written independently from the client's.

Run it::

    python -m simulator.openwebnet --port 20000 --password 12345 --auth open \\
        --profile F454 --installation simulator/installations/sample.yaml

Use it in tests (the event loop is the test's own)::

    installation = Installation.load("simulator/installations/sample.yaml")
    async with GatewaySimulator(installation, auth="sha256", password="abcde",
                                profile="F454", time_scale=0.01) as sim:
        ...connect to 127.0.0.1:sim.port...
        assert sim.light("12").level == 100
        await sim.press_button("21", 3, long=True, repeats=2)
        await sim.set_contact("301", closed=True)
        assert sim.counters.failed_logins == 0

API summary (details on each class):

* ``Installation`` (``.load(path)``, ``.from_dict(d)``,
  ``.generate(lights=200, shutters=40, zones=10, ...)``) - what is on the bus;
  ``simulator/installations/sample.yaml`` and ``benchmark.yaml`` are examples.
* ``GatewaySimulator(installation=None, *, host="127.0.0.1", port=0,
  password=None, auth="none"|"open"|"sha1"|"sha256", profile="F454" or a
  GatewayProfile, time_scale=1.0)`` - ``await start()``/``stop()`` or
  ``async with``; ``.port``; ``time_scale`` multiplies every simulated
  duration (travel times, timeouts, lockout, pacing, button repeats; not
  the handshake timeout, so fast simulations do not fail logins under load).
* Inspection: ``light(where)``, ``shutter(where)``, ``zone(number)``,
  ``central_unit``, ``probe(where)``, ``meter(where)``, ``contact(where)``,
  ``aux(channel)``, ``amplifier(where)``, ``source(number)``,
  ``scene(number)``, ``alarm``, ``entrance_panel(where)`` return live item
  objects (``.level``, ``.position``, ``.temperature``, ``.valves``,
  ``.what``, ``.volume``, ``.armed``, ``.door_openings``...);
  ``actuator_locked(where)`` a point's WHO 14 lock; ``state()`` a
  plain dict snapshot; ``counters`` (frames, requests, sessions, failed
  logins, NACKs); ``received`` every frame received in order and
  ``requests(who=None)`` the parsed command-session requests;
  ``sessions`` / ``sessions_of(kind)`` / ``sessions_open`` the open sessions (each with
  ``.kind``, ``.abort()``); ``logins`` the gateway time of every login;
  ``events_silenced``; ``await wait_until(predicate, timeout=5.0)``.
* Scripting: ``await press_button(where, button, long=False, repeats=2)``
  (CEN or CEN+ from the installation), ``await set_contact(where,
  closed=...)``, ``await set_temperature(zone, celsius)``,
  ``await set_humidity(zone, percent)``, ``await turn_knob(zone, code)``,
  ``await set_probe_temperature(where, celsius)``,
  ``await set_central_unit_mode("1102")``,
  ``await set_central_unit_health(battery_low=True)``,
  ``await set_power(where, watts)``, ``consume_energy(where, wh)``,
  ``new_day(new_month=False)``,
  ``await operate_amplifier(where, on=..., volume=..., source=...)`` (a wall
  panel), ``await run_scenario(where, n)`` (WHO 0),
  ``await operate_scene(number, what)`` (WHO 17),
  the burglar alarm ``await arm_alarm(zones=None)``, ``disarm_alarm()``,
  ``trigger_alarm(zone, kind)``, ``reset_technical_alarm(aux)``,
  ``end_alarm_delay()``, ``set_alarm_battery(level)``,
  ``set_alarm_mains(present=)``, ``set_alarm_maintenance(on=)``; door entry
  ``await ring(panel, handset=None)``, ``answer_call()``, ``hang_up()``;
  ``await emit(*frames)`` (raw frames or text on every event session),
  ``await on_bus(*frames)`` (frames that happen on the bus: the actuators
  they address obey, and the frames are sent on exactly as given),
  ``await reboot(downtime=2.0)``, ``change_password(password)`` (logins
  from then on must prove it; a reboot makes every client log in again).
* Faults: ``drop_sessions(kind=None)`` (or ``sim.sessions[i].abort()`` for
  one), ``go_half_open()``/``resume()``,
  ``write_mode = WriteMode.SPLIT | WriteMode.COALESCE | WriteMode.NORMAL``,
  ``await send_malformed(text="*1*a*123##", kind=SessionKind.EVENT)``.
* Profiles: ``PROFILES`` by name (``MyHOMEServer1``, ``F454``, ``F455``,
  ``F461``, ``MH202``, ``MH201``, ``MH200N``, ``MH200``), ``GatewayProfile``
  (and ``OverLimit``) for derived ones.

Behaviour chosen where the facts leave a choice (see ``profiles`` too): a
request arriving on a command session sooner than the profile's pacing after
the previous one is not executed and is answered with busy NACK ``*#*6##``
(MyHOMEServer1, F454, F455, F461) or NACK ``*#*0##`` (MH202, MH201, MH200N,
MH200); each profile holds a number of command sessions plus one event
session, and a session beyond that is greeted and never answered (the MH200N's
event sessions go quiet while one is held); any login during the lockout gets
NACK and is closed; a status request for an unknown point-to-point WHERE gets
NACK. The full list is in ``simulator/README.md``.
"""

from .handshake import AuthMode
from .installation import Installation, InstallationError
from .profiles import PROFILES, GatewayProfile, OverLimit
from .runtime import Counters, ReceivedFrame, SessionKind
from .server import GatewaySimulator
from .wire import WriteMode

__all__ = [
    "PROFILES",
    "AuthMode",
    "Counters",
    "GatewayProfile",
    "GatewaySimulator",
    "Installation",
    "InstallationError",
    "OverLimit",
    "ReceivedFrame",
    "SessionKind",
    "WriteMode",
]
