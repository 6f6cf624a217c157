"""Asyncio OpenWebNet client and MyHOME item model (no Home Assistant imports).

Layers, bottom up:

* ``frames`` - typed frames (``Ack``, ``Nack``, ``BusyNack``, ``Command``,
  ``StatusRequest``, ``DimensionRequest``, ``DimensionReply``,
  ``DimensionWrite``, the handshake's ``SessionRequest``, ``HashOffer``,
  ``AuthValue``, ``AuthProof``, and ``GenericFrame`` for any other
  grammatical shape), ``parse_frame`` for the whole grammar real gateways
  speak (any WHO; a ``Command`` may lack a WHERE, ``where=None``, or have an
  empty one, ``Where("")``; WHAT, WHERE and dimensions carry ``#``
  parameters; ``FrameParseError`` only for text outside the grammar) and
  ``FrameSplitter`` for TCP streams; ``where`` - the WHERE model (general,
  area, group, point-to-point, local bus).
* ``auth`` - the OPEN password function and the HMAC SHA-1/SHA-256 digests,
  for the client and the gateway side.
* ``session`` - one authenticated TCP session (``Session.open``,
  ``open_session`` with the ``*99*9##`` -> ``*99*0##`` fallback), a timeout
  on every handshake step; ``lockout`` - at most 2 failed logins per 60 s
  per gateway address in this process (gateways lock out at 3).
* ``command_pool`` / ``monitor`` - paced command sessions (one request at a
  time each, busy NACK retried once, reopened on demand; sessions the
  gateway refuses or leaves unanswered, its command sessions being taken,
  are left out and asked for again with a backoff) and the event session
  (keep-alive, dead/half-open detection, reconnect within a second of a
  loss, backing off only while attempts fail); ``login_rate`` - at most 10
  logins a minute per gateway; ``models`` - each model's command-session
  limit and pacing, from its SSDP name or its WHO 13 code.
* ``gateway`` - ``Gateway``: what Home Assistant uses::

      gateway = Gateway(host, 20000, password, command_sessions=1, pacing=0.05)
      await gateway.start()  # OpenWebNetConnectionError / AuthError / LockedError;
      # SessionSlotsExhaustedError (.granted, .asked): other clients hold them
      await gateway.discover()  # a handful of sweeps learn the installation
      remove = gateway.add_item_listener(on_new_item)  # item -> None
      gateway.add_connection_listener(on_connection)  # bool -> None; True = resync
      gateway.add_capacity_listener(on_capacity)  # granted command sessions -> None
      gateway.command_sessions, gateway.command_sessions_granted, gateway.sessions_asked
      light = gateway.items[(1, "12")]
      light.add_callback(on_light_event)  # (item, event) -> None; returns remover
      await light.turn_on()
      answers = await gateway.send(frame)  # raw request, answers up to ACK/NACK
      # after area/group/general light commands: one debounced *#1*0## sweep
      gateway.light_sweep_pending, gateway.light_sweeps
      gateway.model, gateway.firmware, gateway.mac, gateway.uptime, gateway.counters
      await gateway.set_datetime(datetime.now(UTC))
      await gateway.close()

* ``client`` - the seed design's ``Client``/``SessionType`` API (one session;
  ``start``, ``send_message``, ``read_message``, ``get_item``,
  ``add_callback``, ``loop``, ``close``).
* ``items`` - one class per WHO: ``Light``, ``Shutter``, ``ThermoZone``,
  ``ThermoCentralUnit``, ``EnergyMeter``, ``CenButton``, ``CenPlusButton``,
  ``DryContact``, ``Aux``, ``GatewayInfo``, ``AlarmSystem``, ``AlarmZone``,
  ``DoorEntryUnit``, ``ActuatorLock``; ``LightSet`` (the bus, an area
  or a group of lights), ``SoundZone`` and ``SoundSource`` (WHO 16 and 22),
  ``ScenarioModule`` (WHO 0) and ``ProgrammedScene`` (WHO 17); events are
  ``StateChanged``, ``ButtonPressed``, ``DoorEntryCall``,
  ``DoorbellPressed``, ``ScenarioReported`` and ``SceneChanged``. A
  ``Light`` also keeps its point's motion reports (``motion``: WHAT 34/39).
"""

from .auth import HashAlgorithm
from .client import Client
from .counters import Counters
from .errors import (
    AlarmNotControllableError,
    FrameParseError,
    FrameTooLongError,
    InvalidSession,
    OpenWebNetAuthError,
    OpenWebNetCommandError,
    OpenWebNetConnectionError,
    OpenWebNetError,
    OpenWebNetInvalidHostError,
    OpenWebNetLockedError,
    PositionUnknownError,
    SessionSlotsExhaustedError,
    UnsupportedAuthError,
)
from .frames import (
    ACK,
    BUSY_NACK,
    NACK,
    Ack,
    AuthProof,
    AuthValue,
    BusyNack,
    Command,
    DimensionReply,
    DimensionRequest,
    DimensionWrite,
    Frame,
    FrameSplitter,
    GenericFrame,
    HashOffer,
    Nack,
    SessionRequest,
    StatusRequest,
    parse_frame,
)
from .gateway import Gateway
from .session import SessionType
from .where import Where, WhereKind

__all__ = [
    "ACK",
    "BUSY_NACK",
    "NACK",
    "Ack",
    "AlarmNotControllableError",
    "AuthProof",
    "AuthValue",
    "BusyNack",
    "Client",
    "Command",
    "Counters",
    "DimensionReply",
    "DimensionRequest",
    "DimensionWrite",
    "Frame",
    "FrameParseError",
    "FrameSplitter",
    "FrameTooLongError",
    "Gateway",
    "GenericFrame",
    "HashAlgorithm",
    "HashOffer",
    "InvalidSession",
    "Nack",
    "OpenWebNetAuthError",
    "OpenWebNetCommandError",
    "OpenWebNetConnectionError",
    "OpenWebNetError",
    "OpenWebNetInvalidHostError",
    "OpenWebNetLockedError",
    "PositionUnknownError",
    "SessionRequest",
    "SessionSlotsExhaustedError",
    "SessionType",
    "StatusRequest",
    "UnsupportedAuthError",
    "Where",
    "WhereKind",
    "parse_frame",
]
