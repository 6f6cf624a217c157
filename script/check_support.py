"""Helpers the integration checks share: reading JSON, versions, nested keys."""

from collections.abc import Iterator
import json
from pathlib import Path
from typing import Any

from awesomeversion import AwesomeVersion, AwesomeVersionStrategy

VERSION_STRATEGIES = [
    AwesomeVersionStrategy.CALVER,
    AwesomeVersionStrategy.SEMVER,
    AwesomeVersionStrategy.SIMPLEVER,
    AwesomeVersionStrategy.BUILDVER,
    AwesomeVersionStrategy.PEP440,
]

type Findings = tuple[list[str], list[str]]  # (problems, warnings) of one check


def load_json(path: Path, problems: list[str]) -> Any:
    """The parsed file, or None with the reason added to problems."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path.name} is missing")
    except ValueError as err:
        problems.append(f"{path.name} is not valid JSON: {err}")
    return None


def valid_version(value: object) -> bool:
    """Whether value is a version string HACS and hassfest accept."""
    if not isinstance(value, str):
        return False
    return AwesomeVersion(value).strategy in VERSION_STRATEGIES


def walk_strings(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every (dotted path, value) pair of a nested dict, parents first."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield f"{path}.{key}" if path else key, value
            yield from walk_strings(value, f"{path}.{key}" if path else key)


def lookup(strings: Any, dotted: str) -> Any:
    """The value at a dotted path, or None."""
    node = strings
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node
