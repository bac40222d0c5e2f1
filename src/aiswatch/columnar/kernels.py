"""The compiled kernels, ahead of time where they have been built, else numba's JIT.

numba compiles the columnar kernels at their first call and caches the machine code beside
the sources; every new process still pays numba's start-up at that first call (its typing
and lowering registries, the runtime it compiles, the cached code it loads): about 0.15 s,
a fifth of decoding a million real sentences. Built ahead of time (numba's `pycc`), the
same kernels are one extension module, `_kernels`, that loads like any other:

    aiswatch kernels --build      # or: make kernels

The module records a hash of the columnar package's sources, numba's version and the
interpreter's (`source_id`); where it is missing or was built from other sources, the JIT
serves, so a stale build can never run. ``AISWATCH_KERNELS`` chooses: ``auto`` (default),
``jit`` (never the built module), ``aot`` (the built module or an ImportError: the tests
and benchmarks use it so that a stale build cannot pass unnoticed). A call whose argument
types the build did not export (`EXPORTS`) goes to the JIT: the arguments of every call
are tested, as an exported function would read any array as its signature says.

It is compiled for this machine's processor (as the JIT is): build it where it runs.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

MODULE = "_kernels"
ENV = "AISWATCH_KERNELS"
_HERE = Path(__file__).resolve().parent

#: The kernels called from Python: (module, function, argument types per exported version).
#: Types are written as `_types` names: ``u8`` = 1-d C-contiguous uint8 array, ``u8r`` the
#: same read-only (NumPy over `bytes`), ``u8_2`` a 2-d one; scalars ``int``, ``float``,
#: ``bool``.
EXPORTS: list[tuple[str, str, list[tuple[str, ...]]]] = [
    (
        "frame",
        "_scan",
        [
            ("u8r", "u64r", "u8", "i64", "int", "bool", "float", "i64", "f64"),
            ("u8", "u64", "u8", "i64", "int", "bool", "float", "i64", "f64"),
        ],
    ),
    ("gather", "payload_matrix", [("u8", "i64", "i64", "i64", "int")]),
    (
        "gather",
        "receive_metadata",
        [
            ("u8r", "i64", "i64", "f64", "i64", "i64", "u8"),
            ("u8", "i64", "i64", "f64", "i64", "i64", "u8"),
        ],
    ),
    ("gather", "scatter", [("u64", "i64", "u64"), ("u8", "i64", "u8")]),
    ("extract", "extract_fields", [("u8_2", "i64", "i64", "b")]),
    ("extract", "extract_bytes", [("u8_2", "int", "int")]),
    ("extract", "_extract_one", [("u8_2", "int", "int", "bool")]),
    ("extract", "_text_buffers", [("u8_2", "int", "int", "u8r"), ("u8_2", "int", "int", "u8")]),
    ("scaling", "_scale_linear", [("i64", "float", "float", "int", "int", "bool")]),
]


def _types() -> dict[str, Any]:
    from numba import types

    def arr(dtype: Any, ndim: int = 1, readonly: bool = False) -> Any:
        return types.Array(dtype, ndim, "C", readonly=readonly)

    return {
        "u8": arr(types.uint8),
        "u8r": arr(types.uint8, readonly=True),
        "u8_2": arr(types.uint8, 2),
        "u64": arr(types.uint64),
        "u64r": arr(types.uint64, readonly=True),
        "i64": arr(types.int64),
        "f64": arr(types.float64),
        "b": arr(types.boolean),
        "int": types.int64,
        "float": types.float64,
        "bool": types.boolean,
    }


def source_id(root: Path = _HERE) -> int:
    """What a build is valid for: the columnar package's sources in `root` (the kernels and
    all the code they inline; of this file, only `EXPORTS`), numba's version and the
    interpreter's, as a signed 64-bit number."""
    import numba

    h = hashlib.sha256()
    for path in sorted(root.glob("*.py")):
        if path.name != "kernels.py":
            h.update(path.name.encode())
            h.update(path.read_bytes())
    h.update(repr(EXPORTS).encode())
    h.update(f"numba {numba.__version__} python {sys.version} {sys.platform}".encode())
    return int.from_bytes(h.digest()[:8], "little", signed=True)


def stale(mod: ModuleType, sources: int | None = None) -> str | None:
    """Why the built module `mod` may not serve sources of id `sources` (default: these
    ones, `source_id`); None if it may."""
    if mod.build_id() != (source_id() if sources is None else sources):
        return "built from other sources; run: aiswatch kernels --build"
    return None


@cache
def _loaded() -> tuple[ModuleType | None, str]:
    mode = os.environ.get(ENV, "auto")
    if mode not in ("auto", "aot", "jit"):
        raise ImportError(f"{ENV}={mode!r}: expected auto, aot or jit")
    if mode == "jit":
        return None, f"JIT ({ENV}=jit)"
    try:
        mod = importlib.import_module(f"{__package__}.{MODULE}")
    except ImportError as exc:
        why: str | None = f"not built ({exc}); run: aiswatch kernels --build"
    else:
        why = stale(mod)
        if why is None:
            return mod, f"ahead of time ({Path(mod.__file__ or '').name})"
    if mode == "aot":
        raise ImportError(f"{ENV}=aot, but the compiled kernels are {why}")
    return None, f"JIT (ahead-of-time kernels {why})"


def status() -> str:
    """Which kernels serve: ahead of time, or the JIT and why."""
    return _loaded()[1]


#: What each type name of `EXPORTS` accepts: arrays (dtype, dimensions, must be writable:
#: a read-only type takes either) or scalars (Python or NumPy numbers).
_ARRAYS: dict[str, tuple[np.dtype[Any], int, bool]] = {
    "u8": (np.dtype(np.uint8), 1, True),
    "u8r": (np.dtype(np.uint8), 1, False),
    "u8_2": (np.dtype(np.uint8), 2, True),
    "u64": (np.dtype(np.uint64), 1, True),
    "u64r": (np.dtype(np.uint64), 1, False),
    "i64": (np.dtype(np.int64), 1, True),
    "f64": (np.dtype(np.float64), 1, True),
    "b": (np.dtype(np.bool_), 1, True),
}
_SCALARS: dict[str, tuple[type, ...]] = {
    "int": (int, np.integer),
    "float": (float, int, np.floating, np.integer),
    "bool": (bool, np.bool_),
}


#: Calls of built kernels that went to the JIT (argument types not exported), by kernel.
FALLBACKS: Counter[str] = Counter()


def _accepts(name: str) -> Callable[[Any], bool]:
    """A test that a value has the type `name` stands for. An exported function does not
    check its arguments' dtypes or strides (it would read the memory as its signature
    says), so every call is tested here first."""
    if name in _SCALARS:
        kinds = _SCALARS[name]
        return lambda v: isinstance(v, kinds)
    dtype, ndim, writable = _ARRAYS[name]

    def array(v: Any) -> bool:
        if type(v) is not np.ndarray or v.ndim != ndim:
            return False
        d = v.dtype
        if d is not dtype and d != dtype:  # mostly the same object: NumPy's own
            return False
        flags = v.flags
        return flags.c_contiguous and (flags.writeable or not writable)

    return array


def pick(name: str, jit: Any, mod: ModuleType | None = None) -> Any:
    """The kernel `name` as built ahead of time (in `mod`, default: the current build),
    where the arguments have the types of an exported version; else (other types, or no
    current build) the `jit` dispatcher."""
    if mod is None:
        mod = _loaded()[0]
    if mod is None:
        return jit
    exported = next((v for _, n, v in EXPORTS if n == name), [])
    versions = [(getattr(mod, f"{name}__{i}"), [_accepts(t) for t in types_])
                for i, types_ in enumerate(exported)]  # fmt: skip

    def call(*args: Any) -> Any:
        for fn, tests in versions:
            if len(args) == len(tests):
                for test, a in zip(tests, args):  # noqa: B905 (lengths equal)
                    if not test(a):
                        break
                else:
                    return fn(*args)
        FALLBACKS[name] += 1
        return jit(*args)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = jit.__doc__
    call.jit = jit  # type: ignore[attr-defined]
    return call


def kernel(jit: Any) -> Any:
    """Decorator over a numba dispatcher: `pick` under the function's own name."""
    return pick(jit.py_func.__name__, jit)


def _dispatcher(module: str, name: str) -> Any:
    fn = getattr(importlib.import_module(f"{__package__}.{module}"), name)
    return getattr(fn, "jit", fn)


def _constant(value: int) -> Callable[[], int]:
    def build_id() -> int:
        return value

    return build_id


def current() -> bool:
    """Whether the kernels built ahead of time serve."""
    return _loaded()[0] is not None


def build(out_dir: Path | None = None, *, verbose: bool = False) -> Path:
    """Compile every kernel of `EXPORTS` into one extension module in `out_dir` (default:
    beside this file, where `pick` finds it); returns its path."""
    from numba import types
    from numba.pycc.cc import CC

    t = _types()
    cc: Any = CC(MODULE)  # type: ignore[no-untyped-call]
    cc.verbose = verbose
    cc.target_cpu = "host"  # as the JIT: this processor's instructions
    for module, name, versions in EXPORTS:
        disp = _dispatcher(module, name)
        for i, names in enumerate(versions):
            args = tuple(t[n] for n in names)
            disp.compile(args)  # the JIT infers the return type
            ret = disp.overloads[args].signature.return_type
            cc.export(f"{name}__{i}", ret(*args))(disp.py_func)
    cc.export("build_id", types.int64())(_constant(source_id()))
    out = Path(out_dir) if out_dir else _HERE
    with tempfile.TemporaryDirectory(prefix="aiswatch-kernels-") as tmp:
        cc.output_dir = tmp
        cc.compile()
        (built,) = Path(tmp).glob(f"{MODULE}*")
        target = out / built.name
        fd, staged = tempfile.mkstemp(dir=out, prefix=f".{built.name}.")
        os.close(fd)
        shutil.copyfile(built, staged)
        os.replace(staged, target)  # a process loading the old one never sees half a file
    return target
