"""Check the integration the way HACS and hassfest would, without their tooling.

HACS validates ``hacs.json`` and the manifest keys it needs; hassfest validates
the manifest schema and key order, the translation file and that every
translation key the code uses exists. Neither runs offline against a working
tree, so this script reproduces the checks that matter for a custom
integration, plus the brand icon sizes Home Assistant serves from ``brand/``.

Run: ``.venv/bin/python script/check_integration.py`` (``script/test`` does).
Each check prints ``PASS``/``FAIL``/``WARN`` lines; any FAIL exits 1.
"""

import argparse
import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
import json
from pathlib import Path
import re
import sys
from typing import Any

from awesomeversion import AwesomeVersion, AwesomeVersionStrategy
import homeassistant
from homeassistant.const import Platform, __version__ as ha_version
from homeassistant.helpers import service as service_helper
from PIL import Image
import voluptuous as vol
import yaml  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "onewire_own"

# hassfest: custom integration manifest keys (INTEGRATION_MANIFEST_SCHEMA + version).
MANIFEST_KEYS = frozenset(
    {
        "domain",
        "name",
        "integration_type",
        "config_flow",
        "mqtt",
        "zeroconf",
        "ssdp",
        "bluetooth",
        "homekit",
        "dhcp",
        "usb",
        "documentation",
        "issue_tracker",
        "quality_scale",
        "requirements",
        "dependencies",
        "after_dependencies",
        "codeowners",
        "loggers",
        "disabled",
        "iot_class",
        "single_config_entry",
        "version",
        "import_executor",
    }
)
# HACS: what it reads from the manifest of an integration repository.
HACS_MANIFEST_KEYS = (
    "codeowners",
    "documentation",
    "domain",
    "issue_tracker",
    "name",
    "version",
)
IOT_CLASSES = frozenset(
    {
        "assumed_state",
        "calculated",
        "cloud_polling",
        "cloud_push",
        "local_polling",
        "local_push",
    }
)
INTEGRATION_TYPES = frozenset(
    {"device", "entity", "hardware", "helper", "hub", "service", "system"}
)
VERSION_STRATEGIES = [
    AwesomeVersionStrategy.CALVER,
    AwesomeVersionStrategy.SEMVER,
    AwesomeVersionStrategy.SIMPLEVER,
    AwesomeVersionStrategy.BUILDVER,
    AwesomeVersionStrategy.PEP440,
]
# HACS: HACS_MANIFEST_JSON_SCHEMA, extra keys prevented.
HACS_JSON_KEYS: dict[str, type | tuple[type, ...]] = {
    "content_in_root": bool,
    "country": (str, list),
    "filename": str,
    "hacs": str,
    "hide_default_branch": bool,
    "homeassistant": str,
    "persistent_directory": str,
    "render_readme": bool,
    "zip_release": bool,
    "name": str,
}
# hassfest: translation keys are lower-case slugs without doubled separators.
TRANSLATION_KEY = re.compile(r"^(?!.+[_-]{2})(?![_-])[a-z0-9-_]+(?<![_-])$")
HTML = re.compile(r"<[a-z].*?>", re.IGNORECASE)
PLACEHOLDER = re.compile(r"{([a-z0-9_]+)}")
# Home Assistant serves these from custom_components/<domain>/brand/.
BRAND_ICONS = {"icon.png": (256, 256), "icon@2x.png": (512, 512)}
FLOW_STEP_CALLS = frozenset(
    {"async_show_form", "async_show_menu", "async_show_progress", "async_external_step"}
)
PLATFORMS = frozenset(platform.value for platform in Platform)
# hassfest: integrations any integration may import without declaring them.
IMPORTABLE_WITHOUT_DEPENDENCY = PLATFORMS | {
    "alert",
    "automation",
    "conversation",
    "device_automation",
    "diagnostics",
    "frontend",
    "group",
    "homeassistant",
    "input_boolean",
    "input_button",
    "input_datetime",
    "input_number",
    "input_select",
    "input_text",
    "media_source",
    "onboarding",
    "panel_custom",
    "persistent_notification",
    "person",
    "repairs",
    "script",
    "shopping_list",
    "stream",
    "sun",
    "system_health",
    "system_log",
    "timer",
    "webhook",
    "websocket_api",
    "zone",
}
DISCOVERY_MATCHERS = ("bluetooth", "dhcp", "mqtt", "ssdp", "usb", "zeroconf")
COMPONENT_IMPORT = re.compile(r"^homeassistant\.components\.([a-z0-9_]+)")


@dataclass
class Report:
    """The outcome of every check, printed as it is collected."""

    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def check(self, name: str, problems: list[str], warnings: list[str]) -> None:
        """Record one named check: it fails when it found problems."""
        for warning in warnings:
            print(f"WARN {name}: {warning}")
        self.warnings.extend(f"{name}: {w}" for w in warnings)
        if problems:
            for problem in problems:
                print(f"FAIL {name}: {problem}")
            self.failures.extend(f"{name}: {p}" for p in problems)
        else:
            print(f"PASS {name}")


def _load_json(path: Path, problems: list[str]) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path.name} is missing")
    except ValueError as err:
        problems.append(f"{path.name} is not valid JSON: {err}")
    return None


def _valid_version(value: object) -> bool:
    if not isinstance(value, str):
        return False
    return AwesomeVersion(value).strategy in VERSION_STRATEGIES


# ------------------------------------------------------------------ manifest
def check_manifest(component: Path) -> tuple[list[str], list[str]]:
    """Hassfest's manifest rules for a custom integration, and HACS's keys."""
    problems: list[str] = []
    warnings: list[str] = []
    manifest = _load_json(component / "manifest.json", problems)
    if not isinstance(manifest, dict):
        return problems or ["manifest.json is not an object"], warnings
    keys = list(manifest)
    problems.extend(
        f"'{key}' is required" for key in HACS_MANIFEST_KEYS if not manifest.get(key)
    )
    if unknown := sorted(set(keys) - MANIFEST_KEYS):
        problems.append(f"unknown keys {unknown}")
    wanted_order = sorted(keys, key=lambda k: {"domain": ".0", "name": ".1"}.get(k, k))
    if keys != wanted_order:
        problems.append(
            f"keys are not sorted (domain, name, then alphabetical): {wanted_order}"
        )
    if manifest.get("domain") != component.name:
        problems.append(
            f"domain {manifest.get('domain')!r} != directory {component.name!r}"
        )
    core = Path(homeassistant.__file__).parent / "components" / component.name
    if core.exists():
        warnings.append("domain collides with a built-in integration")
    if manifest.get("iot_class") not in IOT_CLASSES:
        problems.append(f"iot_class must be one of {sorted(IOT_CLASSES)}")
    if manifest.get("integration_type", "hub") not in INTEGRATION_TYPES:
        problems.append(f"integration_type must be one of {sorted(INTEGRATION_TYPES)}")
    if "version" in manifest and not _valid_version(manifest["version"]):
        problems.append(f"version {manifest['version']!r} is not a valid version")
    problems.extend(
        f"{key} must be an https URL"
        for key in ("documentation", "issue_tracker")
        if not str(manifest.get(key, "https://")).startswith("https://")
    )
    owners = manifest.get("codeowners", [])
    if not isinstance(owners, list) or not all(
        isinstance(o, str) and o.startswith("@") for o in owners
    ):
        problems.append("codeowners must be a list of @names")
    problems.extend(
        f"requirement {requirement!r} is not pinned with =="
        for requirement in manifest.get("requirements", [])
        if "==" not in requirement
    )
    problems.extend(
        f"{key}: {dependency!r} is not a Home Assistant integration"
        for key in ("dependencies", "after_dependencies")
        for dependency in manifest.get(key, [])
        if not (core.parent / dependency).is_dir()
    )
    for matcher in manifest.get("zeroconf", []):
        service = matcher if isinstance(matcher, str) else matcher.get("type", "")
        if not service.endswith(".local."):
            problems.append(f"zeroconf type {service!r} must end with '.local.'")
    if manifest.get("config_flow") and not (component / "config_flow.py").is_file():
        problems.append("config_flow is true but config_flow.py is missing")
    return problems, warnings


def _imported_modules(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """Every module name a tree imports, with its line."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module, node.lineno
            # "from homeassistant.components import zeroconf" imports zeroconf.
            yield from ((f"{node.module}.{a.name}", node.lineno) for a in node.names)
        elif isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)


def check_component_imports(component: Path) -> tuple[list[str], list[str]]:
    """hassfest: an integration the code imports must be a declared dependency."""
    manifest = _load_json(component / "manifest.json", []) or {}
    allowed = IMPORTABLE_WITHOUT_DEPENDENCY | {
        *manifest.get("dependencies", []),
        *manifest.get("after_dependencies", []),
        # A discovery matcher in the manifest allows importing its integration.
        *(key for key in DISCOVERY_MATCHERS if key in manifest),
    }
    problems = []
    for path in sorted(component.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for module, line in _imported_modules(tree):
            match = COMPONENT_IMPORT.match(module)
            if match and match.group(1) not in allowed:
                problems.append(
                    f"{path.relative_to(component)}:{line} imports {match.group(1)}, "
                    "which is not in dependencies or after_dependencies"
                )
    return problems, []


# ------------------------------------------------------------------ hacs.json
def check_hacs_json(root: Path, component: Path) -> tuple[list[str], list[str]]:
    """HACS's hacs.json schema, its minimum HA version, README and layout."""
    problems: list[str] = []
    hacs = _load_json(root / "hacs.json", problems)
    if not isinstance(hacs, dict):
        return problems or ["hacs.json is not an object"], []
    if not hacs.get("name"):
        problems.append("'name' is required")
    for key, value in hacs.items():
        if key not in HACS_JSON_KEYS:
            problems.append(f"unknown key {key!r}")
        elif not isinstance(value, HACS_JSON_KEYS[key]):
            problems.append(f"{key!r} has the wrong type")
    if (minimum := hacs.get("homeassistant")) is not None:
        if not _valid_version(minimum):
            problems.append(f"homeassistant {minimum!r} is not a valid version")
        elif AwesomeVersion(minimum) > AwesomeVersion(ha_version):
            problems.append(
                f"homeassistant {minimum} is newer than the tested {ha_version}"
            )
    if not hacs.get("content_in_root", False):
        integrations = [
            p
            for p in (root / "custom_components").iterdir()
            if p.is_dir() and not p.name.startswith((".", "__"))
        ]
        if integrations != [component]:
            problems.append(
                f"custom_components/ must hold exactly one integration: {integrations}"
            )
    if not (root / "README.md").is_file():
        problems.append("README.md is missing (HACS shows it as the description)")
    return problems, []


# ------------------------------------------------------------- brand icons
def check_brand(component: Path) -> tuple[list[str], list[str]]:
    """The brand images Home Assistant serves for a custom integration."""
    problems: list[str] = []
    brand = component / "brand"
    for name, size in BRAND_ICONS.items():
        path = brand / name
        if not path.is_file():
            problems.append(f"brand/{name} is missing")
            continue
        with Image.open(path) as image:
            if image.format != "PNG":
                problems.append(f"brand/{name} is {image.format}, not PNG")
            if image.size != size:
                problems.append(
                    f"brand/{name} is {image.size[0]}x{image.size[1]}, not {size[0]}x{size[1]}"
                )
            if image.mode not in {"RGBA", "LA", "P"}:
                problems.append(f"brand/{name} has no transparency ({image.mode})")
    return problems, []


# ------------------------------------------------------------ services.yaml
def check_services_yaml(component: Path) -> tuple[list[str], list[str]]:
    """services.yaml against the schema Home Assistant itself loads it with.

    A services.yaml Home Assistant cannot load breaks the frontend's action
    list for every integration (websocket ``get_services`` fails).
    """
    path = component / "services.yaml"
    if not path.is_file():
        return [], []
    try:
        service_helper._SERVICES_SCHEMA(
            yaml.safe_load(path.read_text(encoding="utf-8"))
        )
    except (vol.Invalid, yaml.YAMLError) as err:
        return [f"services.yaml: {err}"], []
    return [], []


# ---------------------------------------------------------------- icons.json
MDI_ICON = re.compile(r"^mdi:[a-z0-9]+(-[a-z0-9]+)*$")


def check_icons(component: Path) -> tuple[list[str], list[str]]:
    """icons.json: mdi icons only, for entity keys and actions that exist."""
    problems: list[str] = []
    path = component / "icons.json"
    if not path.is_file():
        return [], []
    icons = _load_json(path, problems) or {}
    strings = _load_json(component / "translations" / "en.json", problems) or {}
    for icon_path, value in _walk_strings(icons, ""):
        if isinstance(value, str) and not MDI_ICON.match(value):
            problems.append(f"{icon_path}: {value!r} is not an mdi:icon-name")
    problems.extend(
        f"icons.json entity.{platform}.{key} has no translation key entity.{platform}.{key}"
        for platform, keys in (icons.get("entity") or {}).items()
        for key in keys
        if _lookup(strings, f"entity.{platform}.{key}") is None
    )
    return problems, []


# ------------------------------------------------------------ translations
def _walk_strings(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield f"{path}.{key}" if path else key, value
            yield from _walk_strings(value, f"{path}.{key}" if path else key)


def _lookup(strings: Any, dotted: str) -> Any:
    node = strings
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def check_translation_file(component: Path) -> tuple[list[str], list[str]]:
    """translations/en.json: valid keys, non-empty strings, no HTML or references."""
    problems: list[str] = []
    strings = _load_json(component / "translations" / "en.json", problems)
    if not isinstance(strings, dict):
        return problems or ["translations/en.json is not an object"], []
    for path, value in _walk_strings(strings, ""):
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
    icons = _load_json(icons_file, []) if icons_file.is_file() else {}
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
        if not _lookup(strings, path)
    ]
    problems.extend(
        f"icons.json has no icon for the action {service}"
        for service in services
        if not _lookup(icons, f"services.{service}")
    )
    return problems


def check_translation_usage(component: Path) -> tuple[list[str], list[str]]:
    """Every translation key used in code, and every action, has its text."""
    problems: list[str] = []
    strings = _load_json(component / "translations" / "en.json", problems) or {}
    usage = collect_usage(component)
    problems.extend(
        f"{path} is used at {where} but missing from en.json"
        for path, where in sorted(usage.required.items())
        if _lookup(strings, path) is None
    )
    for path, (given, where) in sorted(usage.placeholders.items()):
        message = _lookup(strings, path)
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


def main() -> int:
    """Run every check and exit non-zero when one fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    args = parser.parse_args()
    root: Path = args.root
    component = root / "custom_components" / DOMAIN
    report = Report()
    report.check("manifest.json", *check_manifest(component))
    report.check(
        "imported integrations are declared", *check_component_imports(component)
    )
    report.check("hacs.json", *check_hacs_json(root, component))
    report.check("brand icons", *check_brand(component))
    report.check("services.yaml", *check_services_yaml(component))
    report.check("icons.json", *check_icons(component))
    report.check("translations/en.json", *check_translation_file(component))
    report.check(
        "translation keys used by the code", *check_translation_usage(component)
    )
    if report.failures:
        print(
            f"{len(report.failures)} problem(s): the integration would not pass HACS/hassfest"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
