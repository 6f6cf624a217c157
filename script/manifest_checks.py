"""hassfest's manifest rules, its dependency rule, and HACS's hacs.json rules."""

import ast
from collections.abc import Iterator
from pathlib import Path
import re

from awesomeversion import AwesomeVersion
from check_support import Findings, load_json, valid_version
import homeassistant
from homeassistant.const import Platform, __version__ as ha_version

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


# ------------------------------------------------------------------ manifest
def check_manifest(component: Path) -> Findings:
    """Hassfest's manifest rules for a custom integration, and HACS's keys."""
    problems: list[str] = []
    warnings: list[str] = []
    manifest = load_json(component / "manifest.json", problems)
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
    if "version" in manifest and not valid_version(manifest["version"]):
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


def check_component_imports(component: Path) -> Findings:
    """hassfest: an integration the code imports must be a declared dependency."""
    manifest = load_json(component / "manifest.json", []) or {}
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
def check_hacs_json(root: Path, component: Path) -> Findings:
    """HACS's hacs.json schema, its minimum HA version, README and layout."""
    problems: list[str] = []
    hacs = load_json(root / "hacs.json", problems)
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
        if not valid_version(minimum):
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
