"""Check the integration the way HACS and hassfest would, without their tooling.

HACS validates ``hacs.json`` and the manifest keys it needs; hassfest validates
the manifest schema and key order, the translation file and that every
translation key the code uses exists. Neither runs offline against a working
tree, so this script reproduces the checks that matter for a custom
integration, plus the brand icon sizes Home Assistant serves from ``brand/``.

It also checks one rule of this project's own architecture: in the owfs
package, only the object model (server, bus, device and the events naming
them) may import each other in a circle; operations depend on the model, the
model never on an operation.

Run: ``.venv/bin/python script/check_integration.py`` (``script/test`` does).
Each check prints ``PASS``/``FAIL``/``WARN`` lines; any FAIL exits 1.
"""

import argparse
import ast
from dataclasses import dataclass, field
from pathlib import Path
import sys

from asset_checks import check_brand, check_icons, check_services_yaml
from check_support import Findings
from manifest_checks import check_component_imports, check_hacs_json, check_manifest
from translation_checks import check_translation_file, check_translation_usage

__all__ = [
    "check_brand",
    "check_component_imports",
    "check_hacs_json",
    "check_icons",
    "check_manifest",
    "check_owfs_import_cycles",
    "check_services_yaml",
    "check_translation_file",
    "check_translation_usage",
]

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "onewire_own"
#: The owfs modules that may import each other in a circle: the object model's
#: back-references (Server <-> Bus <-> Device, and the events naming them).
OWFS_MODEL = frozenset({"server", "bus", "device", "events"})


def owfs_import_graph(package: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports, wherever the import stands.

    ``TYPE_CHECKING`` blocks and imports inside functions count: a cycle a
    type checker or a late import needs is still a cycle in the design.
    """
    modules = {path.stem for path in package.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for module in sorted(modules):
        tree = ast.parse((package / f"{module}.py").read_text(encoding="utf-8"))
        imported: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(_owfs_module(alias.name) or "" for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(_owfs_module(node.module or "") or "")
            elif isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module is not None:
                    imported.add(node.module.split(".")[0])
                else:  # from . import x: a module, or a name of __init__
                    imported.update(
                        alias.name if alias.name in modules else "__init__"
                        for alias in node.names
                    )
        graph[module] = (imported & modules) - {module}
    return graph


def _owfs_module(dotted: str) -> str | None:
    """``x`` of an absolute ``custom_components.<domain>.owfs.x`` import."""
    prefix = f"custom_components.{DOMAIN}.owfs."
    return (
        dotted.removeprefix(prefix).split(".")[0] if dotted.startswith(prefix) else None
    )


def import_cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.get(module, ())):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component: set[str] = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(component)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


def check_owfs_import_cycles(component: Path) -> Findings:
    """owfs/: no import cycle other than among the object model's modules."""
    package = component / "owfs"
    if not package.is_dir():
        return ["owfs/ is missing"], []
    return [
        f"owfs import cycle through {', '.join(sorted(cycle))}: only "
        f"{', '.join(sorted(OWFS_MODEL))} may import each other in a circle"
        for cycle in import_cycles(owfs_import_graph(package))
        if not cycle <= OWFS_MODEL
    ], []


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
    report.check("owfs import graph", *check_owfs_import_cycles(component))
    if report.failures:
        print(
            f"{len(report.failures)} problem(s): the integration would not pass HACS/hassfest"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
