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
from .lighting import Light
from .registry import ItemRegistry, item_address
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
    "Aux",
    "ButtonAction",
    "ButtonPressed",
    "CenButton",
    "CenPlusButton",
    "CentralUnitFlag",
    "CentralUnitMode",
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
    "LocalOffset",
    "Movement",
    "Shutter",
    "StateChanged",
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
