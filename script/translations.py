"""Build translations/en.json from strings.json, resolving [%key:...%] references.

Home Assistant core resolves these references at build time; a custom
integration ships the resolved file. Run: .venv/bin/python script/translations.py
(``--check`` exits non-zero when en.json is out of date, or when any other
``translations/<lang>.json`` misses a key of en.json, has one en.json lacks, or
changes a text's placeholders; script/test runs that).
"""

import json
from pathlib import Path
import re
import sys
from typing import Any

import homeassistant
from translation_checks import check_languages

ROOT = Path(__file__).resolve().parent.parent
COMPONENT = ROOT / "custom_components" / "onewire_own"
REFERENCE = re.compile(r"\[%key:([a-z0-9_.:]+)%\]")


def _lookup(tree: dict[str, Any], dotted: str) -> str:
    node: Any = tree
    for part in dotted.replace("::", ".").split("."):
        node = node[part]
    if not isinstance(node, str):
        raise TypeError(f"{dotted} is not a string")
    return node


def resolve(strings: Any, common: dict[str, Any], own: dict[str, Any]) -> Any:
    """Return strings with every reference replaced by the text it names."""
    if isinstance(strings, dict):
        return {key: resolve(value, common, own) for key, value in strings.items()}

    def substitute(match: re.Match[str]) -> str:
        key = match.group(1)
        if key.startswith("common::"):
            return resolve(_lookup(common, key.removeprefix("common::")), common, own)
        if key.startswith("component::onewire_own::"):
            own_key = key.removeprefix("component::onewire_own::")
            return resolve(_lookup(own, own_key), common, own)
        raise KeyError(f"unsupported reference {key}")

    return REFERENCE.sub(substitute, strings)


def build(component: Path = COMPONENT) -> str:
    """Return the text en.json must have."""
    common = json.loads(
        (Path(homeassistant.__file__).parent / "strings.json").read_text()
    )["common"]
    own = json.loads((component / "strings.json").read_text())
    return json.dumps(resolve(own, common, own), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str], component: Path = COMPONENT) -> int:
    """Write en.json, or with --check compare it and every other language to it."""
    target = component / "translations" / "en.json"
    wanted = build(component)
    if "--check" not in argv:
        target.write_text(wanted)
        return 0
    if not target.exists() or target.read_text() != wanted:
        print("translations/en.json is out of date: run script/translations.py")
        return 1
    if problems := check_languages(component):
        print("\n".join(f"translations/{line}" for line in problems))
        print(
            f"{len(problems)} translation problem(s): every translations/<lang>.json "
            "holds exactly en.json's keys, with the same {placeholders}"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
