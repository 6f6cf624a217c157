"""Items: one class per WHO, created and cached by an ``ItemRegistry``."""

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
    "Aux",
    "ButtonAction",
    "ButtonPressed",
    "CenButton",
    "CenPlusButton",
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
    "ThermoCentralUnit",
    "ThermoFunction",
    "ThermoMode",
    "ThermoZone",
    "decode_temperature",
    "encode_temperature",
    "item_address",
]
