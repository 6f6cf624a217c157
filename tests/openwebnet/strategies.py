"""Hypothesis strategies: typed OpenWebNet frames and grammatical frame texts."""

from hypothesis import strategies as st

from custom_components.onewire_own.openwebnet.frames import (
    ACK,
    BUSY_NACK,
    NACK,
    AuthProof,
    AuthValue,
    Command,
    DimensionReply,
    DimensionRequest,
    DimensionWrite,
    Frame,
    HashOffer,
    SessionRequest,
    StatusRequest,
)
from custom_components.onewire_own.openwebnet.where import Where

digits = st.text(alphabet="0123456789", min_size=1, max_size=6)
digits_or_empty = st.text(alphabet="0123456789", max_size=6)
numbers = st.integers(min_value=0, max_value=9999)
params = st.lists(digits, max_size=3).map(tuple)
wheres = st.builds(Where, address=digits_or_empty, params=params)
values = st.lists(digits_or_empty, min_size=1, max_size=5).map(tuple)
long_digits = st.text(alphabet="0123456789", min_size=5, max_size=128)
extra_fields = st.lists(digits_or_empty, max_size=3).map(tuple)


@st.composite
def commands(draw: st.DrawFn) -> Command:
    """Commands with and without WHERE, with and without fields after it."""
    who = draw(numbers)
    what = draw(digits)
    what_params = draw(params)
    where = draw(st.none() | wheres)
    if where is None:
        if who in (98, 99) and not what_params:
            what_params = ("1",)  # bare *98*A## / *99*S## are handshake frames
        return Command(who, what, what_params, None)
    return Command(who, what, what_params, where, extra_fields=draw(extra_fields))


frames: st.SearchStrategy[Frame] = st.one_of(
    st.sampled_from([ACK, NACK, BUSY_NACK]),
    commands(),
    st.builds(StatusRequest, numbers, wheres),
    st.builds(DimensionRequest, numbers, wheres, digits, dimension_params=params),
    st.builds(DimensionReply, numbers, wheres, digits, values, dimension_params=params),
    st.builds(DimensionWrite, numbers, wheres, digits, params, values),
    st.builds(SessionRequest, digits),
    st.builds(HashOffer, numbers),
    st.builds(AuthValue, st.text(alphabet="0123456789", min_size=1, max_size=128)),
    st.builds(AuthProof, long_digits, long_digits),
)

# The lexical grammar of frames.py: a group is digits with "#" parameters, a
# field an optional "#" and an optional group, the first field never empty.
groups = st.lists(digits, min_size=1, max_size=3).map("#".join)
fields = st.tuples(st.sampled_from(["", "#"]), st.sampled_from([""]) | groups).map(
    "".join
)
first_fields = st.tuples(st.sampled_from(["", "#"]), groups).map("".join) | st.just("#")
frame_texts: st.SearchStrategy[str] = st.builds(
    lambda first, rest: "*" + "*".join((first, *rest)) + "##",
    first_fields,
    st.lists(fields, max_size=6),
)
