"""Gateway models: session limits and pacing from an SSDP name or a WHO 13 code."""

import pytest

from custom_components.onewire_own.openwebnet.models import (
    MODELS,
    UNKNOWN_MODEL_PACING,
    model_named,
    session_limits,
)
from simulator.openwebnet import PROFILES


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.name)
def test_the_table_agrees_with_the_simulated_gateways(model) -> None:  # type: ignore[no-untyped-def]
    profile = PROFILES[model.name]
    assert (model.command_sessions, model.pacing) == (
        profile.command_sessions,
        profile.pacing,
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [("MH200N", "MH200N"), ("mh200n", "MH200N"), ("MyHomeServer1", "MyHOMEServer1")],
)
def test_models_are_found_by_name_whatever_the_spelling(
    name: str, expected: str
) -> None:
    model = model_named(name)
    assert model is not None
    assert model.name == expected


@pytest.mark.parametrize(
    ("name", "code", "limit", "pacing"),
    [
        ("MH202", 200, 2, 0.1),  # the announced name wins
        (None, 44, 1, 0.15),  # only MH200N answer 44
        (None, 4, 1, 0.15),  # MH200, and some MH200N
        (None, 200, 4, 0.1),  # shared: the most sessions, the slowest pause
        ("F452", 6, None, UNKNOWN_MODEL_PACING),  # not in the table
        (None, None, None, UNKNOWN_MODEL_PACING),
    ],
)
def test_limits_come_from_the_name_else_from_every_model_sharing_the_code(
    name: str | None, code: int | None, limit: int | None, pacing: float
) -> None:
    limits = session_limits(name, code)
    assert (limits.command_sessions, limits.pacing) == (limit, pacing)


def test_a_shared_code_names_every_candidate() -> None:
    assert session_limits(None, 200).label == "MyHOMEServer1/F454/F461/MH202/MH201"
