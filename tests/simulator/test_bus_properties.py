"""Property: whatever request reaches the bus, it answers; it never crashes.

Requests are drawn around the sample installation's real addresses and
dimensions (so handlers are reached deep inside), mixed with arbitrary digits.
"""

import asyncio

from hypothesis import given, settings, strategies as st

from custom_components.onewire_own.openwebnet.frames import (
    Command,
    DimensionRequest,
    DimensionWrite,
    StatusRequest,
)
from custom_components.onewire_own.openwebnet.where import Where
from simulator.openwebnet import PROFILES
from simulator.openwebnet.bus import Bus, Request
from simulator.openwebnet.clock import Clock
from simulator.openwebnet.handler import Outcome
from tests.peers.gateway import sample_installation

SAMPLE = sample_installation()
WHOS = st.sampled_from([1, 2, 4, 9, 13, 15, 18, 25]) | st.integers(0, 9999)
KNOWN_WHERES = [
    "0", "1", "00", "#1", "#2", "12", "13", "14", "0015", "21#4#01", "21", "22",
    "#0", "#1", "51", "301", "30", "2123", "",
]  # fmt: skip
WHERES = st.sampled_from([Where.parse(text) for text in KNOWN_WHERES]) | st.builds(
    Where,
    st.text("0123456789", max_size=4),
    st.lists(st.text("0123456789", min_size=1, max_size=3), max_size=3).map(tuple),
)
DIGITS = st.sampled_from(
    ["0", "1", "2", "10", "11", "12", "14", "60", "113", "1200"]
) | st.text("0123456789", min_size=1, max_size=5)
VALUES = st.lists(
    st.sampled_from(["", "0", "150", "0215", "40", "1"])
    | st.text("0123456789", max_size=5),
    min_size=1,
    max_size=9,
).map(tuple)
PARAMS = st.lists(DIGITS, max_size=2).map(tuple)
REQUESTS: st.SearchStrategy[Request] = st.one_of(
    st.builds(Command, WHOS, DIGITS, PARAMS, WHERES),
    st.builds(StatusRequest, WHOS, WHERES),
    st.builds(DimensionRequest, WHOS, WHERES, DIGITS),
    st.builds(DimensionWrite, WHOS, WHERES, DIGITS, PARAMS, VALUES),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(REQUESTS, min_size=1, max_size=15))
def test_every_request_gets_an_outcome_and_never_an_exception(
    requests: list[Request],
) -> None:
    emitted: list[object] = []

    async def serve() -> None:
        bus = Bus(SAMPLE, PROFILES["F454"], Clock(0.001), emitted.extend)
        try:
            for request in requests:
                outcome = bus.handle(request)
                assert isinstance(outcome, Outcome)
                assert outcome.accepted or not outcome.replies
        finally:
            bus.stop()

    asyncio.run(serve())
