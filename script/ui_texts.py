"""What a screen of the integration must show in a language, and what it must never show.

Pure functions over the integration's translation files and the texts a page
shows (text nodes, labels, input values, read by script/ui_check.py in the
browser), so that they are tested without a browser:

- ``step_texts``: the translated texts a config or options flow step must
  show (title, description, field labels and descriptions, menu options,
  select options, errors, abort reason), read from the step the frontend
  rendered;
- ``issue_texts``: the translated title and description a repair issue of
  the integration must show, filled with the issue's placeholders;
- ``defects``: raw translation keys (``component.onewire_own...``), unresolved
  ``[%key:...%]`` references, unfilled ``{placeholders}``, and, in another
  language than English, the integration's English texts left untranslated.
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
import json
from pathlib import Path
import re
from typing import Any

from repo import DOMAIN, ROOT

TRANSLATIONS = ROOT / "custom_components" / DOMAIN / "translations"
PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")
RAW_KEY = re.compile(rf"component\.{DOMAIN}\.[a-z0-9_.]+")
UNFILLED = re.compile(r"\{[a-z][a-z0-9_]*\}")
# Markdown the frontend renders away, and spacing it may change.
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
MARKDOWN_NOISE = re.compile(r"[\s*`_#>]+")
# A text is recognisable as the integration's own English only with some words in it.
MIN_LITERAL_LETTERS = 4
WORD_UNIT = re.compile(r"[A-Za-z]{4,}")  # "sessions"; not "ms", "s", "min", "kWh"


def load_translations(language: str, folder: Path = TRANSLATIONS) -> dict[str, Any]:
    """translations/<language>.json, parsed."""
    strings: dict[str, Any] = json.loads(
        (folder / f"{language}.json").read_text(encoding="utf-8")
    )
    return strings


def lookup(strings: Mapping[str, Any], dotted: str) -> str | None:
    """The text at a dotted path, or None."""
    node: Any = strings
    for part in dotted.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, str) else None


def fill(text: str, placeholders: Mapping[str, Any] | None) -> str:
    """The text with each {name} it has a value for replaced, as the frontend does."""
    values = placeholders or {}
    return PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0),
        text,
    )


def normalize(text: str) -> str:
    """Text reduced to what survives Markdown rendering: no spacing, no emphasis marks."""
    return MARKDOWN_NOISE.sub("", MARKDOWN_LINK.sub(r"\1", text))


@dataclass(frozen=True, slots=True)
class Expected:
    """A text the screen must show: its translation key and the text itself."""

    key: str
    text: str


@dataclass(frozen=True, slots=True)
class _Wanted:
    key: str
    required: bool  # without it the frontend shows a raw name


def flat_fields(
    schema: Iterable[Mapping[str, Any]],
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(translation prefix, field) for every field, inside sections too."""
    for field in schema:
        if field.get("type") == "expandable":
            for inner in field.get("schema", []):
                yield f"sections.{field['name']}.", inner
        else:
            yield "", field


def select_options(field: Mapping[str, Any]) -> list[str]:
    """The values a select field offers, from a selector or a plain vol.In."""
    select = (field.get("selector") or {}).get("select")
    if select is not None:
        return [
            option["value"] if isinstance(option, Mapping) else str(option)
            for option in select.get("options", [])
        ]
    return [str(option[0]) for option in field.get("options", [])]


def word_unit(number: Mapping[str, Any]) -> str | None:
    """A number selector's unit when it is a word (``sessions``), not a symbol (``ms``)."""
    unit = number.get("unit_of_measurement")
    return unit if isinstance(unit, str) and WORD_UNIT.fullmatch(unit) else None


def untranslatable_units(step: Mapping[str, Any]) -> list[str]:
    """Fields whose unit is an English word the frontend cannot translate.

    The frontend translates a number selector's unit only through the
    selector's translation_key (``selector.<key>.unit_of_measurement.<unit>``).
    """
    return [
        f"{field['name']}: unit {unit!r} is shown untranslated "
        "(the number selector has no translation_key)"
        for _, field in flat_fields(step.get("data_schema") or [])
        if (number := (field.get("selector") or {}).get("number")) is not None
        and (unit := word_unit(number))
        and not number.get("translation_key")
    ]


def _wanted(kind: str, step: Mapping[str, Any]) -> list[_Wanted]:
    """Every translation key a rendered step uses, and whether it may be absent."""
    base = f"{kind}.step.{step.get('step_id')}"
    wanted: list[_Wanted] = []
    match step.get("type"):
        case "menu":
            wanted += [
                _Wanted(f"{base}.title", False),
                _Wanted(f"{base}.description", False),
            ]
            options = step.get("menu_options") or []
            if isinstance(options, list):  # a dict brings its own (untranslated) labels
                wanted += [_Wanted(f"{base}.menu_options.{o}", True) for o in options]
        case "form":
            wanted += [
                _Wanted(f"{base}.title", False),
                _Wanted(f"{base}.description", False),
            ]
            for section in (
                f
                for f in step.get("data_schema") or []
                if f.get("type") == "expandable"
            ):
                wanted.append(_Wanted(f"{base}.sections.{section['name']}.name", True))
            for prefix, field in flat_fields(step.get("data_schema") or []):
                name = field["name"]
                wanted.append(_Wanted(f"{base}.{prefix}data.{name}", True))
                wanted.append(_Wanted(f"{base}.{prefix}data_description.{name}", False))
                select = (field.get("selector") or {}).get("select") or {}
                if key := select.get("translation_key"):
                    wanted += [
                        _Wanted(f"selector.{key}.options.{value}", True)
                        for value in select_options(field)
                    ]
                number = (field.get("selector") or {}).get("number") or {}
                if (unit := word_unit(number)) and (
                    key := number.get("translation_key")
                ):
                    wanted.append(
                        _Wanted(f"selector.{key}.unit_of_measurement.{unit}", True)
                    )
            wanted += [
                _Wanted(f"{kind}.error.{code}", True)
                for code in (step.get("errors") or {}).values()
            ]
        case "abort":
            wanted.append(_Wanted(f"{kind}.abort.{step.get('reason')}", True))
        case "progress":
            action = step.get("progress_action")
            wanted.append(_Wanted(f"{kind}.progress.{action}", True))
    return wanted


def step_texts(
    strings: Mapping[str, Any],
    english: Mapping[str, Any],
    kind: str,
    step: Mapping[str, Any],
) -> tuple[list[Expected], list[str]]:
    """The texts a flow step must show in strings' language, and what stops it.

    kind is "config" or "options"; step is the step as the frontend holds it
    (the flow API's answer). A text en.json has but strings lacks, or a field,
    menu option, error or select option that has no text even in en.json
    (the frontend then shows the raw name), is a problem; so is, in another
    language than English, a unit that is an English word.
    """
    expected: list[Expected] = []
    problems: list[str] = [] if strings == english else untranslatable_units(step)
    placeholders = step.get("description_placeholders")
    for want in _wanted(kind, step):
        text = lookup(strings, want.key)
        if text is not None:
            expected.append(Expected(want.key, fill(text, placeholders)))
        elif lookup(english, want.key) is not None:
            problems.append(f"{want.key} is in en.json but not translated")
        elif want.required:
            problems.append(f"{want.key} has no text: the raw name is shown")
    return expected, problems


def issue_texts(
    strings: Mapping[str, Any],
    english: Mapping[str, Any],
    issue: Mapping[str, Any],
    parts: Iterable[str] = ("title", "description"),
) -> tuple[list[Expected], list[str]]:
    """The texts a repair issue must show in strings' language, and what stops it.

    issue is the issue as the frontend holds it (``repairs/list_issues``:
    ``translation_key``, ``translation_placeholders``). Without a text even
    in en.json the frontend shows ``<domain>: <key>``.
    """
    expected: list[Expected] = []
    problems: list[str] = []
    base = f"issues.{issue.get('translation_key') or issue.get('issue_id')}"
    for part in parts:
        key = f"{base}.{part}"
        text = lookup(strings, key)
        if text is not None:
            filled = fill(text, issue.get("translation_placeholders"))
            expected.append(Expected(key, filled))
        elif lookup(english, key) is not None:
            problems.append(f"{key} is in en.json but not translated")
        else:
            problems.append(f"{key} has no text: the raw key is shown")
    return expected, problems


def missing_texts(expected: Iterable[Expected], shown: Iterable[str]) -> list[str]:
    """The expected texts the page does not show (compared without spacing or Markdown)."""
    page = normalize("".join(shown))
    return [
        f"{item.key}: {item.text!r} not shown"
        for item in expected
        if normalize(item.text) not in page
    ]


def _leaves(strings: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(strings, Mapping):
        for key, value in strings.items():
            yield from _leaves(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(strings, str):
        yield prefix, strings


def text_pattern(text: str) -> re.Pattern[str] | None:
    """A pattern matching the text with any value in its placeholders.

    None when the text has too few letters of its own to be told apart from
    other texts (``{attribute}``, ``Ok``).
    """
    literal = PLACEHOLDER.sub("", text)
    if sum(c.isalpha() for c in literal) < MIN_LITERAL_LETTERS:
        return None
    parts = PLACEHOLDER.split(text)  # literal, name, literal, name, ...
    regex = "".join(
        ".+?" if index % 2 else re.escape(re.sub(r"\s+", " ", part))
        for index, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)


def language_patterns(
    strings: Mapping[str, Any], section: str
) -> list[tuple[str, re.Pattern[str]]]:
    """(key, pattern) for every recognisable text under a top-level section."""
    return [
        (key, pattern)
        for key, text in _leaves(strings.get(section, {}), section)
        if (pattern := text_pattern(text)) is not None
    ]


def english_leftovers(
    english: Mapping[str, Any], strings: Mapping[str, Any]
) -> list[tuple[str, re.Pattern[str]]]:
    """(key, pattern) of each English text whose translation differs or is missing.

    Home Assistant shows the English text for a key the language lacks.
    """
    translated = dict(_leaves(strings))
    leftovers = []
    for key, text in _leaves(english):
        other = translated.get(key)
        if other == text:
            continue
        pattern = text_pattern(text)
        if pattern is not None and (other is None or not pattern.fullmatch(other)):
            leftovers.append((key, pattern))
    return leftovers


def defects(
    shown: Iterable[str], leftovers: Iterable[tuple[str, re.Pattern[str]]] = ()
) -> list[str]:
    """What no screen of the integration may show, one line per text."""
    patterns = list(leftovers)
    found: list[str] = []
    for raw in shown:
        text = " ".join(raw.split())
        if not text:
            continue
        if match := RAW_KEY.search(text):
            found.append(f"untranslated key shown: {match.group(0)}")
        if "[%key:" in text:
            found.append(f"unresolved reference shown: {text[:120]!r}")
        if match := UNFILLED.search(text):
            found.append(f"placeholder {match.group(0)} not filled in {text[:120]!r}")
        label = text.removesuffix("*").rstrip()  # a required field's label: "Port*"
        keys = [key for key, pattern in patterns if pattern.fullmatch(label)]
        # "Light groups" is that title, not "Light {where}" with "groups" in it.
        exact = [k for k, p in patterns if k in keys and p.pattern == re.escape(label)]
        found.extend(
            f"English text left in: {text[:120]!r} ({key})" for key in exact or keys
        )
    return list(dict.fromkeys(found))
