"""The files Home Assistant loads besides code: brand icons, services.yaml, icons.json."""

from pathlib import Path
import re

from check_support import Findings, load_json, lookup, walk_strings
from homeassistant.helpers import service as service_helper
from PIL import Image
import voluptuous as vol
import yaml  # type: ignore[import-untyped]

# Home Assistant serves these from custom_components/<domain>/brand/.
BRAND_ICONS = {"icon.png": (256, 256), "icon@2x.png": (512, 512)}


# ------------------------------------------------------------- brand icons
def check_brand(component: Path) -> Findings:
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
def check_services_yaml(component: Path) -> Findings:
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


def check_icons(component: Path) -> Findings:
    """icons.json: mdi icons only, for entity keys and actions that exist."""
    problems: list[str] = []
    path = component / "icons.json"
    if not path.is_file():
        return [], []
    icons = load_json(path, problems) or {}
    strings = load_json(component / "translations" / "en.json", problems) or {}
    for icon_path, value in walk_strings(icons, ""):
        if isinstance(value, str) and not MDI_ICON.match(value):
            problems.append(f"{icon_path}: {value!r} is not an mdi:icon-name")
    problems.extend(
        f"icons.json entity.{platform}.{key} has no translation key entity.{platform}.{key}"
        for platform, keys in (icons.get("entity") or {}).items()
        for key in keys
        if lookup(strings, f"entity.{platform}.{key}") is None
    )
    return problems, []
