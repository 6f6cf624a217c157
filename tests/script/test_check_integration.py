"""script/check_integration.py finds what HACS and hassfest would reject.

Each test copies the repository's integration, hacs.json and README into a
temporary tree, breaks one thing the way a contributor could, and expects
the matching check to report it; the untouched copy passes the checks that
depend only on files this project's tooling owns.
"""

from collections.abc import Callable
import json
from pathlib import Path
import shutil
from typing import Any

from PIL import Image
import pytest

from .loader import load_script

ROOT = Path(__file__).resolve().parents[2]


check = load_script("check_integration")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the repository's integration as a HACS repository."""
    shutil.copytree(
        ROOT / "custom_components" / "onewire_own",
        tmp_path / "custom_components" / "onewire_own",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "hacs.json", tmp_path)
    shutil.copy(ROOT / "README.md", tmp_path)
    return tmp_path


def component(tree: Path) -> Path:
    return tree / "custom_components" / "onewire_own"


def edit_json(path: Path, change: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    path.write_text(json.dumps(change(json.loads(path.read_text()))))


def test_the_repository_passes_the_manifest_hacs_brand_and_import_checks(
    tree: Path,
) -> None:
    assert check.check_manifest(component(tree))[0] == []
    assert check.check_hacs_json(tree, component(tree))[0] == []
    assert check.check_brand(component(tree))[0] == []
    assert check.check_component_imports(component(tree))[0] == []


def test_manifest_keys_out_of_order_are_reported(tree: Path) -> None:
    edit_json(
        component(tree) / "manifest.json",
        lambda manifest: dict(reversed(list(manifest.items()))),
    )

    problems, _ = check.check_manifest(component(tree))

    assert any("not sorted" in problem for problem in problems)


def test_a_manifest_without_version_is_reported(tree: Path) -> None:
    edit_json(
        component(tree) / "manifest.json",
        lambda manifest: {k: v for k, v in manifest.items() if k != "version"},
    )

    assert "'version' is required" in check.check_manifest(component(tree))[0]


def test_an_unknown_hacs_json_key_is_reported(tree: Path) -> None:
    edit_json(tree / "hacs.json", lambda hacs: {**hacs, "domains": ["sensor"]})

    assert "unknown key 'domains'" in check.check_hacs_json(tree, component(tree))[0]


def test_a_brand_icon_of_the_wrong_size_is_reported(tree: Path) -> None:
    icon = component(tree) / "brand" / "icon.png"
    with Image.open(icon) as image:
        image.resize((128, 128)).save(icon)

    problems, _ = check.check_brand(component(tree))

    assert problems == ["brand/icon.png is 128x128, not 256x256"]


def test_a_config_flow_step_without_translation_is_reported(tree: Path) -> None:
    def drop_owserver_step(strings: dict[str, Any]) -> dict[str, Any]:
        del strings["config"]["step"]["owserver"]
        return strings

    edit_json(component(tree) / "translations" / "en.json", drop_owserver_step)

    problems, _ = check.check_translation_usage(component(tree))

    assert any(p.startswith("config.step.owserver is used at") for p in problems)


def test_an_exception_message_with_other_placeholders_is_reported(
    tree: Path,
) -> None:
    (component(tree) / "failing.py").write_text(
        '"""Raises a translated error."""\n\n'
        "from homeassistant.exceptions import HomeAssistantError\n\n"
        "raise HomeAssistantError(translation_domain='onewire_own', "
        "translation_key='gone', translation_placeholders={'host': 'h'})\n"
    )

    def add_message(strings: dict[str, Any]) -> dict[str, Any]:
        strings["exceptions"]["gone"] = {"message": "No owserver at {address}."}
        return strings

    edit_json(component(tree) / "translations" / "en.json", add_message)

    problems, _ = check.check_translation_usage(component(tree))

    assert (
        "exceptions.gone.message needs placeholders ['address'], failing.py:5 gives ['host']"
        in problems
    )


def test_an_undeclared_integration_import_is_reported(tree: Path) -> None:
    (component(tree) / "history.py").write_text(
        '"""Reads the history."""\n\nfrom homeassistant.components import recorder\n'
    )

    problems, _ = check.check_component_imports(component(tree))

    assert problems == [
        "history.py:3 imports recorder, which is not in dependencies or after_dependencies"
    ]


def test_html_in_a_translation_is_reported(tree: Path) -> None:
    def add_html(strings: dict[str, Any]) -> dict[str, Any]:
        strings["config"]["step"]["user"]["description"] = "Choose <b>one</b>."
        return strings

    edit_json(component(tree) / "translations" / "en.json", add_html)

    problems, _ = check.check_translation_file(component(tree))

    assert problems == ["config.step.user.description: contains HTML"]


def test_main_exits_non_zero_when_a_check_fails(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (component(tree) / "brand" / "icon@2x.png").unlink()
    monkeypatch.setattr("sys.argv", ["check_integration.py", "--root", str(tree)])

    assert check.main() == 1
    assert "FAIL brand icons: brand/icon@2x.png is missing" in capsys.readouterr().out


def test_a_services_yaml_home_assistant_cannot_load_is_reported(tree: Path) -> None:
    (component(tree) / "services.yaml").write_text(
        "scan:\n  fields:\n    config_entry_id:\n      selector:\n        no_such_selector:\n"
    )

    problems, _ = check.check_services_yaml(component(tree))

    assert len(problems) == 1
    assert problems[0].startswith("services.yaml: ")


def test_an_icon_that_is_not_an_mdi_name_is_reported(tree: Path) -> None:
    edit_json(
        component(tree) / "icons.json",
        lambda icons: {
            **icons,
            "services": {**icons["services"], "scan": {"service": "magnify"}},
        },
    )

    problems, _ = check.check_icons(component(tree))

    assert problems == ["services.scan.service: 'magnify' is not an mdi:icon-name"]


def test_the_owfs_package_has_no_import_cycle_outside_its_object_model(
    tree: Path,
) -> None:
    assert check.check_owfs_import_cycles(component(tree)) == ([], [])


def test_a_model_module_importing_an_operation_is_a_reported_cycle(
    tree: Path,
) -> None:
    """Even only for type checking: poll imports device, device names the server."""
    server = component(tree) / "owfs" / "server.py"
    server.write_text(
        server.read_text().replace(
            "from .bus import Bus\n",
            "from .bus import Bus\n\nif TYPE_CHECKING:\n    from .poll import PollResult\n",
            1,
        )
    )

    problems, _ = check.check_owfs_import_cycles(component(tree))

    assert problems == [
        "owfs import cycle through access, bus, device, events, poll, server: "
        "only bus, device, events, server may import each other in a circle"
    ]


def test_a_cycle_between_two_operations_is_reported_whatever_the_import_form(
    tree: Path,
) -> None:
    scan = component(tree) / "owfs" / "scan.py"
    scan.write_text(
        scan.read_text()
        + "\n\ndef _late() -> None:\n"
        + "    import custom_components.onewire_own.owfs.scanner  # noqa: F401\n"
    )

    problems, _ = check.check_owfs_import_cycles(component(tree))

    assert problems == [
        "owfs import cycle through scan, scanner: "
        "only bus, device, events, server may import each other in a circle"
    ]
