"""Byte copies for compiled loops, as one `memcpy` each.

numba compiles a copy of a few dozen bytes (a payload's six-bit values into its group's
matrix) as a loop of single bytes, or as a slice assignment whose set-up costs more than
the copy. `copy_bytes` emits LLVM's memcpy instead: 2.3 times faster on rows of 28 bytes.
No bounds are tested: the caller's indexes must be in range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

if TYPE_CHECKING:

    def copy_bytes(dst: Any, dst_at: int, src: Any, src_at: int, n: int) -> None:
        """dst[dst_at:dst_at + n] = src[src_at:src_at + n] (1-d uint8 arrays, in range)."""

else:

    @intrinsic
    def copy_bytes(typingctx: Any, dst: Any, dst_at: Any, src: Any, src_at: Any, n: Any) -> Any:
        """dst[dst_at:dst_at + n] = src[src_at:src_at + n] (1-d uint8 arrays, in range)."""
        if not (isinstance(dst, types.Array) and isinstance(src, types.Array)
                and dst.dtype == types.uint8 and src.dtype == types.uint8
                and dst.ndim == 1 and src.ndim == 1):  # fmt: skip
            return None
        sig = types.void(dst, dst_at, src, src_at, n)

        def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
            d, da, s, sa, k = (
                context.cast(builder, v, t, types.intp) if i % 2 or i == 4 else v
                for i, (v, t) in enumerate(zip(args, signature.args, strict=True))
            )
            dptr = builder.gep(context.make_array(dst)(context, builder, value=d).data, [da])
            sptr = builder.gep(context.make_array(src)(context, builder, value=s).data, [sa])
            cgutils.raw_memcpy(builder, dptr, sptr, k, 1)
            return context.get_dummy_value()

        return sig, codegen
