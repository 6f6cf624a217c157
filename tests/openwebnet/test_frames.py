"""The frame model: every frame real gateways send parses, builds, round trips.

The grammar is the one in ``frames.py`` (and the project's protocol notes);
``test_corpus.py`` holds the real frames it was checked against.
"""

import re

from hypothesis import given, strategies as st
import pytest

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
    FrameParseError,
    GenericFrame,
    HashOffer,
    SessionRequest,
    StatusRequest,
    parse_frame,
)
from custom_components.onewire_own.openwebnet.where import Where

from .strategies import frame_texts, frames


@pytest.mark.parametrize(
    ("raw", "frame"),
    [
        ("*#*1##", ACK),
        ("*#*0##", NACK),
        ("*#*6##", BUSY_NACK),
        ("*1*1*12##", Command(1, "1", (), Where("12"))),
        ("*1*1000#5*32##", Command(1, "1000", ("5",), Where("32"))),
        ("*1*1*12#4#01##", Command(1, "1", (), Where("12", ("4", "01")))),
        ("*15*05#3*12##", Command(15, "05", ("3",), Where("12"))),
        ("*25*31#1*312##", Command(25, "31", ("1",), Where("312"))),
        # Burglar alarm events of the whole system: WHERE is there, but empty.
        ("*5*1*##", Command(5, "1", (), Where(""))),
        ("*5*18*#3##", Command(5, "18", (), Where("", ("3",)))),
        # Door entry: no WHERE field at all, and one with a field after WHERE.
        ("*6*9##", Command(6, "9", (), None)),
        ("*6*9**##", Command(6, "9", (), Where(""), extra_fields=("",))),
        ("*8*1#1#4*74##", Command(8, "1", ("1", "4"), Where("74"))),
        ("*7*120##", Command(7, "120", (), None)),
        # Sound system: parameters on WHAT and on WHERE.
        ("*22*0#4#1*5#2#1##", Command(22, "0", ("4", "1"), Where("5", ("2", "1")))),
        ("*4*110#0180*#0##", Command(4, "110", ("0180",), Where("", ("0",)))),
        ("*#1*0##", StatusRequest(1, Where("0"))),
        ("*#25*30##", StatusRequest(25, Where("30"))),
        ("*#13**16##", DimensionRequest(13, Where(""), "16")),
        ("*#18*51*1200##", DimensionRequest(18, Where("51"), "1200")),
        ("*#1*32*1*130*5##", DimensionReply(1, Where("32"), "1", ("130", "5"))),
        ("*#4*6*12*1048*3##", DimensionReply(4, Where("6"), "12", ("1048", "3"))),
        ("*#4*2#1*20*0##", DimensionReply(4, Where("2", ("1",)), "20", ("0",))),
        (
            "*#18*51*1200#1*0##",
            DimensionReply(18, Where("51"), "1200", ("0",), dimension_params=("1",)),
        ),
        (
            "*#22*3#6#1*12*0*10##",
            DimensionReply(22, Where("3", ("6", "1")), "12", ("0", "10")),
        ),
        (
            "*#1001*31*11*111110111111111111110111##",
            DimensionReply(1001, Where("31"), "11", ("111110111111111111110111",)),
        ),
        (
            "*#13**22*12*00*00*001*01*01*01*2026##",
            DimensionReply(
                13, Where(""), "22", ("12", "00", "00", "001", "01", "01", "01", "2026")
            ),
        ),
        (
            "*#4*#1*#14*0215*3##",
            DimensionWrite(4, Where("", ("1",)), "14", (), ("0215", "3")),
        ),
        (
            "*#18*51*#1200#1*15##",
            DimensionWrite(18, Where("51"), "1200", ("1",), ("15",)),
        ),
        ("*#4*2*#5*0##", DimensionWrite(4, Where("2"), "5", (), ("0",))),
        ("*99*9##", SessionRequest("9")),
        ("*99*1##", SessionRequest("1")),
        ("*98*2##", HashOffer(2)),
        ("*#603356072##", AuthValue("603356072")),
        ("*#" + "1" * 80 + "*" + "2" * 80 + "##", AuthProof("1" * 80, "2" * 80)),
    ],
)
def test_protocol_frames_parse_to_their_typed_form_and_build_back(
    raw: str, frame: Frame
) -> None:
    assert parse_frame(raw) == frame
    assert frame.build() == raw
    assert str(frame) == raw


@pytest.mark.parametrize(
    ("raw", "fields"),
    [
        # PROTOCOLS.md §2 listed these as malformed; they are grammatical
        # (fields may be empty, *6*9## has two fields), just of no known shape.
        ("*1##", ("1",)),
        ("*1*##", ("1", "")),
        ("*1**##", ("1", "", "")),
        ("*#*2##", ("#", "2")),
        ("*#*##", ("#", "")),
        ("*01*1*12##", ("01", "1", "12")),
        ("*12345*1*12##", ("12345", "1", "12")),
        ("*1*#5*12##", ("1", "#5", "12")),
        ("*#1*1*#14##", ("#1", "1", "#14")),
        ("*#1*1*#*1##", ("#1", "1", "#", "1")),
        ("*#1*1*1*1#1##", ("#1", "1", "1", "1#1")),
        ("*#12345*1#2##", ("#12345", "1#2")),
        ("*#1#2##", ("#1#2",)),
        ("*99*##", ("99", "")),
        ("*98*02##", ("98", "02")),
    ],
)
def test_grammatical_frames_of_no_typed_shape_are_generic_frames_with_their_fields(
    raw: str, fields: tuple[str, ...]
) -> None:
    frame = parse_frame(raw)
    assert frame == GenericFrame(fields)
    assert frame.build() == raw


def test_a_generic_frame_names_the_who_of_its_first_field() -> None:
    assert GenericFrame(("#12345", "1#2")).who == 12345
    assert GenericFrame(("1", "")).who == 1
    assert GenericFrame(("#", "2")).who is None


@pytest.mark.parametrize(
    "raw",
    [
        "*1*a*123##",  # a character outside 0-9 * #
        "**12",  # no trailing ##
        "4##",  # no leading *
        "",
        "*##",  # no field at all
        "**1##",  # an empty first field: no WHO
        "*1*1*12###",  # ends in ### : the frame would end one # earlier
        "*1*1*12#4##01##",  # two frames
        "*1*1#*12##",  # an empty # parameter
        "*###",  # a last field "#": on the wire "*##" then a stray "#"
        "*1*###",
        "*#1*1#*1##",
        "*1*1*12## ",
        "*1*1*12##\n",
        "*1*1*\uff11\uff12##",  # full-width digits are not ASCII digits
    ],
)
def test_text_outside_the_grammar_raises_the_typed_parse_error(raw: str) -> None:
    with pytest.raises(FrameParseError):
        parse_frame(raw)


def test_the_parse_error_is_a_value_error_for_callers_that_expect_one() -> None:
    assert issubclass(FrameParseError, ValueError)


@pytest.mark.parametrize(
    "build",
    [
        lambda: Command(6, "9", (), None, extra_fields=("",)),
        lambda: Command(99, "1", (), None),
        lambda: Command(98, "2", (), None),
        lambda: DimensionReply(1, Where("12"), "1", ()),
        lambda: DimensionWrite(1, Where("12"), "1", (), ()),
    ],
)
def test_values_whose_text_would_parse_as_another_frame_are_refused(build) -> None:
    with pytest.raises(ValueError, match=r"WHERE|handshake|value field"):
        build()


@given(frames)
def test_parse_of_build_gives_the_same_frame(frame: Frame) -> None:
    assert parse_frame(frame.build()) == frame


@given(frame_texts)
def test_every_grammatical_text_parses_and_builds_back_exactly(text: str) -> None:
    assert parse_frame(text).build() == text


#: The grammar of frames.py, written out again: the parser's faster checks
#: must accept exactly these texts.
GRAMMAR = re.compile(r"\*(#|#?[0-9]+(#[0-9]+)*)(\*#?([0-9]+(#[0-9]+)*)?)*##", re.ASCII)


@given(st.text(alphabet="0123*#", max_size=16))
def test_the_parser_accepts_exactly_the_grammar(text: str) -> None:
    grammatical = GRAMMAR.fullmatch(text) is not None and not text.endswith("###")
    try:
        parse_frame(text)
    except FrameParseError:
        assert not grammatical
    else:
        assert grammatical


@given(st.text(alphabet="0123456789*#a \n", max_size=40))
def test_arbitrary_text_parses_or_raises_only_the_typed_error(text: str) -> None:
    try:
        frame = parse_frame(text)
    except FrameParseError:
        return
    assert frame.build() == text


@given(st.text(max_size=60))
def test_arbitrary_unicode_parses_or_raises_only_the_typed_error(text: str) -> None:
    try:
        frame = parse_frame(text)
    except FrameParseError:
        return
    assert frame.build() == text
