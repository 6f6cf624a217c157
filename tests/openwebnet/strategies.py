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
# field an optional "#" and an optional group, the first field never empty,
# the last never a bare "#".
groups = st.lists(digits, min_size=1, max_size=3).map("#".join)
fields = st.tuples(st.sampled_from(["", "#"]), st.sampled_from([""]) | groups).map(
    "".join
)
first_fields = st.tuples(st.sampled_from(["", "#"]), groups).map("".join) | st.just("#")
frame_texts: st.SearchStrategy[str] = st.builds(
    lambda first, rest: "*" + "*".join((first, *rest)) + "##",
    first_fields,
    st.lists(fields, max_size=6),
).filter(lambda text: not text.endswith("###"))  # a last field "#" ends ###


# Frames about the items the registry creates, with values of any size: what
# a confused gateway could send them. Dimensions are those the items read.
ITEM_WHERES = ("0", "1", "12", "0111", "12#4#01", "#1", "#0", "", "51", "7#0")
ITEM_WHERES += ("21", "301", "2", "105", "1#1")
ITEM_DIMENSIONS = {
    1: ("1",),
    2: ("10",),
    4: ("0", "12", "13", "14", "60"),
    13: ("0", "1", "12", "15", "16", "19", "22"),
    18: ("51", "53", "54", "113", "1200"),
}
item_wheres = st.sampled_from(ITEM_WHERES).map(Where.parse)
item_whos = st.sampled_from([1, 2, 4, 9, 13, 15, 18, 25])
any_values = st.sampled_from(["", "0", "1", "0215", "1048", "9" * 12, "9" * 30]) | (
    st.text(alphabet="0123456789", max_size=30)
)
item_commands = st.builds(
    Command,
    item_whos,
    any_values.filter(bool),
    st.lists(any_values.filter(bool), max_size=2).map(tuple),
    item_wheres,
)
item_replies = st.sampled_from(
    [(who, dimension) for who, names in ITEM_DIMENSIONS.items() for dimension in names]
).flatmap(
    lambda pair: st.builds(
        DimensionReply,
        st.just(pair[0]),
        item_wheres,
        st.just(pair[1]),
        st.lists(any_values, min_size=1, max_size=9).map(tuple),
    )
)
item_frames: st.SearchStrategy[Frame] = item_commands | item_replies
