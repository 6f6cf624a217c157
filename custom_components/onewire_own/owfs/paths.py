"""Which owserver paths configure the server itself, rather than a 1-Wire chip.

A write under ``/settings`` (timeouts, units, id format...), ``/system``,
``/statistics``, ``/structure`` or a bus master's ``/bus.N/interface``
changes owserver's behaviour for every one of its clients at once: a
temperature scale written there changes what every client parses. owserver
accepts such a path under any mix of its flag directories (``/uncached``,
``/text``, ``/json``, ``/unaliased``) and ``/bus.N`` prefixes, in any letter
case (checked against owserver 3.2p4).
"""

import re

#: Path elements owserver reads as flags, not as a place.
FLAG_ELEMENTS = frozenset({"uncached", "text", "json", "unaliased"})
#: Top-level directories that hold the server's own configuration and state.
SERVER_DIRECTORIES = frozenset({"settings", "system", "statistics", "structure"})
#: A bus master's own directory, below ``bus.N``.
INTERFACE = "interface"
_BUS = re.compile(r"bus\.\d+")


def configures_owserver(path: str) -> bool:
    """Whether a write to path would change owserver rather than a chip.

    Empty elements (``//settings``) are skipped, so any spelling that could
    reach those directories counts.
    """
    after_bus = False
    for element in (part.lower() for part in path.split("/") if part):
        if element in FLAG_ELEMENTS:
            continue
        if _BUS.fullmatch(element):
            after_bus = True
            continue
        return element in SERVER_DIRECTORIES or (after_bus and element == INTERFACE)
    return False
