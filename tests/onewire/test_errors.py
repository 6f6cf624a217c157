"""Every owfs failure becomes its own translated message, with data only."""

import errno
import json
from pathlib import Path
import re

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.onewire.errors import (
    owserver_error,
    refuses_the_request,
)
from custom_components.onewire_own.owfs import (
    OwfsConnectionError,
    OwfsError,
    OwfsInvalidHostError,
    OwfsServerError,
    OwfsTimeoutError,
    OwfsUnknownHostError,
)
from custom_components.onewire_own.owfs.client import PATH_NOT_FOUND
from custom_components.onewire_own.owfs.errors import OwfsProtocolError

STRINGS = Path(__file__).parents[2] / "custom_components" / DOMAIN / "strings.json"
EXCEPTIONS = json.loads(STRINGS.read_text(encoding="utf-8"))["exceptions"]


@pytest.mark.parametrize(
    ("error", "key", "placeholders"),
    [
        (
            OwfsServerError(PATH_NOT_FOUND, "/28.000000000000/temperature"),
            "owserver_path_not_found",
            {"path": "/28.000000000000/temperature"},
        ),
        (
            OwfsServerError(errno.ENOENT, "/gone"),
            "owserver_path_not_found",
            {"path": "/gone"},
        ),
        (
            OwfsServerError(errno.EIO, "/28.4AEC29CDBAAB/temperature"),
            "owserver_refused",
            {
                "path": "/28.4AEC29CDBAAB/temperature",
                "errno": "5",
                "code": "EIO",
            },
        ),
        (OwfsInvalidHostError("label too long"), "owserver_invalid_host", {}),
        (OwfsUnknownHostError("no such name"), "owserver_unknown_host", {}),
        (OwfsTimeoutError("no answer in 5 s"), "owserver_timeout", {}),
        (OwfsConnectionError("refused"), "owserver_unreachable", {}),
        (OwfsProtocolError("garbage header"), "owserver_protocol_error", {}),
        (OwfsError("anything else"), "owserver_protocol_error", {}),
    ],
)
def test_each_failure_has_its_translated_message(
    error: OwfsError, key: str, placeholders: dict[str, str]
) -> None:
    built = owserver_error(HomeAssistantError, error, "owserver.local", 4304)

    assert type(built) is HomeAssistantError
    assert built.translation_domain == DOMAIN
    assert built.translation_key == key
    assert key in EXCEPTIONS
    assert built.translation_placeholders is not None
    assert placeholders.items() <= built.translation_placeholders.items()
    # Every placeholder the message uses is filled, never with the engine's
    # English text.
    used = set(re.findall(r"{(\w+)}", EXCEPTIONS[key]["message"]))
    assert used <= built.translation_placeholders.keys()
    assert str(error) not in built.translation_placeholders.values()


def test_the_path_of_the_request_wins_over_the_servers() -> None:
    built = owserver_error(
        HomeAssistantError,
        OwfsServerError(errno.EIO, "/uncached/28.4AEC29CDBAAB/temperature"),
        "127.0.0.1",
        4304,
        path="/28.4AEC29CDBAAB/temperature",
    )
    assert built.translation_placeholders is not None
    assert built.translation_placeholders["path"] == "/28.4AEC29CDBAAB/temperature"


def test_the_kind_asked_for_is_built() -> None:
    built = owserver_error(
        ServiceValidationError, OwfsServerError(errno.EINVAL, "/x"), "h", 1
    )
    assert isinstance(built, ServiceValidationError)


@pytest.mark.parametrize(
    ("error", "refused"),
    [
        (OwfsServerError(PATH_NOT_FOUND, "/x"), True),
        (OwfsServerError(errno.EINVAL, "/x"), True),
        (OwfsServerError(errno.EACCES, "/x"), True),
        (OwfsServerError(errno.EIO, "/x"), False),
        (OwfsServerError(errno.EBUSY, "/x"), False),
        (OwfsTimeoutError("slow"), False),
        (OwfsConnectionError("down"), False),
    ],
)
def test_only_a_refused_request_is_the_callers_mistake(
    error: OwfsError, refused: bool
) -> None:
    assert refuses_the_request(error) is refused
