"""Constants shared by both halves of onewire_own (1-Wire and MyHOME)."""

from enum import StrEnum
import logging
from typing import Final

DOMAIN: Final = "onewire_own"
LOGGER = logging.getLogger(__package__)

CONF_KIND: Final = "kind"


class EntryKind(StrEnum):
    """What a config entry talks to: each kind has its own coordinator."""

    OWSERVER = "owserver"
    OPENWEBNET = "openwebnet"


DEFAULT_OWSERVER_PORT: Final = 4304
DEFAULT_OPENWEBNET_PORT: Final = 20000
