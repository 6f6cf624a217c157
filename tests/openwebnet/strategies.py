"""Hypothesis strategies for well-formed OpenWebNet frames."""

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
non_empty_wheres = wheres.filter(lambda where: where.format() != "")
values = st.lists(digits_or_empty, min_size=1, max_size=5).map(tuple)
long_digits = st.text(alphabet="0123456789", min_size=5, max_size=128)

frames: st.SearchStrategy[Frame] = st.one_of(
    st.sampled_from([ACK, NACK, BUSY_NACK]),
    st.builds(Command, numbers, digits, params, non_empty_wheres),
    st.builds(StatusRequest, numbers, wheres),
    st.builds(DimensionRequest, numbers, wheres, digits),
    st.builds(DimensionReply, numbers, wheres, digits, values),
    st.builds(DimensionWrite, numbers, wheres, digits, params, values),
    st.builds(SessionRequest, digits),
    st.builds(HashOffer, numbers),
    st.builds(AuthValue, st.text(alphabet="0123456789", min_size=1, max_size=128)),
    st.builds(AuthProof, long_digits, long_digits),
)
