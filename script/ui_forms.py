"""What script/ui_check types, ticks and picks in a form, decided from the form itself.

Pure functions over a form step as the frontend holds it (the flow API's
answer: ``data_schema`` with each field's selector, default and suggested
value), so that they are tested without a browser:

- ``plan_answers``: the value to enter in each field of a form. The walk's
  own answers come first (a value, or a choice among the field's options);
  then every field without a value gets one taken from the field: the first
  option of a select (ticked in a multiple select, so that the steps that
  follow from a choice are walked too), the minimum of a number, a ticked
  box, ``ui-check`` in a required text. A field that already has a value
  keeps it, and an optional text stays empty;
- ``unheld``: the fields whose value the form does not hold after the walk
  entered it (the form's data, read back from the page, is what it submits).

A select with custom values and no option (a light group number nobody has
used yet) can only be answered by the walk: it is an error to meet one
without an answer, not a guess.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from ui_texts import flat_fields, select_options


class FromField:
    """The answer "take it from the field": its first option, its minimum..."""

    def __repr__(self) -> str:
        """How it reads in an answers table."""
        return "FROM_FIELD"


FROM_FIELD: Final = FromField()
#: What the walk answers a field: a value, FROM_FIELD, or a choice among the
#: field's option values (a function of them).
type Answer = Any | FromField | Callable[[list[str]], Any]
#: A step's answers, by field name.
type Answers = Mapping[str, Answer]
TEXT_ANSWER: Final = "ui-check"


class FormError(RuntimeError):
    """A field the walk cannot answer from what the form offers."""


def fields_of(step: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The fields of a form step, sections' fields included."""
    return [field for _, field in flat_fields(step.get("data_schema") or [])]


def field_kind(field: Mapping[str, Any]) -> str:
    """text, number, boolean, select or multi_select, from a serialized field."""
    selector = field.get("selector") or {}
    if "select" in selector:
        return "multi_select" if selector["select"].get("multiple") else "select"
    if "number" in selector or field.get("type") in {"integer", "float"}:
        return "number"
    if "boolean" in selector or field.get("type") == "boolean":
        return "boolean"
    if field.get("type") in {"select", "multi_select"}:
        return str(field["type"])
    return "text"


def custom_values(field: Mapping[str, Any]) -> bool:
    """Whether a select takes values that are not among its options."""
    select = (field.get("selector") or {}).get("select") or {}
    return bool(select.get("custom_value"))


def option_label(field: Mapping[str, Any], value: str) -> str | None:
    """An option's own label (what the picker lists and searches), or None.

    None for options translated by a translation_key: their label is in the
    language's file, not in the step.
    """
    select = (field.get("selector") or {}).get("select")
    if select is None:
        return next(
            (
                str(option[1])
                for option in field.get("options", [])
                if option[0] == value
            ),
            None,
        )
    if select.get("translation_key"):
        return None
    for option in select.get("options", []):
        if isinstance(option, Mapping) and option.get("value") == value:
            return str(option.get("label", value))
        if option == value:
            return value
    return None


def has_value(field: Mapping[str, Any]) -> bool:
    """Whether the form shows the field filled in already (a default or a suggestion)."""
    suggested = (field.get("description") or {}).get("suggested_value")
    return any(
        value not in (None, "", []) for value in (field.get("default"), suggested)
    )


def value_from_field(field: Mapping[str, Any]) -> Any:
    """A value the field itself offers: its first option, its minimum, a tick."""
    kind = field_kind(field)
    name = field["name"]
    match kind:
        case "select" | "multi_select":
            options = select_options(field)
            if not options:
                what = "a value to type" if custom_values(field) else "an option"
                raise FormError(
                    f"{name}: the select offers no option and the walk has no "
                    f"answer for it ({what} is needed)"
                )
            return [options[0]] if kind == "multi_select" else options[0]
        case "number":
            number = (field.get("selector") or {}).get("number") or {}
            minimum = number.get("min", field.get("valueMin"))
            return 1 if minimum is None else minimum
        case "boolean":
            return True
        case _:
            return TEXT_ANSWER


def resolve(field: Mapping[str, Any], answer: Answer) -> Any:
    """The concrete value of an answer for a field."""
    if isinstance(answer, FromField):
        return value_from_field(field)
    if callable(answer):
        return answer(select_options(field))
    return answer


def plan_answers(step: Mapping[str, Any], answers: Answers) -> dict[str, Any]:
    """The value to enter in each field the walk fills, by field name (form order)."""
    planned: dict[str, Any] = {}
    for field in fields_of(step):
        name = field["name"]
        if name in answers:
            answer = answers[name]
        elif has_value(field):
            continue
        elif field_kind(field) == "text" and not field.get("required"):
            continue  # an optional password or code: nothing a person must type
        else:
            answer = FROM_FIELD
        value = resolve(field, answer)
        check_choice(field, value)
        planned[name] = value
    return planned


def check_choice(field: Mapping[str, Any], value: Any) -> None:
    """Refuse a select value the field cannot take (not offered, no custom values)."""
    kind = field_kind(field)
    if kind not in {"select", "multi_select"} or custom_values(field):
        return
    options = select_options(field)
    chosen: Sequence[Any] = value if kind == "multi_select" else [value]
    if stray := [v for v in chosen if v not in options]:
        raise FormError(f"{field['name']}: {stray} not among its options {options}")


def number_text(value: Any) -> str:
    """A number as a person types it: 4, not 4.0; 25.5 as is."""
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)


def holds(kind: str, wanted: Any, held: Any) -> bool:
    """Whether the form's value for a field is the one entered."""
    match kind:
        case "number":
            try:
                return held is not None and float(held) == float(wanted)
            except TypeError, ValueError:
                return False
        case "multi_select":
            return isinstance(held, list) and set(wanted) <= set(held)
        case "boolean":
            return held is bool(wanted)
        case _:
            return held is not None and str(held) == str(wanted)


def unheld(
    step: Mapping[str, Any], planned: Mapping[str, Any], data: Mapping[str, Any]
) -> list[str]:
    """The planned fields whose value the form's data does not hold, one line each."""
    kinds = {field["name"]: field_kind(field) for field in fields_of(step)}
    return [
        f"{name}: entered {wanted!r} but the form holds {data.get(name)!r}"
        for name, wanted in planned.items()
        if not holds(kinds[name], wanted, data.get(name))
    ]
