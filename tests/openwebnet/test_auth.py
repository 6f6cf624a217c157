"""Password computations, checked against the vectors of PROTOCOLS.md §2."""

import hashlib

from hypothesis import given, strategies as st
import pytest

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


@pytest.mark.parametrize(
    ("nonce", "answer"),
    [(603356072, 25280520), (410501656, 119537670), (630292165, 4269684735)],
)
def test_open_password_matches_the_published_vectors(nonce: int, answer: int) -> None:
    assert open_password(12345, nonce) == answer
    assert open_password("12345", str(nonce)) == answer


def test_open_password_ignores_the_password_until_the_first_non_zero_digit() -> None:
    assert open_password(12345, "0") == 0
    assert open_password(12345, "0603356072") == open_password(12345, "603356072")


def test_hex_travels_as_two_decimal_digits_per_hex_digit() -> None:
    assert hex_to_digits("a0ff") == "10001515"
    assert digits_to_hex("10001515") == "a0ff"


@pytest.mark.parametrize("digits", ["1", "16", "1a", "0099"])
def test_digit_text_that_is_not_hex_is_refused(digits: str) -> None:
    with pytest.raises(ValueError, match="digit"):
        digits_to_hex(digits)


@given(st.text(alphabet="0123456789abcdef", max_size=128))
def test_hex_survives_the_decimal_digit_encoding(hex_text: str) -> None:
    assert digits_to_hex(hex_to_digits(hex_text)) == hex_text


@pytest.mark.parametrize(
    ("algorithm", "hash_name"),
    [(HashAlgorithm.SHA1, "sha1"), (HashAlgorithm.SHA256, "sha256")],
)
def test_digests_are_plain_hashes_of_the_hex_texts(
    algorithm: HashAlgorithm, hash_name: str
) -> None:
    def sha(text: str) -> str:
        return hashlib.new(hash_name, text.encode()).hexdigest()

    ra, rb = new_nonce(algorithm), new_nonce(algorithm)
    kab = sha("secret")
    assert client_digest(algorithm, ra, rb, "secret") == sha(
        ra + rb + "736F70653E" + "636F70653E" + kab
    )
    assert gateway_digest(algorithm, ra, rb, "secret") == sha(ra + rb + kab)


@pytest.mark.parametrize(
    ("algorithm", "wire_digits"),
    [(HashAlgorithm.SHA1, 80), (HashAlgorithm.SHA256, 128)],
)
def test_nonces_are_as_long_as_a_digest(
    algorithm: HashAlgorithm, wire_digits: int
) -> None:
    assert len(hex_to_digits(new_nonce(algorithm))) == wire_digits


def test_digest_comparison_ignores_hex_case() -> None:
    assert digests_match("abcd", "ABCD")
    assert not digests_match("abcd", "abce")
