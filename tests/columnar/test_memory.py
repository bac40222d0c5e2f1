"""glibc keeps freed blocks for reuse once the columnar decoder starts."""

from __future__ import annotations

import platform
import sys

import pytest

from aiswatch.columnar import ColumnarDecoder
from aiswatch.columnar.memory import keep_freed_memory


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="the allocator setting is glibc's",
)
def test_glibc_agrees_to_keep_freed_blocks() -> None:
    ColumnarDecoder()
    assert keep_freed_memory() is True
