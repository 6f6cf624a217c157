"""Items: one class per WHO, created and cached by an ``ItemRegistry``."""

from .actuator_lock import ActuatorLock
from .alarm import (
    AlarmArming,
    AlarmKind,
    AlarmSystem,
    AlarmZone,
    AuxCommand,
    BatteryState,
    SystemState,
)
from .automation import Movement, Shutter
from .base import (
    ButtonAction,
    ButtonPressed,
    FrameSender,
    Item,
    ItemCallback,
    ItemEvent,
    StateChanged,
)
from .buttons import CenButton, CenPlusButton
from .contacts import Aux, DryContact
from .door_entry import CallKind, DoorbellPressed, DoorEntryCall, DoorEntryUnit
from .energy import EnergyMeter
from .gateway_info import GatewayInfo
from .light_sets import LightSet
from .lighting import Light
from .registry import ItemRegistry, item_address
from .scenarios import (
    ProgrammedScene,
    ScenarioAction,
    ScenarioModule,
    ScenarioReported,
    SceneAction,
    SceneChanged,
)
from .sound import SoundSource, SoundZone
from .thermoregulation import (
    ThermoCentralUnit,
    ThermoFunction,
    ThermoMode,
    ThermoZone,
    decode_temperature,
    encode_temperature,
)

__all__ = [
    "ActuatorLock",
    "AlarmArming",
    "AlarmKind",
    "AlarmSystem",
    "AlarmZone",
    "Aux",
    "AuxCommand",
    "BatteryState",
    "ButtonAction",
    "ButtonPressed",
    "CallKind",
    "CenButton",
    "CenPlusButton",
    "DoorEntryCall",
    "DoorEntryUnit",
    "DoorbellPressed",
    "DryContact",
    "EnergyMeter",
    "FrameSender",
    "GatewayInfo",
    "Item",
    "ItemCallback",
    "ItemEvent",
    "ItemRegistry",
    "Light",
    "LightSet",
    "Movement",
    "ProgrammedScene",
    "ScenarioAction",
    "ScenarioModule",
    "ScenarioReported",
    "SceneAction",
    "SceneChanged",
    "Shutter",
    "SoundSource",
    "SoundZone",
    "StateChanged",
    "SystemState",
    "ThermoCentralUnit",
    "ThermoFunction",
    "ThermoMode",
    "ThermoZone",
    "decode_temperature",
    "encode_temperature",
    "item_address",
]
