"""The gateway side of the OpenWebNet authentication (PROTOCOLS.md §2.3-2.4).

Runs after the client chose its session type. ``open``: send a decimal nonce
and expect ``open_password(password, nonce)``. ``sha1``/``sha256``: offer
``*98*N##``, exchange nonces and digests as decimal-digit hex, prove the
gateway's own knowledge with H2 and wait for the client's ACK. The digest
functions are the client package's, so the two sides cannot drift apart in
arithmetic; the order of the exchange is written here from the protocol text.
"""

from collections.abc import Awaitable, Callable
from enum import StrEnum
import secrets

from custom_components.onewire_own.openwebnet.auth import (
    HashAlgorithm,
    client_digest,
    digests_match,
    digits_to_hex,
    gateway_digest,
    hex_to_digits,
    new_nonce,
    open_password,
)
from custom_components.onewire_own.openwebnet.frames import (
    ACK,
    Ack,
    AuthProof,
    AuthValue,
    Frame,
    HashOffer,
)


class AuthMode(StrEnum):
    """How the gateway asks a client to prove it knows the password."""

    NONE = "none"
    OPEN = "open"
    SHA1 = "sha1"
    SHA256 = "sha256"

    @property
    def algorithm(self) -> HashAlgorithm | None:
        """The HMAC hash of this mode, None for ``none`` and ``open``."""
        return {
            AuthMode.SHA1: HashAlgorithm.SHA1,
            AuthMode.SHA256: HashAlgorithm.SHA256,
        }.get(self)


class HandshakeAbortedError(Exception):
    """The client left the handshake (refused the algorithm, sent nonsense)."""


type ReadFrame = Callable[[], Awaitable[Frame | None]]
type SendFrame = Callable[[Frame], Awaitable[None]]


def open_nonce() -> str:
    """A nine-digit nonce for the legacy OPEN scheme."""
    return str(secrets.randbelow(900_000_000) + 100_000_000)


async def authenticate(
    mode: AuthMode,
    password: str,
    read: ReadFrame,
    send: SendFrame,
    on_verified: Callable[[], None],
) -> bool:
    """Run the handshake; True if the client proved the password, False if not.

    ``on_verified`` runs once the client's HMAC proof checks out, before the
    gateway sends its own digest: a client may act as soon as it has sent its
    final ACK, so the session must be open by then. The ``none`` and ``open``
    schemes end with the gateway's ACK, which the caller sends.

    Raises:
        HandshakeAbortedError: the client refused or broke off the exchange
            (not a failed login).
        TimeoutError: from ``read``, when the client stays silent.

    """
    if mode is AuthMode.OPEN:
        nonce = open_nonce()
        await send(AuthValue(nonce))
        answer = await read()
        return isinstance(answer, AuthValue) and answer.digits == str(
            open_password(password, nonce)
        )
    algorithm = mode.algorithm
    if algorithm is None:
        return True
    await send(HashOffer(int(algorithm)))
    if not isinstance(await read(), Ack):
        raise HandshakeAbortedError("client refused the hash algorithm")
    gateway_nonce = new_nonce(algorithm)
    await send(AuthValue(hex_to_digits(gateway_nonce)))
    proof = await read()
    if not isinstance(proof, AuthProof):
        return False
    try:
        client_nonce = digits_to_hex(proof.client_nonce)
        received_digest = digits_to_hex(proof.client_digest)
    except ValueError:
        return False
    expected = client_digest(algorithm, gateway_nonce, client_nonce, password)
    if not digests_match(expected, received_digest):
        return False
    digest = gateway_digest(algorithm, gateway_nonce, client_nonce, password)
    on_verified()
    await send(AuthValue(hex_to_digits(digest)))
    if await read() != ACK:
        raise HandshakeAbortedError("client did not accept the gateway's digest")
    return True
