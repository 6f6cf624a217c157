"""Asyncio OpenWebNet client and MyHOME item model (no Home Assistant imports).

Layers, bottom up:

* ``frames`` - typed frames (``Ack``, ``Command``, ``DimensionReply``…), the
  strict ``parse_frame`` and ``FrameSplitter`` for TCP streams; ``where`` -
  the WHERE model.
* ``auth`` - the OPEN password function and the HMAC SHA-1/SHA-256 digests.
* ``session`` - one authenticated TCP session (command or event).
* ``client`` - the seed design's ``Client``/``SessionType`` API.
* ``gateway`` - ``Gateway``: what Home Assistant uses. It owns a pool of
  command sessions (paced, one request at a time each) and the event session
  (keep-alive, dead-gateway detection, reconnect with backoff), caches the
  items (``gateway.items`` by ``(who, where)``) and discovers them::

      gateway = Gateway(host, 20000, password, command_sessions=1, pacing=0.05)
      await gateway.start()  # OpenWebNetConnectionError / AuthError / LockedError
      await gateway.discover()
      remove = gateway.add_item_listener(on_new_item)
      gateway.add_connection_listener(on_connected_changed)
      light = gateway.items[(1, "12")]
      light.add_callback(on_light_event)
      await light.turn_on()
      await gateway.close()

* ``items`` - one class per WHO (lights, shutters, thermo zones, energy
  meters, CEN/CEN+ buttons, dry contacts, aux channels, the gateway itself).
"""

from .auth import HashAlgorithm
from .client import Client
from .counters import Counters
from .errors import (
    FrameParseError,
    FrameTooLongError,
    InvalidSession,
    OpenWebNetAuthError,
    OpenWebNetCommandError,
    OpenWebNetConnectionError,
    OpenWebNetError,
    OpenWebNetLockedError,
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
    "HashAlgorithm",
    "HashOffer",
    "InvalidSession",
    "Nack",
    "OpenWebNetAuthError",
    "OpenWebNetCommandError",
    "OpenWebNetConnectionError",
    "OpenWebNetError",
    "OpenWebNetLockedError",
    "SessionRequest",
    "SessionType",
    "StatusRequest",
    "UnsupportedAuthError",
    "Where",
    "WhereKind",
    "parse_frame",
]
