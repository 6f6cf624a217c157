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
from dataclasses import dataclass, field
from pathlib import Path
import sys

from asset_checks import check_brand, check_icons, check_services_yaml
from manifest_checks import check_component_imports, check_hacs_json, check_manifest
from translation_checks import check_translation_file, check_translation_usage

__all__ = [
    "check_brand",
    "check_component_imports",
    "check_hacs_json",
    "check_icons",
    "check_manifest",
    "check_services_yaml",
    "check_translation_file",
    "check_translation_usage",
]

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "onewire_own"


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
    if report.failures:
        print(
            f"{len(report.failures)} problem(s): the integration would not pass HACS/hassfest"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
