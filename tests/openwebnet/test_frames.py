"""The frame model: every frame of PROTOCOLS.md §2 parses, builds, round trips."""

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
    HashOffer,
    SessionRequest,
    StatusRequest,
    parse_frame,
)
from custom_components.onewire_own.openwebnet.where import Where

from .strategies import frames


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
        ("*#1*0##", StatusRequest(1, Where("0"))),
        ("*#25*30##", StatusRequest(25, Where("30"))),
        ("*#13**16##", DimensionRequest(13, Where(""), "16")),
        ("*#1*32*1*130*5##", DimensionReply(1, Where("32"), "1", ("130", "5"))),
        ("*#4*6*12*1048*3##", DimensionReply(4, Where("6"), "12", ("1048", "3"))),
        (
            "*#4*#1*#14*0215*3##",
            DimensionWrite(4, Where("", ("1",)), "14", (), ("0215", "3")),
        ),
        (
            "*#18*51*#1200#1*15##",
            DimensionWrite(18, Where("51"), "1200", ("1",), ("15",)),
        ),
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
    "raw",
    [
        # The malformed examples of PROTOCOLS.md.
        "*1*a*123##",
        "**12",
        "4##",
        "*1##",
        "*1*##",
        "*1**##",
        # More ways to be outside the grammar.
        "",
        "*##",
        "*1*1*##",
        "*1*1*12###",
        "*1*1*12#4##01##",
        "*1*1*12*3##",
        "*01*1*12##",
        "*12345*1*12##",
        "*#*2##",
        "*#*##",
        "*#1*1*#14##",
        "*#1*1*#*1##",
        "*#1*1*a##",
        "*#1*1*1*1#1##",
        "*#1*a1##",
        "*#1*1#*1##",
        "*#12345*1#2##",
        "*99*##",
        "*98*02##",
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


@given(frames)
def test_parse_of_build_gives_the_same_frame(frame: Frame) -> None:
    assert parse_frame(frame.build()) == frame


@given(st.text(alphabet="0123456789*#a \n", max_size=40))
def test_arbitrary_text_parses_or_raises_only_the_typed_error(text: str) -> None:
    try:
        frame = parse_frame(text)
    except FrameParseError:
        return
    assert frame.build() == text or parse_frame(frame.build()) == frame
