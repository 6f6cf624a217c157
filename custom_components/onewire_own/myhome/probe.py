"""Prove that a gateway answers with a password, and learn who it is (WHO 13).

The config flow calls ``probe_gateway`` for every attempt the user makes. The
login guard of each address is process-wide (shared with the entry's
``Gateway``), so that a user retrying a wrong password is stopped
(``auth_locked``) before the third failure in a minute would make the gateway
lock authentication out for everyone for 60 s.
"""

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Final

from homeassistant.helpers.device_registry import format_mac

from ..openwebnet import (
    DimensionReply,
    DimensionRequest,
    Frame,
    OpenWebNetAuthError,
    OpenWebNetConnectionError,
    OpenWebNetError,
    OpenWebNetInvalidHostError,
    OpenWebNetLockedError,
    Where,
)
from ..openwebnet.items.base import Item
from ..openwebnet.items.gateway_info import (
    DIMENSION_FIRMWARE,
    DIMENSION_MAC,
    DIMENSION_MODEL,
    GatewayInfo,
)
from ..openwebnet.lockout import guard_for
from ..openwebnet.session import Session, SessionSettings, SessionType, open_session

REQUEST_TIMEOUT: Final = 5.0
# Slower than the slowest gateway's pacing (MH200N, 150 ms): never refused.
PROBE_PACING: Final = 0.2
# Digits (the legacy OPEN scheme) or up to 30 letters and digits (HMAC).
MAX_PASSWORD_LENGTH: Final = 30


class GatewayProbeError(Exception):
    """The probe failed; ``reason`` is the config flow's error key."""

    def __init__(self, reason: str) -> None:
        """Carry the error key (``cannot_connect``, ``invalid_auth``…)."""
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class GatewayIdentity:
    """What a gateway says about itself on WHO 13 (each may be missing)."""

    mac: str | None
    model: str | None
    firmware: str | None
    #: The ``*#13**15##`` code (``model`` is its name, when it has one).
    model_id: int | None = None

    def unique_id(self, host: str, port: int) -> str:
        """The MAC address, or ``host:port`` for a gateway that has none."""
        return format_mac(self.mac) if self.mac else f"{host}:{port}"


def password_is_valid(password: str) -> bool:
    """Empty, or digits / letters and digits, at most 30 characters."""
    return not password or (
        password.isascii()
        and password.isalnum()
        and (password.isdigit() or len(password) <= MAX_PASSWORD_LENGTH)
    )


class _ProbeSender:
    """Asks a gateway item's questions on one command session, paced.

    The answers come back on the same session, so they are handed to the
    item here (a ``Gateway`` routes them through its registry instead).
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self.item: Item | None = None

    async def send(self, frame: Frame) -> list[Frame]:
        await asyncio.sleep(PROBE_PACING)
        answers = await self._session.request(frame, REQUEST_TIMEOUT)
        for answer in answers:
            if self.item is not None and isinstance(answer, DimensionReply):
                # A value no item can hold (a 20-digit uptime) is skipped, as
                # the gateway's item registry skips it: never a 500 in a flow.
                with contextlib.suppress(ValueError, IndexError, ArithmeticError):
                    self.item.handle(answer)
        return answers


async def probe_gateway(host: str, port: int, password: str) -> GatewayIdentity:
    """Open a command session and read the gateway's MAC, model and firmware.

    Raises:
        GatewayProbeError: with ``invalid_password_format``, ``invalid_host``,
            ``auth_locked``, ``invalid_auth`` or ``cannot_connect``.

    """
    if not password_is_valid(password):
        raise GatewayProbeError("invalid_password_format")
    guard = guard_for(host, port)
    settings = SessionSettings(host=host, port=port, password=password or None)
    try:
        session = await open_session(settings, SessionType.CommandSession, guard)
    except OpenWebNetInvalidHostError as err:
        raise GatewayProbeError("invalid_host") from err
    except OpenWebNetLockedError as err:
        raise GatewayProbeError("auth_locked") from err
    except OpenWebNetAuthError as err:
        raise GatewayProbeError("invalid_auth") from err
    except OpenWebNetError as err:
        raise GatewayProbeError("cannot_connect") from err
    try:
        return await _read_identity(session)
    except (OpenWebNetConnectionError, TimeoutError) as err:
        raise GatewayProbeError("cannot_connect") from err
    finally:
        await session.close()


async def _read_identity(session: Session) -> GatewayIdentity:
    sender = _ProbeSender(session)
    info = sender.item = GatewayInfo(sender)
    for dimension in (DIMENSION_MAC, DIMENSION_MODEL, DIMENSION_FIRMWARE):
        await sender.send(DimensionRequest(info.who, Where(""), dimension))
    return GatewayIdentity(
        mac=info.mac, model=info.model, firmware=info.firmware, model_id=info.model_id
    )
