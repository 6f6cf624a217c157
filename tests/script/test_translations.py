"""script/translations.py --check holds every language to en.json.

Each test copies the integration into a temporary tree, writes a translation
there the way a translator could get it wrong (a text left out, a key that
en.json does not have, a placeholder renamed), and expects ``--check`` to
fail naming that very key, while the faithful copy passes.
"""

from collections.abc import Callable
import json
from pathlib import Path
import shutil
from typing import Any

import pytest

from .loader import load_script

ROOT = Path(__file__).resolve().parents[2]

translations = load_script("translations")
checks = load_script("translation_checks")


@pytest.fixture
def component(tmp_path: Path) -> Path:
    """A copy of the integration whose Italian file is a faithful copy of en.json."""
    copy = tmp_path / "onewire_own"
    shutil.copytree(
        ROOT / "custom_components" / "onewire_own",
        copy,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    for stale in (copy / "translations").glob("*.json"):
        if stale.name != "en.json":
            stale.unlink()
    shutil.copy(copy / "translations" / "en.json", copy / "translations" / "it.json")
    return copy


def edit_italian(component: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = component / "translations" / "it.json"
    strings = json.loads(path.read_text())
    change(strings)
    path.write_text(json.dumps(strings, ensure_ascii=False))


def run_check(component: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = translations.main(["--check"], component=component)
    return code, capsys.readouterr().out


def test_a_complete_translation_passes(
    component: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_check(component, capsys) == (0, "")


def test_a_missing_key_fails_the_check(
    component: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_italian(component, lambda s: s["config"]["error"].pop("invalid_auth"))

    code, out = run_check(component, capsys)

    assert code == 1
    assert "translations/it.json: config.error.invalid_auth: missing" in out


def test_an_extra_key_fails_the_check(
    component: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_italian(
        component, lambda s: s["config"]["error"].update(host_gone="Host sparito")
    )

    code, out = run_check(component, capsys)

    assert code == 1
    assert "translations/it.json: config.error.host_gone: not in en.json" in out


def test_a_renamed_placeholder_fails_the_check(
    component: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def rename(strings: dict[str, Any]) -> None:
        strings["config"]["step"]["zeroconf_confirm"]["description"] = (
            "Vuoi aggiungere l'owserver su {hostname}:{port}?"
        )

    edit_italian(component, rename)

    code, out = run_check(component, capsys)

    assert code == 1
    assert (
        "translations/it.json: config.step.zeroconf_confirm.description: "
        "placeholders {hostname}, {port} instead of {host}, {port}"
    ) in out


def test_a_dropped_placeholder_fails_the_check(
    component: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def drop(strings: dict[str, Any]) -> None:
        strings["config"]["flow_title"] = "Gateway MyHOME"

    edit_italian(component, drop)

    code, out = run_check(component, capsys)

    assert code == 1
    assert "config.flow_title: placeholders none instead of {name}" in out


def test_an_unresolved_reference_fails_the_check(
    component: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def refer(strings: dict[str, Any]) -> None:
        strings["config"]["error"]["cannot_connect"] = (
            "[%key:common::config_flow::error::cannot_connect%]"
        )

    edit_italian(component, refer)

    code, out = run_check(component, capsys)

    assert code == 1
    assert "config.error.cannot_connect: a [%key:...%] reference is shown as is" in out


def test_every_problem_of_a_file_is_listed_at_once(
    component: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def break_three(strings: dict[str, Any]) -> None:
        strings["options"]["step"]["owserver"]["data"].pop("poll_interval")
        strings["options"]["step"]["owserver"]["data"]["pol_interval"] = "Intervallo"
        strings["exceptions"]["owserver_path_not_found"]["message"] = "Manca {path}"

    edit_italian(component, break_three)

    code, out = run_check(component, capsys)

    assert code == 1
    assert "options.step.owserver.data.poll_interval: missing" in out
    assert "options.step.owserver.data.pol_interval: not in en.json" in out
    assert (
        "exceptions.owserver_path_not_found.message: placeholders {path} instead of"
        in out
    )
    assert "3 translation problem(s)" in out


def test_a_file_that_is_not_a_home_assistant_language_is_reported(
    component: Path,
) -> None:
    shutil.copy(
        component / "translations" / "en.json",
        component / "translations" / "klingon.json",
    )

    assert checks.check_languages(component) == [
        "klingon.json: klingon is not a Home Assistant language"
    ]


def test_a_stale_en_json_is_reported_before_the_languages(
    component: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strings = json.loads((component / "strings.json").read_text())
    strings["config"]["error"]["auth_locked"] = "Locked."
    (component / "strings.json").write_text(json.dumps(strings))

    code, out = run_check(component, capsys)

    assert code == 1
    assert "translations/en.json is out of date" in out


def test_the_shipped_translations_match_en_json() -> None:
    assert checks.check_languages(ROOT / "custom_components" / "onewire_own") == []
