"""Payload armour (ITU-R M.1371 / IEC 61162 six-bit ASCII) and bit-level access.

An armoured payload character carries six bits: subtract 48, and if the result is over 40
subtract 8 more (AIVDM.adoc, "Payload Armoring"). Six bits are exactly two octal digits, so a
payload is turned into one Python integer by translating every character to its two octal
digits and parsing the whole string once: no per-bit loop.
"""

from __future__ import annotations

from typing import NamedTuple

# Armour alphabet: value v <-> character.
ARMOUR = "".join(chr(v + 48) if v < 40 else chr(v + 56) for v in range(64))
_ARMOUR_VALUE = {c: v for v, c in enumerate(ARMOUR)}
_TO_OCTAL = str.maketrans({c: f"{v:02o}" for v, c in enumerate(ARMOUR)})
_FROM_OCTAL = {f"{v:02o}": c for v, c in enumerate(ARMOUR)}

# Six-bit text alphabet of AIS string fields: 0-31 -> '@'..'_', 32-63 -> ' '..'?'.
SIXBIT = "".join(chr(v + 64) if v < 32 else chr(v) for v in range(64))
_SIXBIT_VALUE = {c: v for v, c in enumerate(SIXBIT)}


class ArmourError(ValueError):
    """A payload holds a character outside the armour alphabet, or bad fill bits."""


class Bits(NamedTuple):
    """Uninterpreted binary data: `nbits` bits, most significant first, held in `value`."""

    nbits: int
    value: int

    def hex(self) -> str:
        """gpsd's JSON form: the bits left-aligned in whole bytes, as hex."""
        if self.nbits == 0:
            return ""
        nbytes = (self.nbits + 7) // 8
        return (self.value << (nbytes * 8 - self.nbits)).to_bytes(nbytes, "big").hex()

    def gpsd(self) -> str:
        """The "data" member as gpsd prints it: "<bit count>:<hex>"."""
        return f"{self.nbits}:{self.hex()}"

    @classmethod
    def from_gpsd(cls, text: str) -> Bits:
        n, _, h = text.partition(":")
        nbits = int(n)
        nbytes = (nbits + 7) // 8
        value = int(h, 16) if h else 0
        return cls(nbits, value >> (nbytes * 8 - nbits) if nbits else 0)

    @classmethod
    def from_bytes(cls, data: bytes) -> Bits:
        return cls(len(data) * 8, int.from_bytes(data, "big"))


def unarmour(payload: str, fill: int = 0) -> tuple[int, int]:
    """Return (value, bit count) of an armoured payload; the fill bits are dropped."""
    if not 0 <= fill <= 5:
        raise ArmourError(f"fill bits must be 0-5, not {fill}")
    if not payload:
        return 0, 0
    octal = payload.translate(_TO_OCTAL)
    if len(octal) != 2 * len(payload):
        bad = next(c for c in payload if c not in _ARMOUR_VALUE)
        raise ArmourError(f"illegal armour character {bad!r}")
    try:
        value = int(octal, 8)
    except ValueError:
        bad = next(c for c in payload if c not in _ARMOUR_VALUE)
        raise ArmourError(f"illegal armour character {bad!r}") from None
    nbits = 6 * len(payload) - fill
    if nbits < 0:
        raise ArmourError("fill bits exceed the payload")
    return value >> fill, nbits


def armour(value: int, nbits: int) -> tuple[str, int]:
    """Armour `nbits` bits held in `value`; return (payload, fill bits)."""
    if nbits == 0:
        return "", 0
    fill = (-nbits) % 6
    chars = (nbits + fill) // 6
    octal = format(value << fill, "o").zfill(2 * chars)
    return "".join(_FROM_OCTAL[octal[i : i + 2]] for i in range(0, 2 * chars, 2)), fill


def sixbit_decode(value: int, nchars: int) -> str:
    """Six-bit text of `nchars` characters, verbatim (no stripping)."""
    out = []
    for shift in range(6 * (nchars - 1), -1, -6):
        out.append(SIXBIT[(value >> shift) & 0x3F])
    return "".join(out)


def clean_text(text: str) -> str:
    """Strip an AIS string the way the standard intends: cut at the first '@', then trailing
    spaces (AIVDM.adoc: garbage after the terminating '@' is discarded)."""
    at = text.find("@")
    if at >= 0:
        text = text[:at]
    return text.rstrip(" ")


def sixbit_encode(text: str, nchars: int) -> int:
    """Encode text into `nchars` six-bit characters, padding with '@'. Lower case is folded
    to upper case; a character outside the alphabet raises ValueError."""
    if len(text) > nchars:
        raise ValueError(f"text {text!r} is longer than {nchars} characters")
    value = 0
    for c in text.upper().ljust(nchars, "@"):
        v = _SIXBIT_VALUE.get(c)
        if v is None:
            raise ValueError(f"character {c!r} cannot be sent in AIS six-bit text")
        value = (value << 6) | v
    return value


def is_sixbit(text: str) -> bool:
    return all(c in _SIXBIT_VALUE for c in text)
