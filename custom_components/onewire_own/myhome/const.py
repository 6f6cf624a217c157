"""Constants of the MyHOME half: option keys, their defaults, gateway models."""

from enum import StrEnum
from typing import Final

from homeassistant.const import Platform

MANUFACTURER: Final = "BTicino S.p.A."

# Models announced over SSDP (mirrored by the ``ssdp`` matchers in manifest.json).
KNOWN_MODELS: Final = (
    "F452",
    "F453",
    "F453AV",
    "F454",
    "F455",
    "MH200",
    "MH200N",
    "MH201",
    "MH202",
    "MyHomeServer1",
    "HL4684",
    "AM4890",
)

# Facts about the gateway in an entry's data, learned by the config flow: the
# model SSDP announced, and the code it answers to ``*#13**15##``.
CONF_MODEL: Final = "model"
CONF_MODEL_ID: Final = "model_id"

# Options of a gateway entry (the options flow writes them, setup reads them).
CONF_COMMAND_SESSIONS: Final = "command_sessions"
CONF_PACING: Final = "pacing_ms"
CONF_KEEPALIVE: Final = "keepalive_s"
CONF_DISCOVERY: Final = "discovery_sweeps"
CONF_BUS_EVENTS: Final = "bus_events"
CONF_ITEMS: Final = "items"

# Points whose pushbuttons Home Assistant may lock (WHO 14): their WHEREs.
CONF_ACTUATOR_LOCKS: Final = "actuator_locks"

# Per-item options, stored under ``options[CONF_ITEMS][item_key]``.
CONF_ITEM_AS: Final = "as"
CONF_TRAVEL_TIME: Final = "travel_time_s"
# The burglar alarm's: the aux channel (and command) each action is
# programmed on in the central unit, and the code asked to disarm.
CONF_ARM_AWAY_AUX: Final = "arm_away_aux"
CONF_ARM_AWAY_COMMAND: Final = "arm_away_command"
CONF_ARM_HOME_AUX: Final = "arm_home_aux"
CONF_ARM_HOME_COMMAND: Final = "arm_home_command"
CONF_DISARM_AUX: Final = "disarm_aux"
CONF_DISARM_COMMAND: Final = "disarm_command"
CONF_ALARM_CODE: Final = "code"
#: (channel option, command option) of each alarm action.
ALARM_ACTIONS: Final = {
    "arm_away": (CONF_ARM_AWAY_AUX, CONF_ARM_AWAY_COMMAND),
    "arm_home": (CONF_ARM_HOME_AUX, CONF_ARM_HOME_COMMAND),
    "disarm": (CONF_DISARM_AUX, CONF_DISARM_COMMAND),
}
# A light group's members (their WHEREs), under the group's key (``1-#3``):
# the bus cannot tell them.
CONF_MEMBERS: Final = "members"

# Every gateway holds the event session plus at least one command session.
DEFAULT_COMMAND_SESSIONS: Final = 1
DEFAULT_KEEPALIVE_S: Final = 90
DEFAULT_DISCOVERY: Final = True
DEFAULT_BUS_EVENTS: Final = False
DEFAULT_TRAVEL_TIME_S: Final = 30.0

# Entity keys the coordinator's memory reads to know what a door-entry unit is.
KEY_DOORBELL: Final = "doorbell"
KEY_INCOMING_CALL: Final = "call"
KEY_OPEN_DOOR: Final = "open_door"
KEY_STAIRCASE_LIGHT: Final = "staircase_light"
ENTRANCE_PANEL_KEYS: Final = (KEY_DOORBELL, KEY_OPEN_DOOR, KEY_STAIRCASE_LIGHT)

# Fired on Home Assistant's bus for every frame of the event session, when
# the option is on (``bus_events.py``).
EVENT_MESSAGE: Final = "onewire_own_message"


class AuxCommandValue(StrEnum):
    """Whether an alarm action is an aux channel's on or off command."""

    ON = "on"
    OFF = "off"


class PointKind(StrEnum):
    """How a WHO 1 point is shown: a lamp, a dimmable lamp, or a switch.

    A point does not say whether it is a dimmer; it is learned from what it
    reports, so a dimmer that is off at start looks like an on/off light until
    it is used. ``DIMMER`` makes it dimmable from the start.
    """

    LIGHT = "light"
    DIMMER = "dimmer"
    SWITCH = "switch"

    @property
    def platform(self) -> Platform:
        """The platform whose entity shows a point of this kind."""
        return Platform.SWITCH if self is PointKind.SWITCH else Platform.LIGHT
