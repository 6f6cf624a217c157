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
from .thermo_central_unit import CentralUnitFlag, CentralUnitMode, ThermoCentralUnit
from .thermo_probes import ThermoProbe
from .thermoregulation import (
    FanCoilSpeed,
    LocalOffset,
    ThermoFunction,
    ThermoMode,
    ThermoZone,
    ZoneDemand,
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
    "CentralUnitFlag",
    "CentralUnitMode",
    "DoorEntryCall",
    "DoorEntryUnit",
    "DoorbellPressed",
    "DryContact",
    "EnergyMeter",
    "FanCoilSpeed",
    "FrameSender",
    "GatewayInfo",
    "Item",
    "ItemCallback",
    "ItemEvent",
    "ItemRegistry",
    "Light",
    "LightSet",
    "LocalOffset",
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
    "ThermoProbe",
    "ThermoZone",
    "ZoneDemand",
    "decode_temperature",
    "encode_temperature",
    "item_address",
]
