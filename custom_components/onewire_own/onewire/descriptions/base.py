"""What every 1-Wire entity description has, and the value conversions they share."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from homeassistant.helpers.entity import EntityDescription

# Families that are the same chip under another code.
FAMILY_ALIASES: Mapping[str, str] = {"A6": "26"}
# Families whose entities depend on the model read from the device, not the family.
MODEL_FAMILIES = frozenset({"7E", "EF"})


@dataclass(frozen=True, kw_only=True)
class OwEntityDescription(EntityDescription):
    """A 1-Wire entity: which attribute it reads.

    Attributes:
        attribute: the owfs attribute, relative to the device. ``None`` means
            the entity shows whether the device is present on the bus.
        precision_selectable: the attribute is ``temperature`` and the options
            may replace it by ``temperature9`` .. ``temperature12``.
        probe: the attribute exists only with an optional add-on (TAI8570 on a
            DS2406): it is read once and the entity is made only if that works.
    """

    attribute: str | None
    precision_selectable: bool = False
    probe: bool = False


def as_number(value: object) -> float | int | None:
    """A polled value as a number (owserver sends text padded with spaces)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    text = value.decode() if isinstance(value, bytes) else str(value)
    text = text.strip()
    try:
        return float(text) if "." in text or "e" in text.lower() else int(text)
    except ValueError:
        return None


def as_bool(value: object) -> bool | None:
    """A polled yes/no value as a boolean."""
    number = as_number(value)
    return None if number is None else number != 0


def as_option(value: object) -> str | None:
    """A polled value as a select option (``12`` from ``"          12"``)."""
    number = as_number(value)
    return None if number is None else str(int(number))


def table_key(family: str, model: str | None) -> str:
    """The key of a device's entry in the description tables."""
    family = FAMILY_ALIASES.get(family, family)
    if family in MODEL_FAMILIES:
        return f"{family}/{model}"
    return family


type ValueFn[T] = Callable[[object], T]
