"""Gateway models: how many command sessions each holds and how fast it takes commands.

Facts from PROTOCOLS.md §2: every model holds one event session plus a few
command sessions, and needs a pause between two commands on a session.
A gateway names itself two ways. SSDP announces its model name (``MH200N``);
that is certain. WHO 13 dimension 15 (``*#13**15*N##``) gives a code that
several models share: 200 is answered by MyHOMEServer1, F454, F461, MH202
and MH201 alike (public captures, OpenWebNet-HA/MyHOME fixtures), 44 by the
MH200N, 4 by the MH200 and some MH200N. So a code gives a set of candidate
models, and what holds for all of them:

* the pause is the longest of theirs, so no candidate is ever paced too fast;
* the command-session limit is the highest of theirs: one command session
  for 4 and 44 (MH200, MH200N, where going past the limit silences the event
  session), four for 200, where going past an MH202's or MH201's limit costs
  only the refused session (the client parks it).

A model known by neither way has no known limit; its pause is the slowest
known one.
"""

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class GatewayModel:
    """One gateway model's session limit and pacing."""

    name: str
    #: Command sessions held at once, besides the one event session.
    command_sessions: int
    #: Seconds to wait between two requests on one command session.
    pacing: float


MODELS: Final = (
    GatewayModel("MyHOMEServer1", 4, 0.02),
    GatewayModel("F454", 4, 0.05),
    GatewayModel("F455", 4, 0.05),
    GatewayModel("F461", 4, 0.05),
    GatewayModel("MH202", 2, 0.1),
    GatewayModel("MH201", 1, 0.1),
    GatewayModel("MH200N", 1, 0.15),
    GatewayModel("MH200", 1, 0.15),
)

#: ``*#13**15*N##`` codes seen on the models above, with the models seen
#: answering each (public captures; see simulator/README.md for sources).
MODEL_CODES: Final[dict[int, tuple[str, ...]]] = {
    200: ("MyHOMEServer1", "F454", "F461", "MH202", "MH201"),
    44: ("MH200N",),
    4: ("MH200", "MH200N"),
}

#: The pause for a gateway nothing is known about: the slowest known model's.
UNKNOWN_MODEL_PACING: Final = max(model.pacing for model in MODELS)


def _key(name: str) -> str:
    return "".join(char for char in name.lower() if char.isalnum())


_BY_NAME: Final = {_key(model.name): model for model in MODELS}


def model_named(name: str | None) -> GatewayModel | None:
    """The model called ``name`` (any case; SSDP says ``MyHomeServer1``)."""
    return _BY_NAME.get(_key(name)) if name else None


@dataclass(frozen=True, slots=True)
class SessionLimits:
    """What a client may ask of a gateway, from what is known of its model."""

    #: How the model is known: its name, or the candidates its code allows.
    label: str | None
    #: Command sessions allowed (None: unknown, the client's own maximum).
    command_sessions: int | None
    #: Seconds between two requests on one command session.
    pacing: float


def session_limits(name: str | None, code: int | None) -> SessionLimits:
    """The limits of a gateway known by its SSDP name and/or its WHO 13 code.

    The name wins when it is a known model; the code otherwise.
    """
    if (model := model_named(name)) is not None:
        return SessionLimits(model.name, model.command_sessions, model.pacing)
    names = MODEL_CODES.get(code, ()) if code is not None else ()
    candidates = [_BY_NAME[_key(candidate)] for candidate in names]
    if not candidates:
        return SessionLimits(None, None, UNKNOWN_MODEL_PACING)
    return SessionLimits(
        "/".join(model.name for model in candidates),
        max(model.command_sessions for model in candidates),
        max(model.pacing for model in candidates),
    )
