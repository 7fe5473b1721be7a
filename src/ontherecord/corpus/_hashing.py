"""Stable hashing for text sketches: the same values in every process, on every machine.

The built-in ``hash()`` of a string is salted per process (``PYTHONHASHSEED``), so it can never go
into anything that is stored, compared across runs, or combined across workers. Everything here is
built from fixed, documented functions instead:

- a word is hashed with CRC-32 (``zlib.crc32``, the IEEE 802.3 polynomial) of its UTF-8 bytes;
- a word n-gram key combines its word hashes by 64-bit multiply-add with fixed odd constants
  (the golden-ratio constant ``0x9E3779B97F4A7C15`` and ``0xC2B2AE3D27D4EB4F``), so its top bits
  mix every word;
- a word bigram key is the two 32-bit word hashes side by side (``a << 32 | b``): exact identity up
  to CRC collisions;
- a whole-text digest is BLAKE2b with a 16-byte digest.

The functions are written for speed in pure Python: ``map`` over C functions and list
comprehensions, one pass per text.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from itertools import compress, repeat
from operator import add, and_, lshift, not_, or_

__all__ = [
    "MASK64",
    "bigram_keys",
    "digest",
    "sampled_trigram_keys",
    "trigram_keys",
    "word_hashes",
]

MASK64 = (1 << 64) - 1
_K1 = 0x9E3779B97F4A7C15  # 2**64 / golden ratio, odd
_K2 = 0xC2B2AE3D27D4EB4F  # the xxHash64 prime 2, odd


def word_hashes(words: Sequence[str]) -> list[int]:
    """Return the CRC-32 of each word's UTF-8 bytes (32-bit unsigned ints), in order."""
    return list(map(zlib.crc32, map(str.encode, words)))


def trigram_keys(hashes: Sequence[int]) -> list[int]:
    """Return one 64-bit key per word trigram, in order (empty for fewer than three words).

    ``key = ((a << 32 | b) * K1 + c * K2) mod 2**64`` for word hashes ``a, b, c``.
    """
    return [
        (((a << 32) | b) * _K1 + c * _K2) & MASK64
        for a, b, c in zip(hashes, hashes[1:], hashes[2:], strict=False)
    ]


def sampled_trigram_keys(hashes: Sequence[int], bits: int) -> list[int]:
    """Return the keys of the word trigrams chosen by content: those whose word hashes sum to a
    multiple of ``2**bits`` (``(a + b + c) mod 2**bits == 0``), about one in ``2**bits``.

    The choice depends on the trigram alone, so two texts that share a run of words choose the
    same trigrams in it (Broder's MOD-m sampling). The test runs in C (``map`` over ``operator``
    functions); only the chosen trigrams get a key, as :func:`trigram_keys` computes it.
    """
    mask = (1 << bits) - 1
    sums = map(add, map(add, hashes, hashes[1:]), hashes[2:])
    chosen = compress(
        zip(hashes, hashes[1:], hashes[2:], strict=False),
        map(not_, map(and_, sums, repeat(mask))),
    )
    return [(((a << 32) | b) * _K1 + c * _K2) & MASK64 for a, b, c in chosen]


def bigram_keys(hashes: Sequence[int]) -> set[int]:
    """Return the set of word bigram keys ``a << 32 | b`` of a sequence of word hashes."""
    return set(map(or_, map(lshift, hashes, repeat(32)), hashes[1:]))


def digest(text: str) -> str:
    """Return the hex BLAKE2b-128 digest of ``text`` encoded as UTF-8."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
