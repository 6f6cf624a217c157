"""Stream framing: frames across reads, many per read, and a length cap."""

import contextlib

from hypothesis import given, strategies as st
import pytest

from custom_components.onewire_own.openwebnet.errors import FrameTooLongError
from custom_components.onewire_own.openwebnet.frames import (
    Frame,
    FrameParseError,
    FrameSplitter,
    parse_frame,
)

from .strategies import frames


def test_a_frame_split_across_reads_comes_out_once_complete() -> None:
    splitter = FrameSplitter()
    assert splitter.feed(b"*1*1") == []
    assert splitter.feed(b"*12#") == []
    assert splitter.pending == 8
    assert splitter.feed(b"#*1*0") == ["*1*1*12##"]
    assert splitter.feed(b"*13##") == ["*1*0*13##"]
    assert splitter.pending == 0


def test_several_frames_in_one_read_all_come_out_in_order() -> None:
    splitter = FrameSplitter()
    assert splitter.feed(b"*#*1##*1*1*12##*#1*12*1*150*0##*1") == [
        "*#*1##",
        "*1*1*12##",
        "*#1*12*1*150*0##",
    ]
    assert splitter.pending == 2


def test_a_peer_that_never_ends_a_frame_is_cut_off() -> None:
    splitter = FrameSplitter()
    splitter.feed(b"*1" * 1024)
    with pytest.raises(FrameTooLongError):
        splitter.feed(b"*1" * 1024 + b"*")
    assert splitter.pending == 0
    assert splitter.feed(b"*#*1##") == ["*#*1##"]


def test_an_overlong_frame_is_refused_even_when_it_ends() -> None:
    splitter = FrameSplitter(max_frame_length=16)
    with pytest.raises(FrameTooLongError):
        splitter.feed(b"*1*1*" + b"1" * 20 + b"##")


def test_the_length_error_is_a_parse_error() -> None:
    assert issubclass(FrameTooLongError, FrameParseError)


@given(st.lists(frames, max_size=20), st.lists(st.integers(1, 50), max_size=30))
def test_any_cut_of_a_frame_stream_yields_the_same_frames(
    sent: list[Frame], cuts: list[int]
) -> None:
    stream = "".join(frame.build() for frame in sent).encode()
    splitter = FrameSplitter()
    received: list[Frame] = []
    position = 0
    for size in [*cuts, len(stream)]:
        chunk, position = stream[position : position + size], position + size
        received.extend(parse_frame(text) for text in splitter.feed(chunk))
    assert received == sent


@given(st.lists(st.binary(max_size=300), max_size=30))
def test_arbitrary_bytes_only_ever_raise_the_typed_parse_error(
    reads: list[bytes],
) -> None:
    splitter = FrameSplitter(max_frame_length=256)
    for data in reads:
        try:
            texts = splitter.feed(data)
        except FrameParseError:
            continue
        for text in texts:
            with contextlib.suppress(FrameParseError):
                parse_frame(text)
