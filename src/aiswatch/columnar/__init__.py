"""Columnar decoding: whole NMEA buffers to Arrow tables, one per message type, with no
Python object per message on the common path."""

from aiswatch.columnar.decode import Batch, ColumnarDecoder
from aiswatch.columnar.files import decode_file, final_chunks, iter_chunks
from aiswatch.columnar.tables import record_row, type_schema

__all__ = [
    "Batch",
    "ColumnarDecoder",
    "decode_file",
    "final_chunks",
    "iter_chunks",
    "record_row",
    "type_schema",
]
