"""The captures are data from public traces of real gateways, each naming its source."""

from pathlib import Path

import pytest

from custom_components.onewire_own.openwebnet.frames import GenericFrame, parse_frame

from .harness import CAPTURES, Capture, Direction

NAMES = sorted(path.stem for path in CAPTURES.glob("*.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_every_capture_names_its_public_source_commit_and_gateway(name: str) -> None:
    capture = Capture.load(name)
    repository, path = capture.source.split(" ", 1)
    assert repository == "OpenWebNet-HA/MyHOME"
    assert path.startswith("tests/fixtures/traces/")
    assert len(capture.commit) == 40
    assert int(capture.commit, 16) >= 0
    assert capture.model
    assert capture.notes, "say which part of the file it is and what happened"


@pytest.mark.parametrize("name", NAMES)
def test_every_captured_frame_is_a_typed_frame_in_time_order(name: str) -> None:
    capture = Capture.load(name)
    times = [step.at for step in capture.steps]
    assert times == sorted(times)
    assert times[0] == 0.0
    assert any(step.direction is Direction.RX for step in capture.steps)
    for step in capture.steps:
        assert not isinstance(parse_frame(step.text), GenericFrame), step.text


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("# commit: 0\n# model: F454\n0.000 rx *1*1*12##\n", "source"),
        ("# source: a b\n# commit: 0\n# model: F454\n", "frames"),
        (
            "# source: a b\n# commit: 0\n# model: F454\n"
            "1.000 rx *1*1*12##\n0.500 rx *1*0*12##\n",
            "time goes back",
        ),
        ("# source: a b\n# commit: 0\n# model: F454\n0.000 up *1*1*12##\n", "up"),
    ],
)
def test_a_file_that_is_no_capture_is_refused(
    tmp_path: Path, text: str, error: str
) -> None:
    path = tmp_path / "broken.txt"
    path.write_text(text)
    with pytest.raises(ValueError, match=error):
        Capture.read(path)


def test_captures_cover_every_system_the_replays_are_about() -> None:
    whos = {
        getattr(parse_frame(step.text), "who", None)
        for name in NAMES
        for step in Capture.load(name).steps
    }
    assert {1, 2, 4, 15, 18, 25} <= whos
