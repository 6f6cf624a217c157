"""The MyHOME (OpenWebNet gateway) half of the integration.

How it fits together: ``setup`` builds a ``GatewayCoordinator`` around the
protocol package's ``Gateway``; the coordinator opens the sessions, sweeps
the bus, applies the options to the items and remembers earlier runs; the
platform modules show the items as entities, which are views: they read
items and call item commands, nothing else (``tests/myhome/
test_entities_are_views.py`` checks the entity modules for it).

How to add a system (alarm, door entry, locks, sound, central unit…)
=====================================================================

1. **The item** (``openwebnet/items/<system>.py``, no Home Assistant import).
   One ``Item`` subclass per addressable thing, with ``who``; ``handle``
   turns frames into attribute changes and returns ``changed(...)`` (or a
   dedicated ``ItemEvent`` for things without state, like ``ButtonPressed``);
   ``refresh_requests`` says what to ask at a resync; commands are async
   methods that send through ``self._command`` / ``self._request`` (the one
   NACK check). What the bus cannot tell and the user configures is a
   ``configure_*`` method. Route its frames in ``items/registry.py``
   (``item_address``) and, if the system can be swept, add the sweep to
   ``DISCOVERY_SWEEPS``. Unit tests in ``tests/openwebnet/test_items.py``.

2. **The entities** (``myhome/<platform>.py``). Describe each entity with an
   ``ItemEntityDescription`` subclass (``platform.py``) mixed with the
   platform's own ``EntityDescription``: ``key`` (ends the unique id),
   ``item_type``, ``has_fn(item, settings)`` when not every item has it,
   ``value_fn`` when the entity shows one value, translated names through
   ``translation_key``. Call ``async_setup_item_entities(entry,
   async_add_entities, DESCRIPTIONS, EntityClass)``; the entity class
   subclasses ``GatewayItemEntity`` and reads ``self.item`` in its
   properties, and sends commands as ``await self._command(self.item.x())``
   (the one error path: ``commands.gateway_errors``). Never assign to an
   item, never call its ``configure_*`` methods, never build a frame. Add
   the platform to ``setup.PLATFORMS`` and its platform module at the
   package root (``platform_dispatch.setup_by_entry_kind``). The device
   gets its name from ``items.item_device_translation`` (add the WHO and a
   ``device`` translation in strings.json).

3. **Options** (``const.py``, ``settings.py``, ``options_flow.py``). A
   per-item choice is stored under ``options["items"][item_key]``; read it in
   ``GatewaySettings`` and apply it to the item in
   ``GatewayCoordinator._prepare_item`` (called for every item as it
   appears). Background work an item needs (a push to keep alive) is started
   there too. Labels come from strings.json; items are picked by address.

4. **Restore on restart.** Entities that appear only when the bus first
   mentions something (a button, a zone in alarm) come back at setup by
   themselves: the coordinator recreates the items of earlier runs from the
   entity registry (``known.py``) and ``has_fn`` is ORed with
   ``coordinator.remembers(item, key)``. Nothing else to write.

5. **The simulator** (``simulator/openwebnet/<system>.py`` and the
   installation files): model the system's state, its answers to status
   requests and its events, so that tests and ``script/develop`` see it as a
   real gateway shows it; add one of each to ``sample.yaml``.

6. **Tests** (``tests/myhome/``): behaviour against the simulator through
   Home Assistant (state at start, after an event, after a reconnect;
   commands reach the bus), the platform's ``snapshot_platform`` case in
   ``test_entities.py``, diagnostics; README tables and an automation
   example (``tests/test_readme.py`` validates it).

Until a system has its entities, users can automate on its frames with the
*Fire an event for every bus message* option (``bus_events.py``).
"""
