"""The exceptions of the owfs package, named after what went wrong.

Every error raised by the package is an :class:`OwfsError`, so a caller that
only wants to know "did the 1-Wire access work" catches one class.
"""

import os


class OwfsError(Exception):
    """Base class of every error raised by the owfs package."""


class OwfsConnectionError(OwfsError):
    """The owserver could not be reached, or the connection was lost."""


class OwfsInvalidHostError(OwfsConnectionError):
    """The host is no host name or address at all (``"a" * 64``, ``"../x"``).

    Nothing was sent: the text cannot even be looked up (a DNS label longer
    than 63 characters or an empty one, a NUL character, a lone surrogate).
    Retrying the same text can never work.
    """


class OwfsUnknownHostError(OwfsConnectionError):
    """The host name could not be resolved to an address (now).

    Often a typo; it can also be a name server that is down, so a
    configured server keeps being retried.
    """


class OwfsTimeoutError(OwfsConnectionError):
    """The owserver did not answer within the request timeout.

    It is a connection error because the connection that timed out is closed:
    its reply may still arrive and must never be read as another call's answer.
    """


class OwfsProtocolError(OwfsError):
    """The peer broke the owserver protocol (garbage header, absurd length...).

    The connection it happened on is closed and replaced.
    """


class OwfsServerError(OwfsError):
    """The owserver answered with an error code.

    Attributes:
        errno: the positive error number (2 ENOENT, 5 EIO, 22 EINVAL...).
        path: the owfs path of the request.
        text: the server's own description of the code, when it publishes
            one in ``/settings/return_codes/text.ALL``, else the C library's.
    """

    def __init__(self, errno: int, path: str, text: str | None = None) -> None:
        """Describe the failed request."""
        self.errno = errno
        self.path = path
        self.text = text if text is not None else os.strerror(errno)
        super().__init__(f"{path}: {self.text} (errno {errno})")
