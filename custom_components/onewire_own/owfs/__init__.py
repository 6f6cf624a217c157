"""Asyncio owserver client and 1-Wire object model (no Home Assistant imports).

Follows the seed design (trio-owfs) on asyncio::

    async with OWFS() as ow:
        server = await ow.add_server("127.0.0.1", 4304)
        with ow.events as events:          # or: ow.add_listener(callback)
            ...
        dev = await ow.get_device("28.4AEC29CDBAAB")   # FDIDC with CRC too
        await ow.ensure_struct(dev)
        celsius = await dev.temperature
        await dev.set_temphigh(99)
        await ow.scan_now()
        result = await poll_server(server, {"28": ["temperature"]})
        ow.start_alarm_polling(server, interval=1.0)

Layers, bottom up: ``protocol`` (wire format), ``connection`` (one socket),
``pool`` (bounded persistent connections), ``client`` (typed raw access),
``structure``/``structure_reader``/``structure_cache`` (attribute
descriptions); the object model ``server``/``bus``/``device``/``events``; the
operations on it: ``registry`` (one Device per id), ``scan``/``scanner`` (walk
a bus tree, apply it), ``poll`` and ``alarm`` (through the small
``access.OwserverAccess`` Protocol), ``event_hub``; ``service`` (``OWFS``)
puts them together. The model never imports an operation
(``script/check_integration.py`` checks the import graph).

Errors: everything raised is an :class:`OwfsError`; :class:`OwfsConnectionError`
(unreachable, lost; :class:`OwfsTimeoutError`, and for a host text that is no
name at all or does not resolve :class:`OwfsInvalidHostError` and
:class:`OwfsUnknownHostError`), :class:`OwfsProtocolError` (the peer broke the
protocol) and :class:`OwfsServerError` (``errno``, ``path``, ``text``).

Events overflow: each reader's queue is bounded (``OWFS(event_queue_size=)``);
a reader that falls behind loses its oldest events and gets one
:class:`EventsDropped` before the next event it receives.
"""

from .access import OwserverAccess
from .bus import Bus
from .device import AttributeArray, Device
from .errors import (
    OwfsConnectionError,
    OwfsError,
    OwfsInvalidHostError,
    OwfsProtocolError,
    OwfsServerError,
    OwfsTimeoutError,
    OwfsUnknownHostError,
)
from .event_hub import EventStream
from .events import (
    BusAdded,
    BusAdded_Path,
    BusDeleted,
    BusEvent,
    DeviceAdded,
    DeviceAlarm,
    DeviceDeleted,
    DeviceEvent,
    DeviceLocated,
    DeviceNotFound,
    DeviceValue,
    Event,
    EventsDropped,
    EventSink,
    ServerConnected,
    ServerDeregistered,
    ServerDisconnected,
    ServerEvent,
    ServerRegistered,
)
from .paths import configures_owserver
from .poll import PollResult, poll_server
from .pool import ServerStats
from .probe import ServerIdentity, check_server, resolve_host
from .server import Server
from .service import OWFS
from .statistics import BusStatistics, ServerStatistics, read_statistics
from .structure import AttributeInfo, AttributeValue

__all__ = [
    "OWFS",
    "AttributeArray",
    "AttributeInfo",
    "AttributeValue",
    "Bus",
    "BusAdded",
    "BusAdded_Path",
    "BusDeleted",
    "BusEvent",
    "BusStatistics",
    "Device",
    "DeviceAdded",
    "DeviceAlarm",
    "DeviceDeleted",
    "DeviceEvent",
    "DeviceLocated",
    "DeviceNotFound",
    "DeviceValue",
    "Event",
    "EventSink",
    "EventStream",
    "EventsDropped",
    "OwfsConnectionError",
    "OwfsError",
    "OwfsInvalidHostError",
    "OwfsProtocolError",
    "OwfsServerError",
    "OwfsTimeoutError",
    "OwfsUnknownHostError",
    "OwserverAccess",
    "PollResult",
    "Server",
    "ServerConnected",
    "ServerDeregistered",
    "ServerDisconnected",
    "ServerEvent",
    "ServerIdentity",
    "ServerRegistered",
    "ServerStatistics",
    "ServerStats",
    "check_server",
    "configures_owserver",
    "poll_server",
    "read_statistics",
    "resolve_host",
]
