"""Where AIS lines come from: files (plain or compressed) and stdin."""

from .files import (
    MAX_LINE_BYTES,
    detect_compression,
    iter_lines,
    open_lines,
    open_stream,
    read_messages,
)

__all__ = [
    "MAX_LINE_BYTES",
    "detect_compression",
    "iter_lines",
    "open_lines",
    "open_stream",
    "read_messages",
]
