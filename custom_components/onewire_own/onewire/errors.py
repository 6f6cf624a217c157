"""One translation of every owfs error, for actions, entity writes and polls.

Each kind of failure has its own translated message, whose placeholders hold
only data (address, path, error number): the English text of the engine's
exceptions never reaches a translated message. The details stay in the
exception chain (``raise ... from err``) for the log.
"""

import errno as errno_codes

from homeassistant.exceptions import HomeAssistantError

from ..const import DOMAIN
from ..owfs import (
    OwfsConnectionError,
    OwfsError,
    OwfsInvalidHostError,
    OwfsServerError,
    OwfsTimeoutError,
    OwfsUnknownHostError,
)
from ..owfs.client import PATH_NOT_FOUND

#: What owserver answers when the request itself is wrong: a path it does not
#: have, a directory read as a value, a value or an operation the attribute
#: does not take. Anything else it answers (EIO, EBUSY, ETIMEDOUT...) is the
#: bus or the server failing to serve a right request.
REQUEST_ERRNOS = frozenset(
    {
        PATH_NOT_FOUND,
        errno_codes.ENOENT,
        errno_codes.ENOTDIR,
        errno_codes.EISDIR,
        errno_codes.EINVAL,
        errno_codes.ERANGE,
        errno_codes.ENAMETOOLONG,
        errno_codes.EACCES,
        errno_codes.EROFS,
        errno_codes.EOPNOTSUPP,
        errno_codes.ENOTSUP,
    }
)


def refuses_the_request(err: OwfsError) -> bool:
    """Whether owserver refused a request as asked (the caller's mistake).

    An action raises ServiceValidationError for these (Home Assistant answers
    HTTP 400 and the caller sees why), HomeAssistantError for the rest.
    """
    return isinstance(err, OwfsServerError) and err.errno in REQUEST_ERRNOS


def owserver_error[E: HomeAssistantError](
    kind: type[E], err: OwfsError, host: str, port: int, path: str | None = None
) -> E:
    """A translated error of kind (HomeAssistantError, UpdateFailed...) saying what failed.

    Args:
        kind: the Home Assistant exception class to build.
        err: what the owfs engine raised.
        host: the owserver's host, as configured.
        port: its port.
        path: the owfs path of the request, if the error concerns one.
    """
    placeholders = {"host": host, "port": str(port)}
    where = path or (err.path if isinstance(err, OwfsServerError) else "")
    match err:
        case OwfsServerError(errno=number) if number in (
            PATH_NOT_FOUND,
            errno_codes.ENOENT,
        ):
            key = "owserver_path_not_found"
            placeholders["path"] = where
        case OwfsServerError(errno=number):
            key = "owserver_refused"
            placeholders |= {
                "path": where,
                "errno": str(number),
                "code": errno_codes.errorcode.get(number, "?"),
            }
        case OwfsInvalidHostError():
            key = "owserver_invalid_host"
        case OwfsUnknownHostError():
            key = "owserver_unknown_host"
        case OwfsTimeoutError():
            key = "owserver_timeout"
        case OwfsConnectionError():
            key = "owserver_unreachable"
        case _:
            key = "owserver_protocol_error"
    return kind(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders,
    )
