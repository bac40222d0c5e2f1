"""Writer side: split an armoured payload into ``!AIVDM`` sentences."""

from __future__ import annotations

from functools import reduce
from operator import xor

from .sentence import is_armour

__all__ = ["MAX_FRAGMENTS", "frame"]

#: The fragment count is one digit.
MAX_FRAGMENTS = 9


def frame(
    payload: str,
    fill: int,
    *,
    channel: str = "A",
    talker: str = "AI",
    own: bool = False,
    seq_id: int | None = None,
    max_chars: int = 60,
) -> list[str]:
    """Split ``payload`` into 1..9 sentences of at most ``max_chars`` payload characters.

    Each sentence carries its checksum and no line ending.  The fill bits go on the last
    sentence only (0 on the others); ``seq_id`` (0-9, default 0) is written only when there
    is more than one sentence.  An empty payload gives one sentence with an empty payload
    field.  Raises ``ValueError`` for an illegal payload, fill, talker, channel or sequence
    id, or a payload needing more than 9 sentences.
    """
    if not 0 <= fill <= 5:
        raise ValueError(f"fill bits must be 0..5, not {fill}")
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, not {max_chars}")
    if len(talker) != 2 or not talker.isascii() or not talker.isprintable() or "," in talker:
        raise ValueError(f"talker must be two characters, not {talker!r}")
    if not channel.isascii() or not channel.isprintable() or set(channel) & set(",*!$\\"):
        raise ValueError(f"bad channel {channel!r}")
    if not is_armour(payload):
        raise ValueError("payload contains characters outside the 6-bit armour")
    chunks = [payload[i : i + max_chars] for i in range(0, len(payload), max_chars)] or [""]
    count = len(chunks)
    if count > MAX_FRAGMENTS:
        raise ValueError(f"payload needs {count} sentences, at most {MAX_FRAGMENTS} allowed")
    if count == 1:
        seq = ""
    else:
        seq_value = 0 if seq_id is None else seq_id
        if not 0 <= seq_value <= 9:
            raise ValueError(f"sequence id must be 0..9, not {seq_id}")
        seq = str(seq_value)
    head = f"{talker}VD{'O' if own else 'M'},{count}"
    sentences = []
    for number, chunk in enumerate(chunks, 1):
        body = f"{head},{number},{seq},{channel},{chunk},{fill if number == count else 0}"
        sentences.append(f"!{body}*{reduce(xor, body.encode('ascii'), 0):02X}")
    return sentences
