"""Borrowed array views for compiled loops: no reference counting each time one is passed.

numba counts references to the arrays a compiled function works with: handing an array to a
helper (called or inlined) adds one and drops it again, each an atomic instruction on the
array's shared counter. The framing loop hands the buffer and its scratch arrays to its line
parsers on every line, and those counter updates were a fifth of its time (perf: samples in
`NRT_incref` and `NRT_decref`). A borrowed view is the same array without its counter (a null
meminfo, which numba's runtime skips), so it costs nothing to pass on.

A borrowed view must not outlive the array it borrows from. Borrow only, inside one compiled
call, arrays that its caller holds (the call's arguments) or that the function keeps in a
variable it uses after the loop; never return one or store it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from numba import types
from numba.extending import intrinsic

A = TypeVar("A")

if TYPE_CHECKING:

    def borrowed(arr: A) -> A:
        """A view of array `arr` that numba does not reference-count (see the module)."""

else:

    @intrinsic
    def borrowed(typingctx: Any, arr: types.Array) -> Any:
        """A view of array `arr` that numba does not reference-count (see the module)."""

        def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
            view = context.make_array(arr)(context, builder, value=args[0])
            view.meminfo = context.get_constant_null(types.MemInfoPointer(arr.dtype))
            return view._getvalue()

        return arr(arr), codegen
