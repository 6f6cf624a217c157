"""Password computations of the OpenWebNet handshakes, for both sides.

Two schemes exist (PROTOCOLS.md §2, "Sessions and authentication"):

* the legacy OPEN password: the gateway sends a decimal nonce and the client
  answers ``open_password(password, nonce)``, a published 32-bit scramble of a
  numeric password;
* the HMAC handshake: both sides send a random nonce and prove they know the
  password with a hash over the concatenated lower-case hex texts. It is a
  plain hash, not RFC 2104 HMAC. On the wire every hex digit travels as two
  decimal digits (``a`` -> ``10``), see ``hex_to_digits``.

The gateway side (``gateway_digest``, and checking ``client_digest``) lives
here too so the simulator and the client cannot disagree.
"""

from enum import IntEnum
import hashlib
import hmac
import secrets
from typing import Final

_MASK: Final = 0xFFFFFFFF
#: The OPEN scheme computes in 32 bits: a gateway's numeric password has at
#: most 10 digits (4294967295). Gateways take 5 to 9.
OPEN_PASSWORD_MAX_DIGITS: Final = 10
CLIENT_CONSTANT: Final = "736F70653E"
GATEWAY_CONSTANT: Final = "636F70653E"


class HashAlgorithm(IntEnum):
    """The HMAC handshake's hash, as numbered in ``*98*N##``."""

    SHA1 = 1
    SHA256 = 2

    def hexdigest(self, text: str) -> str:
        """Lower-case hex hash of text (encoded as ASCII)."""
        name = "sha1" if self is HashAlgorithm.SHA1 else "sha256"
        return hashlib.new(name, text.encode("ascii")).hexdigest()

    @property
    def hex_length(self) -> int:
        """Hex characters of one digest or nonce (40 or 64)."""
        return 40 if self is HashAlgorithm.SHA1 else 64


def is_open_password(password: str) -> bool:
    """Whether password can be a gateway's OPEN password (1-10 ASCII digits).

    Anything else cannot be answered: ``int()`` takes no other digits (``²``,
    Arabic-Indic) and no more than 4300 of them.
    """
    return (
        0 < len(password) <= OPEN_PASSWORD_MAX_DIGITS
        and password.isascii()
        and password.isdigit()
    )


def open_password(password: str | int, nonce: str | int) -> int:
    """Answer the legacy OPEN nonce: the published OpenWebNet password function.

    Each decimal digit of the nonce selects a rotation/shuffle of the running
    32-bit value, which starts as the numeric password at the first non-zero
    digit. Leading zeros of the nonce matter, so pass it as text when it has any.
    """
    secret = int(password)
    started = False
    result = 0
    value = 0
    for digit in str(nonce):
        if digit != "0" and not started:
            value = secret
            started = True
        result, value = _scramble(digit, value)
        result &= _MASK
        value &= _MASK
        if digit not in "09":
            result |= value
        value = result
    return result


def _scramble(digit: str, value: int) -> tuple[int, int]:
    """One step of the OPEN password function: (new result, carried value)."""
    match digit:
        case "1":
            return (value & 0xFFFFFF80) >> 7, value << 25
        case "2":
            return (value & 0xFFFFFFF0) >> 4, value << 28
        case "3":
            return (value & 0xFFFFFFF8) >> 3, value << 29
        case "4":
            return value << 1, value >> 31
        case "5":
            return value << 5, value >> 27
        case "6":
            return value << 12, value >> 20
        case "7":
            shuffled = (
                (value & 0x0000FF00)
                | ((value & 0x000000FF) << 24)
                | ((value & 0x00FF0000) >> 16)
            )
            return shuffled, (value & 0xFF000000) >> 8
        case "8":
            return ((value & 0x0000FFFF) << 16) | (value >> 24), (
                value & 0x00FF0000
            ) >> 8
        case "9":
            return ~value, value
        case _:
            return value, value


def hex_to_digits(hex_text: str) -> str:
    """Write each hex digit as two decimal digits (``a0ff`` -> ``10001515``)."""
    return "".join(f"{int(char, 16):02d}" for char in hex_text)


def digits_to_hex(digits: str) -> str:
    """Read the decimal-digit form back into lower-case hex.

    Raises:
        ValueError: odd length, or a pair that is not 00-15.

    """
    if len(digits) % 2 or (digits and not digits.isdigit()):
        raise ValueError("decimal-digit hex must be pairs of digits")
    hex_chars = []
    for index in range(0, len(digits), 2):
        pair = int(digits[index : index + 2])
        if pair > 15:
            raise ValueError(f"{pair:02d} is not a hex digit")
        hex_chars.append(format(pair, "x"))
    return "".join(hex_chars)


def password_key(algorithm: HashAlgorithm, password: str) -> str:
    """``kab``: the hex hash of the password both sides hash with."""
    return algorithm.hexdigest(password)


def client_digest(
    algorithm: HashAlgorithm, gateway_nonce: str, client_nonce: str, password: str
) -> str:
    """H1, the client's proof: SHA(ra + rb + "736F70653E" + "636F70653E" + kab).

    Nonces are lower-case hex (``digits_to_hex`` of what travels); returns hex.
    """
    key = password_key(algorithm, password)
    return algorithm.hexdigest(
        gateway_nonce + client_nonce + CLIENT_CONSTANT + GATEWAY_CONSTANT + key
    )


def gateway_digest(
    algorithm: HashAlgorithm, gateway_nonce: str, client_nonce: str, password: str
) -> str:
    """H2, the gateway's proof: SHA(ra + rb + kab). Nonces and result in hex."""
    return algorithm.hexdigest(
        gateway_nonce + client_nonce + password_key(algorithm, password)
    )


def new_nonce(algorithm: HashAlgorithm) -> str:
    """A fresh random nonce in lower-case hex, as long as one digest."""
    return secrets.token_hex(algorithm.hex_length // 2)


def digests_match(expected: str, received: str) -> bool:
    """Compare digests in constant time (case-insensitive hex)."""
    return hmac.compare_digest(expected.lower(), received.lower())
