"""The 1-Wire (owserver) half of the integration.

How it fits together:

- ``setup.py``: one ``OwserverCoordinator`` per owserver entry (typed
  ``runtime_data``); it registers the hub before forwarding the platforms.
- ``coordinator.py``: owns the owfs engine (``OWFS`` + ``Server``): persistent
  connections, periodic scans and alarm polling run inside the engine; the
  coordinator polls, in one whole-bus poll per tick, exactly the attributes
  enabled entities show of the devices that are due (``poll_schedule.py``),
  and turns engine events into registry changes and entity updates.
- ``config_flow.py``/``same_server.py``: adding, discovering, reconfiguring
  an owserver, one entry per server whatever name reaches it;
  ``duplicate_issue.py`` for entries made twice before that was checked.
- ``devices.py``: the owserver and its chips in the device registry.
- ``errors.py``: the one translation of every owfs error.
- ``bus_health.py``/``health_issue.py``: owserver's error counters judged once
  a minute, and the repair issue for a sustained error rate;
  ``persistence_issue.py``: the one raised while the owserver withholds the
  persistent connections the entry asks for.
- ``settings.py``/``options_flow.py``: the options (intervals, conversion
  time, connection count, alarms; per device: poll interval, precision,
  inverted inputs), typed and defaulted.
- ``descriptions/``: what each family (or EDS/HobbyBoards model) shows, ported
  from Home Assistant core's ``onewire``; unknown families get disabled
  entities generated from ``/structure``.
- ``sensor.py``/``binary_sensor.py``/``switch.py``/``select.py``: build
  entities from descriptions for the devices located now and later.

Identifiers (stable across restarts, option changes and a reconfigured
address):

- hub device: ``(DOMAIN, "owserver_<config entry id>")`` — the entry id, not
  host:port, so a new address keeps the hub and every child;
- 1-Wire device: ``(DOMAIN, "<family>.<id>")`` (``28.4AEC29CDBAAB``), under the
  DS2409 coupler it sits behind (``via_device_id``), else under the hub;
- entity unique id: ``"<1-Wire id>_<description key>"``; the key names what is
  shown (``temperature``), not the attribute read (``temperature12``).
"""
