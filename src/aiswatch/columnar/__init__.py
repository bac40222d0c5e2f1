"""Columnar decoding: whole NMEA buffers to Arrow tables, one per message type, with no
Python object per message on the common path."""

from aiswatch.columnar.decode import Batch, ColumnarDecoder, record_row, type_schema
from aiswatch.columnar.files import decode_file, final_chunks, iter_chunks

__all__ = [
    "Batch",
    "ColumnarDecoder",
    "decode_file",
    "final_chunks",
    "iter_chunks",
    "record_row",
    "type_schema",
]
