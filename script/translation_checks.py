"""translations/*.json: en.json's own rules, every key the code uses, other languages.

en.json is built from strings.json (script/translations.py); every other
``translations/<lang>.json`` is written by a translator and must hold exactly
en.json's keys, with the same placeholders in each text.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
import re
from typing import Any

from check_support import Findings, load_json, lookup, walk_strings
from homeassistant.const import Platform
from homeassistant.generated.languages import LANGUAGES
import yaml  # type: ignore[import-untyped]

# hassfest: translation keys are lower-case slugs without doubled separators.
TRANSLATION_KEY = re.compile(r"^(?!.+[_-]{2})(?![_-])[a-z0-9-_]+(?<![_-])$")
HTML = re.compile(r"<[a-z].*?>", re.IGNORECASE)
PLACEHOLDER = re.compile(r"{([a-z0-9_]+)}")
FLOW_STEP_CALLS = frozenset(
    {"async_show_form", "async_show_menu", "async_show_progress", "async_external_step"}
)
PLATFORMS = frozenset(platform.value for platform in Platform)


# ------------------------------------------------------------ translations
def check_translation_file(component: Path) -> Findings:
    """translations/en.json: valid keys, non-empty strings, no HTML or references."""
    problems: list[str] = []
    strings = load_json(component / "translations" / "en.json", problems)
    if not isinstance(strings, dict):
        return problems or ["translations/en.json is not an object"], []
    for path, value in walk_strings(strings, ""):
        key = path.rsplit(".", 1)[-1]
        # Service fields and config data keys mirror code names; only slugs are valid.
        if not TRANSLATION_KEY.match(key):
            problems.append(f"{path}: key is not a lower-case slug")
        if isinstance(value, dict):
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{path}: must be a non-empty string")
        elif HTML.search(value):
            problems.append(f"{path}: contains HTML")
        elif "[%key:" in value:
            problems.append(
                f"{path}: unresolved reference (run script/translations.py)"
            )
        elif value != value.strip():
            problems.append(f"{path}: leading or trailing whitespace")
    return problems, []


class _CodeScanner:
    """Collect the translation keys the integration's Python code uses."""

    def __init__(self, component: Path) -> None:
        self.modules = {
            path: ast.parse(path.read_text(encoding="utf-8"))
            for path in sorted(component.rglob("*.py"))
        }
        self.bases: dict[str, list[str]] = {}
        for tree in self.modules.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    self.bases.setdefault(node.name, []).extend(
                        _name(b) for b in node.bases
                    )

    def ancestors(self, name: str) -> Iterator[str]:
        """The class and every ancestor known in the package, nearest first."""
        seen: set[str] = set()
        pending = [name]
        while pending:
            current = pending.pop(0)
            if current in seen:
                continue
            seen.add(current)
            yield current
            pending.extend(self.bases.get(current, []))

    def platform_of(self, class_name: str) -> str | None:
        """The entity platform a class belongs to (SensorEntity -> sensor)."""
        for ancestor in self.ancestors(class_name):
            for suffix in ("EntityDescription", "Entity"):
                if ancestor.endswith(suffix) and ancestor != suffix:
                    snake = re.sub(
                        r"(?<!^)(?=[A-Z])", "_", ancestor.removesuffix(suffix)
                    ).lower()
                    if snake in PLATFORMS:
                        return snake
        return None

    def flow_kind(self, class_name: str) -> str | None:
        """'config' for config flows, 'options' for options flows."""
        for ancestor in self.ancestors(class_name):
            if ancestor == "ConfigFlow":
                return "config"
            if ancestor.startswith("OptionsFlow"):
                return "options"
        return None


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Subscript):
        return _name(node.value)
    return ""


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _constant(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


@dataclass
class _Usage:
    """Translation paths the code needs, each with where it was seen."""

    required: dict[str, str] = field(default_factory=dict)
    placeholders: dict[str, tuple[set[str], str]] = field(default_factory=dict)
    # Every string literal in the code: keys handed to helper functions count as used.
    literals: set[str] = field(default_factory=set)

    def need(self, path: str, where: str) -> None:
        self.required.setdefault(path, where)


def _scan_flow_call(
    call: ast.Call, kind: str, function: str, usage: _Usage, where: str
) -> None:
    method = _name(call.func)
    if method in FLOW_STEP_CALLS and (step := _constant(_keyword(call, "step_id"))):
        usage.need(f"{kind}.step.{step}", where)
        options = _keyword(call, "menu_options")
        if method == "async_show_menu" and isinstance(options, (ast.List, ast.Tuple)):
            for option in options.elts:
                if (value := _constant(option)) is not None:
                    usage.need(f"{kind}.step.{step}.menu_options.{value}", where)
    elif method == "async_abort" and (reason := _constant(_keyword(call, "reason"))):
        usage.need(f"{kind}.abort.{reason}", where)
    elif method in {"_abort_if_unique_id_configured", "_async_abort_entries_match"}:
        usage.need(f"{kind}.abort.already_configured", where)
    elif method == "async_update_reload_and_abort" and _keyword(call, "reason") is None:
        reason = (
            "reauth_successful" if "reauth" in function else "reconfigure_successful"
        )
        usage.need(f"{kind}.abort.{reason}", where)


def collect_usage(component: Path) -> _Usage:
    """Every translation path the code refers to with a literal key."""
    scanner = _CodeScanner(component)
    usage = _Usage()
    for path, tree in scanner.modules.items():
        relative = path.relative_to(component)
        usage.literals.update(
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        )
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            kind = scanner.flow_kind(cls.name)
            platform = scanner.platform_of(cls.name)
            for node in ast.walk(cls):
                where = f"{relative}:{getattr(node, 'lineno', cls.lineno)}"
                if platform and isinstance(node, (ast.Assign, ast.AnnAssign)):
                    targets = (
                        node.targets if isinstance(node, ast.Assign) else [node.target]
                    )
                    value = _constant(node.value)
                    if value and any(
                        _name(t) == "_attr_translation_key" for t in targets
                    ):
                        usage.need(f"entity.{platform}.{value}", where)
                if kind and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    for call in (c for c in ast.walk(node) if isinstance(c, ast.Call)):
                        _scan_flow_call(
                            call, kind, node.name, usage, f"{relative}:{call.lineno}"
                        )
                    for assign in (
                        a for a in ast.walk(node) if isinstance(a, ast.Assign)
                    ):
                        if (
                            isinstance(target := assign.targets[0], ast.Subscript)
                            and _name(target.value) == "errors"
                            and (error := _constant(assign.value))
                        ):
                            usage.need(
                                f"{kind}.error.{error}", f"{relative}:{assign.lineno}"
                            )
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            where = f"{relative}:{call.lineno}"
            key = _constant(_keyword(call, "translation_key"))
            if key is None:
                continue
            if _keyword(call, "translation_domain") is not None:
                usage.need(f"exceptions.{key}.message", where)
                given = _keyword(call, "translation_placeholders")
                if isinstance(given, ast.Dict) and all(
                    _constant(k) for k in given.keys if k
                ):
                    names = {_constant(k) or "" for k in given.keys if k}
                    usage.placeholders[f"exceptions.{key}.message"] = (names, where)
            elif (platform := scanner.platform_of(_name(call.func))) is not None:
                usage.need(f"entity.{platform}.{key}", where)
            elif _name(call.func) == "SelectSelectorConfig":
                usage.need(f"selector.{key}", where)
    return usage


def _service_fields(spec: Any) -> list[str]:
    """Field names of one services.yaml action, sections flattened."""
    fields: list[str] = []
    for name, field_spec in dict((spec or {}).get("fields", {})).items():
        if isinstance(field_spec, dict) and "fields" in field_spec:
            fields.extend(field_spec["fields"])
        else:
            fields.append(name)
    return fields


def _service_problems(component: Path, strings: Any) -> list[str]:
    """Each action needs a name, a description, field names and an icon."""
    services_file = component / "services.yaml"
    if not services_file.is_file():
        return []
    services = yaml.safe_load(services_file.read_text(encoding="utf-8")) or {}
    icons_file = component / "icons.json"
    icons = load_json(icons_file, []) if icons_file.is_file() else {}
    wanted = [
        f"services.{service}.{part}"
        for service, spec in services.items()
        for part in (
            "name",
            "description",
            *(f"fields.{f}.name" for f in _service_fields(spec)),
        )
    ]
    problems = [
        f"{path} is missing from en.json"
        for path in wanted
        if not lookup(strings, path)
    ]
    problems.extend(
        f"icons.json has no icon for the action {service}"
        for service in services
        if not lookup(icons, f"services.{service}")
    )
    return problems


def check_translation_usage(component: Path) -> Findings:
    """Every translation key used in code, and every action, has its text."""
    problems: list[str] = []
    strings = load_json(component / "translations" / "en.json", problems) or {}
    usage = collect_usage(component)
    problems.extend(
        f"{path} is used at {where} but missing from en.json"
        for path, where in sorted(usage.required.items())
        if lookup(strings, path) is None
    )
    for path, (given, where) in sorted(usage.placeholders.items()):
        message = lookup(strings, path)
        if (
            isinstance(message, str)
            and (wanted := set(PLACEHOLDER.findall(message))) != given
        ):
            problems.append(
                f"{path} needs placeholders {sorted(wanted)}, {where} gives {sorted(given)}"
            )
    problems.extend(_service_problems(component, strings))
    warnings = [
        f"entity.{platform}.{key} does not appear in the code (unused?)"
        for platform, keys in (strings.get("entity") or {}).items()
        for key in keys
        if f"entity.{platform}.{key}" not in usage.required
        and key not in usage.literals
    ]
    return problems, warnings


# -------------------------------------------------------------- languages
def _leaves(strings: Any) -> dict[str, Any]:
    """Every dotted path whose value is not an object, with that value."""
    return {
        path: value
        for path, value in walk_strings(strings, "")
        if not isinstance(value, dict)
    }


def compare_language(english: Any, translated: Any) -> list[str]:
    """What keeps a translation from standing in for en.json, one line per text."""
    if not isinstance(translated, dict):
        return ["is not a JSON object"]
    wanted = _leaves(english)
    given = _leaves(translated)
    problems = [f"{path}: missing" for path in wanted if path not in given]
    problems.extend(
        f"{path}: not in en.json (extra key)" for path in given if path not in wanted
    )
    for path, text in given.items():
        if path not in wanted:
            continue
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{path}: must be a non-empty string")
            continue
        if "[%key:" in text:
            # Home Assistant resolves references only in core's build, never at run time.
            problems.append(
                f"{path}: a [%key:...%] reference is shown as is; write the text"
            )
        if (found := set(PLACEHOLDER.findall(text))) != (
            expected := set(PLACEHOLDER.findall(wanted[path]))
        ):
            problems.append(
                f"{path}: placeholders {_braced(found)} instead of {_braced(expected)}"
            )
    return problems


def _braced(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"


def check_languages(component: Path) -> list[str]:
    """Every translations/<lang>.json against en.json, problems prefixed by file name."""
    problems: list[str] = []
    folder = component / "translations"
    english = load_json(folder / "en.json", problems)
    if english is None:
        return problems
    for path in sorted(folder.glob("*.json")):
        if path.name == "en.json":
            continue
        if path.stem not in LANGUAGES:
            problems.append(
                f"{path.name}: {path.stem} is not a Home Assistant language"
            )
        translated = load_json(path, problems)
        if translated is not None:
            problems.extend(
                f"{path.name}: {line}" for line in compare_language(english, translated)
            )
    return problems
