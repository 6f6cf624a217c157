"""The simulated MyHOME bus: routes each request to the handler of its WHO.

A request a real gateway would refuse (unknown WHO, unknown WHERE, a value out
of range, a sweep the profile does not support) gets an ``Outcome`` with
``accepted=False``, which the session answers with NACK.
"""

from collections.abc import Callable, Sequence
from typing import Final

from custom_components.onewire_own.openwebnet.frames import (
    Command,
    DimensionRequest,
    DimensionWrite,
    Frame,
    StatusRequest,
)

from .automation import Automation
from .auxiliary import Auxiliary
from .clock import Clock
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

type Request = Command | StatusRequest | DimensionRequest | DimensionWrite
REQUEST_TYPES: Final = (Command, StatusRequest, DimensionRequest, DimensionWrite)


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
        self.thermoregulation = Thermoregulation(context, installation.zones)
        self.auxiliary = Auxiliary(context, installation.aux)
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
            9: self.auxiliary,
            13: self.gateway,
            15: self.cen,
            16: self.sound,
            17: self.scenes,
            18: self.energy,
            22: self.sound,
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
    requests with parameters, belong to systems the simulator does not model.
    """
    match request:
        case Command(where=None) | Command(extra_fields=(_, *_)):
            return False
        case DimensionRequest(dimension_params=(_, *_)):
            return False
    return True
