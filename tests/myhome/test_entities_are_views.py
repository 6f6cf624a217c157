"""MyHOME entities are views: they read items and call item commands, nothing more.

The rule (issue 11) is checked on the source of every entity module of
``myhome/`` (the platform modules, ``entity.py``, ``platform.py``), so that it
holds for the systems added later too:

* no assignment to an attribute of anything but the entity itself
  (``item.is_dimmer = True``, ``self.item.x = …``), no ``setattr``;
* no call of an item's configuration methods (``configure_*``,
  ``keep_power_flowing``…) or of the protocol's internals (``get_item``,
  ``send``, ``handle``…): options and memory are the coordinator's;
* no frame built by hand (``Command(…)``): commands are item methods;
* no change to the registries (``async_remove``…): the coordinator's too.
"""

import ast
from pathlib import Path
from typing import Final

from homeassistant.const import Platform
import pytest

MYHOME = Path(__file__).parents[2] / "custom_components" / "onewire_own" / "myhome"
ENTITY_MODULES: Final = sorted(
    path.name
    for path in MYHOME.glob("*.py")
    if path.stem in {platform.value for platform in Platform}
    or path.stem in {"entity", "platform"}
)
# Item configuration and lifecycle: the coordinator's (or the protocol's) job.
FORBIDDEN_CALLS: Final = {
    "keep_power_flowing": "starts an item's background work",
    "stop_power_flow": "stops an item's background work",
    "enable_power_stream": "configures a meter",
    "dispose": "ends an item",
    "handle": "feeds an item a frame",
    "notify": "fires an item's callbacks",
    "refresh": "asks the bus outside the coordinator's sweeps",
    "get_item": "creates items",
    "send": "bypasses the items' commands and their NACK check",
    "async_send": "bypasses the items' commands and their NACK check",
    "Command": "builds a frame (an item's command does)",
    "StatusRequest": "builds a frame (an item's command does)",
    "DimensionRequest": "builds a frame (an item's command does)",
    "DimensionWrite": "builds a frame (an item's command does)",
    "setattr": "changes an attribute",
    "delattr": "changes an attribute",
    "async_remove": "changes a registry",
    "async_remove_device": "changes a registry",
    "async_update_entity": "changes a registry",
    "async_update_device": "changes a registry",
    "async_get_or_create": "changes a registry",
}


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def _targets(node: ast.AST) -> list[ast.expr]:
    match node:
        case ast.Assign(targets=targets) | ast.Delete(targets=targets):
            found = list(targets)
        case ast.AnnAssign(target=target) | ast.AugAssign(target=target):
            found = [target]
        case ast.NamedExpr(target=target):
            found = [target]
        case _:
            return []
    flat: list[ast.expr] = []
    while found:
        target = found.pop()
        if isinstance(target, ast.Tuple | ast.List):
            found.extend(target.elts)
        elif isinstance(target, ast.Starred):
            found.append(target.value)
        else:
            flat.append(target)
    return flat


def view_rule_violations(source: str) -> list[str]:
    """Every place in source that breaks the rule, as ``line: what``."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        problems.extend(
            f"{target.lineno}: assigns {ast.unparse(target)}"
            " (only the entity's own attributes may change)"
            for target in _targets(node)
            if isinstance(target, ast.Attribute) and not _is_self(target.value)
        )
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else ""
            name = func.id if isinstance(func, ast.Name) else name
            why = FORBIDDEN_CALLS.get(name)
            if why is None and name.startswith("configure_"):
                why = "configures an item"
            if why is not None:
                problems.append(f"{node.lineno}: calls {ast.unparse(func)} ({why})")
    return problems


def test_there_are_entity_modules_to_check() -> None:
    assert {"entity.py", "platform.py", "light.py", "cover.py", "sensor.py"} <= set(
        ENTITY_MODULES
    )


@pytest.mark.parametrize("module", ENTITY_MODULES)
def test_entity_module_only_reads_items_and_calls_their_commands(module: str) -> None:
    assert view_rule_violations((MYHOME / module).read_text()) == []


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("item.is_dimmer = True", "assigns item.is_dimmer"),
        ("self.item.position: int = 3", "assigns self.item.position"),
        ("a, light.brightness = 1, 2", "assigns light.brightness"),
        ("coordinator.settings += x", "assigns coordinator.settings"),
        ("setattr(item, 'is_on', True)", "calls setattr"),
        ("item.configure_travel_times(30, 30)", "calls item.configure_travel_times"),
        ("self.item.configure_dimmer()", "calls self.item.configure_dimmer"),
        ("meter.keep_power_flowing()", "calls meter.keep_power_flowing"),
        ("registry.async_remove(entity_id)", "calls registry.async_remove"),
        ("gateway.get_item(1, '12')", "calls gateway.get_item"),
        ("await self.coordinator.gateway.send(frame)", "calls self.coordinator"),
        ("Command(4, '303', (), where)", "calls Command (builds a frame"),
    ],
)
def test_the_check_finds_what_breaks_the_rule(source: str, problem: str) -> None:
    problems = view_rule_violations(source)
    assert len(problems) == 1
    assert problem in problems[0]


def test_an_entity_may_set_its_own_attributes_and_call_item_commands() -> None:
    source = (
        "self._attr_is_on = True\n"
        "self._held = False\n"
        "await self._command(self.item.turn_on(speed))\n"
        "value = self.item.brightness\n"
    )
    assert view_rule_violations(source) == []
