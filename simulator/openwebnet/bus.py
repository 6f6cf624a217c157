"""The simulated MyHOME bus: routes each request to the handler of its WHO.

A request a real gateway would refuse (unknown WHO, unknown WHERE, a value out
of range, a sweep the profile does not support) gets an ``Outcome`` with
``accepted=False``, which the session answers with NACK.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, override

from custom_components.onewire_own.openwebnet.frames import (
    Command,
    DimensionRequest,
    DimensionWrite,
    Frame,
    StatusRequest,
)
from custom_components.onewire_own.openwebnet.where import Where

from .actuator_locks import ActuatorLocks
from .alarm import BurglarAlarm
from .automation import Automation
from .auxiliary import Auxiliary
from .clock import Clock
from .door_entry import DoorEntry
from .energy import Energy
from .gateway_info import GatewayInfo
from .handler import REFUSED, BusContext, Outcome, WhoHandler
from .installation import Installation
from .lighting import Lighting
from .profiles import GatewayProfile
from .scenarios import CenButtons, ContactsAndCenPlus
from .scenes import ScenarioModules, Scenes
from .sound import Sound
from .thermoregulation import Thermoregulation


@dataclass(frozen=True, slots=True)
class SystemStatusRequest(Frame):
    """``*#WHO##``: a status request of a whole system, without WHERE (``*#5##``).

    The client grammar reads that text as the digits-only shape of the
    handshake's values (``AuthValue``); on a command session it is this.
    Handlers get it as a status request of the empty WHERE.
    """

    who: int

    @override
    def build(self) -> str:
        return f"*#{self.who}##"


type Request = (
    Command | StatusRequest | DimensionRequest | DimensionWrite | SystemStatusRequest
)
REQUEST_TYPES: Final = (
    Command,
    StatusRequest,
    DimensionRequest,
    DimensionWrite,
    SystemStatusRequest,
)


class Bus:
    """Every item of one installation, with its live state."""

    def __init__(
        self,
        installation: Installation,
        profile: GatewayProfile,
        clock: Clock,
        emit: Callable[[Sequence[Frame]], None],
    ) -> None:
        """Put every item of ``installation`` in its starting state."""
        self.profile = profile
        context = BusContext(clock, emit)
        self.lighting = Lighting(context, installation.lights)
        self.automation = Automation(context, installation.shutters)
        self.thermoregulation = Thermoregulation(
            context,
            installation.zones,
            installation.central_unit,
            installation.probes,
        )
        self.alarm = BurglarAlarm(
            context, installation.alarm, forwards=profile.forwards_alarm
        )
        self.auxiliary = Auxiliary(
            context,
            installation.aux,
            on_command=None
            if installation.alarm is None
            else lambda channel, on: self.alarm.aux_changed(channel, on=on),
        )
        self.door_entry = DoorEntry(
            context,
            installation.entrance_panels,
            installation.handsets,
            serves_commands=profile.door_entry_commands,
        )
        self.locks = ActuatorLocks(
            context,
            tuple(spec.where for spec in installation.lights)
            + tuple(spec.where for spec in installation.shutters),
        )
        self.gateway = GatewayInfo(context, installation.gateway, profile)
        self.cen = CenButtons(context, installation.buttons)
        self.contacts = ContactsAndCenPlus(context, installation.contacts)
        self.energy = Energy(context, installation.energy_meters)
        self.sound = Sound(context, installation.amplifiers, installation.sources)
        self.scenario_modules = ScenarioModules(context, installation.scenario_modules)
        self.scenes = Scenes(context, installation.scenes)
        self.handlers: dict[int, WhoHandler] = {
            0: self.scenario_modules,
            1: self.lighting,
            2: self.automation,
            4: self.thermoregulation,
            5: self.alarm,
            8: self.door_entry,
            9: self.auxiliary,
            13: self.gateway,
            14: self.locks,
            15: self.cen,
            16: self.sound,
            17: self.scenes,
            18: self.energy,
            22: self.sound,
            1018: self.energy,
            25: self.contacts,
        }

    def handle(self, request: Request) -> Outcome:
        """What the gateway answers and broadcasts for one request."""
        handler = self.handlers.get(request.who)
        if handler is None or request.build() in self.profile.unsupported_requests:
            return REFUSED
        if not _modelled(request):
            return REFUSED
        try:
            match request:
                case Command():
                    return handler.command(request)
                case StatusRequest():
                    return handler.status(request)
                case DimensionRequest():
                    return handler.dimension_request(request)
                case DimensionWrite():
                    return handler.dimension_write(request)
                case SystemStatusRequest():
                    return handler.status(StatusRequest(request.who, Where("")))
        except ValueError, LookupError:
            # A value the item cannot take (empty, out of range, not a number).
            return REFUSED

    def stop(self) -> None:
        """Cancel every pending timer (travelling shutters, power pushes...)."""
        for handler in self.handlers.values():
            handler.stop()


def _modelled(request: Request) -> bool:
    """Shapes the simulated items know: a WHERE, nothing after it, no dimension parameters.

    Commands without WHERE (``*6*9##``) or with fields after it, and dimension
    requests with parameters, belong to systems the simulator does not model;
    an external probe's ``*#4*p00*15#1##`` is the one request with them.
    """
    match request:
        case Command(where=None) | Command(extra_fields=(_, *_)):
            return False
        case DimensionRequest(who=4, dimension="15"):
            return True
        case DimensionRequest(dimension_params=(_, *_)):
            return False
    return True
