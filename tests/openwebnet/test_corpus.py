"""Frames captured from real gateways: every one parses, round trips and dispatches.

``corpus/*.txt`` holds frames copied from public captures of real gateways
(the MyHOME integration's traces, ``OpenWebNet-HA/MyHOME`` under
``tests/fixtures/traces/``) and from the official WHO documents, one file per
source. Each file starts with ``#`` header lines naming its ``source:`` (the
repository and path) and its ``model:`` (the gateway, or ``none`` for a
document), then one frame a line. Frames are facts: never edit one.
"""

from dataclasses import dataclass
import logging
from pathlib import Path

from hypothesis import given, settings
import pytest

from custom_components.onewire_own.openwebnet.frames import (
    Command,
    DimensionReply,
    Frame,
    GenericFrame,
    parse_frame,
)
from custom_components.onewire_own.openwebnet.items.registry import ItemRegistry
from custom_components.onewire_own.openwebnet.where import Where
from tests.peers.gateway import GatewayFactory

from .helpers import TIME_SCALE, GatewayConnector
from .strategies import frame_texts, item_frames

CORPUS = Path(__file__).parent / "corpus"
NOT_A_GATEWAY = ("none", "unknown model")


@dataclass(frozen=True)
class CorpusFile:
    """One source's frames and where they come from."""

    path: Path
    source: str
    model: str
    frames: tuple[str, ...]


def load_corpus() -> list[CorpusFile]:
    """Every corpus file, its header checked."""
    files = []
    for path in sorted(CORPUS.glob("*.txt")):
        header: dict[str, str] = {}
        frames = []
        for line in path.read_text().splitlines():
            if line.startswith("# ") and ":" in line:
                key, _, value = line[2:].partition(":")
                header.setdefault(key, value.strip())
            elif line and not line.startswith("#"):
                frames.append(line)
        files.append(CorpusFile(path, header["source"], header["model"], tuple(frames)))
    return files


CORPUS_FILES = load_corpus()
CORPUS_FRAMES = sorted({frame for file in CORPUS_FILES for frame in file.frames})


class _NoSender:
    async def send(self, frame: Frame) -> list[Frame]:
        raise AssertionError(f"dispatching sent {frame}")


def test_the_corpus_is_500_distinct_real_frames_from_5_gateway_models() -> None:
    models = {
        file.model.split(" ")[0]
        for file in CORPUS_FILES
        if not file.model.startswith(NOT_A_GATEWAY)
    }
    assert len(CORPUS_FRAMES) >= 500
    assert len(models) >= 5, models


@pytest.mark.parametrize("corpus_file", CORPUS_FILES, ids=lambda file: file.path.name)
def test_every_corpus_file_names_its_source_and_gateway(
    corpus_file: CorpusFile,
) -> None:
    assert corpus_file.source
    assert corpus_file.model
    assert corpus_file.frames
    assert len(set(corpus_file.frames)) == len(corpus_file.frames)


def test_every_real_frame_parses_to_a_typed_frame_and_builds_back_exactly() -> None:
    refused = []
    generic = []
    for text in CORPUS_FRAMES:
        try:
            frame = parse_frame(text)
        except ValueError:
            refused.append(text)
            continue
        assert frame.build() == text
        assert parse_frame(frame.build()) == frame
        if isinstance(frame, GenericFrame):
            generic.append(text)
    assert refused == []
    assert generic == []


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        # Alarm system events carry an empty WHERE (F453AV).
        ("*5*1*##", Command(5, "1", (), Where(""))),
        # Door entry: a bell without WHERE (MH200) and one with a field after
        # an empty WHERE (MH202); a lock release with WHAT parameters (MH200).
        ("*6*9##", Command(6, "9", (), None)),
        ("*6*9**##", Command(6, "9", (), Where(""), extra_fields=("",))),
        ("*8*1#1#4*74##", Command(8, "1", ("1", "4"), Where("74"))),
        # An energy meter confirms its power push with a dimension parameter.
        (
            "*#18*51*1200#1*0##",
            DimensionReply(18, Where("51"), "1200", ("0",), dimension_params=("1",)),
        ),
    ],
)
def test_frames_of_systems_without_items_yet_are_typed_for_their_items(
    text: str, frame: Frame
) -> None:
    assert text in CORPUS_FRAMES
    assert parse_frame(text) == frame


@pytest.mark.parametrize("text", ["*6*9##", "*6*9**##", "*7*9*##"])
def test_frames_of_systems_without_items_reach_no_item(text: str) -> None:
    registry = ItemRegistry(_NoSender())
    events: list[object] = []
    registry.add_callback(lambda item, event: events.append(event))
    registry.dispatch(parse_frame(text))
    assert registry.items == {}
    assert events == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("*5*1*##", (5, "0")),
        ("*5*18*#3##", (5, "#3")),
        ("*8*1#1#4*74##", (8, "74")),
        ("*8*9#1#4*73##", (8, "73")),
    ],
)
def test_alarm_and_door_entry_frames_reach_their_items(
    text: str, key: tuple[int, str]
) -> None:
    registry = ItemRegistry(_NoSender())
    events: list[object] = []
    registry.add_callback(lambda item, event: events.append(event))
    registry.dispatch(parse_frame(text))
    assert list(registry.items) == [key]
    assert events != []


def test_every_real_frame_dispatches_to_items_without_an_error() -> None:
    registry = ItemRegistry(_NoSender())
    for text in CORPUS_FRAMES:
        registry.dispatch(parse_frame(text))
    # The corpus taught the registry the installations it came from.
    assert (1, "0111") in registry.items
    assert (4, "#0") in registry.items
    assert (18, "76#0") in registry.items
    assert (25, "339") in registry.items
    assert (5, "0") in registry.items
    assert (5, "#8") in registry.items
    assert (8, "73") in registry.items


@given(frame_texts)
def test_any_grammatical_frame_dispatches_without_an_error(text: str) -> None:
    registry = ItemRegistry(_NoSender())
    registry.dispatch(parse_frame(text))


@settings(max_examples=1000)
@given(item_frames)
def test_frames_for_every_item_type_with_any_values_dispatch_without_an_error(
    frame: Frame,
) -> None:
    registry = ItemRegistry(_NoSender())
    registry.dispatch(frame)
    registry.dispatch(frame)  # once more, to the item the first one created


async def test_the_corpus_replayed_on_an_event_session_is_never_malformed(
    gateway_factory: GatewayFactory,
    connect: GatewayConnector,
    caplog: pytest.LogCaptureFixture,
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    gateway = await connect(sim)
    frames_before = gateway.counters.frames_in
    with caplog.at_level(logging.WARNING):
        await sim.emit(*CORPUS_FRAMES)
        # A state change after the corpus arrives: every frame before it was handled.
        await sim.set_contact("301", closed=True)
        door = gateway.get_item(25, "301")
        await sim.wait_until(lambda: door.is_closed is True)  # type: ignore[attr-defined]
    assert gateway.counters.malformed_frames == 0
    assert gateway.counters.frames_in - frames_before >= len(CORPUS_FRAMES)
    assert gateway.connected
    assert [
        record for record in caplog.records if record.levelno >= logging.WARNING
    ] == []
    assert (1, "0111") in gateway.items
