"""The compiled kernels, ahead of time where they have been built, else numba's JIT.

numba compiles the columnar kernels at their first call and caches the machine code beside
the sources; every new process still pays numba's start-up at that first call (its typing
and lowering registries, the runtime it compiles, the cached code it loads): about 0.15 s,
a fifth of decoding a million real sentences. Built ahead of time (numba's `pycc`), the
same kernels are one extension module, `_kernels`, that loads like any other:

    aiswatch kernels --build      # or: make kernels

The module records a hash of the sources of its compiled code (`SOURCES`), the versions of
numba, NumPy and Python and the processor (`source_id`); where it is missing or was built
from other sources or elsewhere, the JIT serves, so a stale build can never run. ``AISWATCH_KERNELS`` chooses: ``auto``
(default), ``jit`` (never the built module), ``aot`` (the built module or an ImportError:
the tests use it so that a stale build cannot pass unnoticed). A call whose argument types
the build did not export (`EXPORTS`) goes to the JIT: the arguments of every call are
tested, as an exported function would read any array as its signature says.

Each call of a built kernel costs about 1 us more than the JIT's, and each array it returns
about 1 us more again (pycc's wrappers unpickle the array's dtype every time): a 1 MB buffer
of the real mix makes ~720 calls, 8 % more time (bench/RESULTS.md). A long-running process
decoding small buffers (a live feed) is faster on the JIT, ``AISWATCH_KERNELS=jit``: it
pays numba's start-up once.

It is compiled for this machine's processor (as the JIT is): build it where it runs (a
copy on another processor is refused as stale).
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
#: An array type is its dtype (``u8``, ``u64``, ``i32``, ``i64``, ``f64``, ``b`` for bool)
#: with ``_2`` if 2-d, always C-contiguous: read-only to the kernel (it takes NumPy over
#: `bytes` too), ``w`` before it if the kernel writes it (it takes only writable arrays).
#: Scalars: ``int``, ``float``, ``bool``.
_RECEIVE_METADATA = ("u8", "i64", "i32", "f64", "i32", "i32", "u8", "i64", "f64", "u8", "i64",
                     "b", "u8")  # fmt: skip
_WRITE_ROWS = ("u8", "i64", "i64", "i64", "i64", "i64", "b", "i64", "i64_2", "f64_2", "u8",
               "i64_2", "wu8", "wi32")  # fmt: skip
EXPORTS: list[tuple[str, str, list[tuple[str, ...]]]] = [
    (
        "frame",
        "_scan",
        [
            (
                "u8",
                "u64",
                "i64",
                "int",
                "bool",
                "bool",
                "float",
                "wi64",
                "wf64",
                "wi32_2",
                "wf64_2",
                "wf64_2",
                "wi8",
                "wu8",
                "wi16",
                "wi64",
                "wu8",
            )
        ],
    ),
    (
        "gather",
        "group_messages",
        [("u8", "i32", "i32", "i32", "i32", "i32", "i64", "i64", "i64", "b", "i64", "i64", "wi64")],
    ),
    ("gather", "payload_matrix", [("u8", "i32", "i32", "i32", "i64", "int", "u8", "i64", "i64")]),
    ("gather", "receive_metadata", [_RECEIVE_METADATA]),
    ("gather", "scatter", [("wu64", "i64", "u64"), ("wu8", "i64", "u8")]),
    ("extract", "extract_fields", [("u8_2", "i64", "i64", "b")]),
    ("extract", "_data_texts", [("u8_2", "int", "int", "u8", "u8")]),
    ("extract", "_extract_one", [("u8_2", "int", "int", "bool")]),
    ("extract", "_text_buffers", [("u8_2", "int", "int")]),
    ("scaling", "_scale_linear", [("i64", "wf64", "float", "float", "int", "int", "bool")]),
    (
        "numbers",
        "decode_numbers",
        [("u8_2", "i64_2", "f64_2", "wf64_2", "wi64_2", "wi32_2", "wi16_2", "wi8_2", "wb_2")],
    ),
    ("jsontext", "write_rows", [_WRITE_ROWS]),
]
_DTYPES = {"u8": np.uint8, "u64": np.uint64, "i8": np.int8, "i16": np.int16, "i32": np.int32,
           "i64": np.int64, "f64": np.float64, "b": np.bool_}  # fmt: skip
_SCALARS: dict[str, tuple[type, ...]] = {
    "int": (int, np.integer),
    "float": (float, int, np.floating, np.integer),
    "bool": (bool, np.bool_),
}


def _array(name: str) -> tuple[np.dtype[Any], int, bool]:
    """An array type name's dtype, dimensions and whether the kernel writes it."""
    written = name.startswith("w")
    base, _, dims = name.removeprefix("w").partition("_")
    return np.dtype(_DTYPES[base]), int(dims or 1), written


def _types() -> dict[str, Any]:
    """The numba types of the names in `EXPORTS`."""
    from numba import from_dtype, types

    out: dict[str, Any] = {"int": types.int64, "float": types.float64, "bool": types.boolean}
    for _, _, versions in EXPORTS:
        for name in (n for v in versions for n in v if n not in _SCALARS):
            dtype, ndim, written = _array(name)
            out[name] = types.Array(from_dtype(dtype), ndim, "C", readonly=not written)
    return out


#: The modules whose compiled code the build holds (the kernels and all they call or
#: inline); a test checks that every module of the package using numba is listed.
SOURCES = ("borrow.py", "bytecopy.py", "extract.py", "frame.py", "gather.py", "jsontext.py",
           "lineparts.py", "numbers.py", "scaling.py")  # fmt: skip


def source_id(root: Path = _HERE) -> int:
    """What a build is valid for: the `SOURCES` in `root` (of this file, only `EXPORTS`),
    numba's, NumPy's and the interpreter's versions and this processor (the build uses its
    instructions: a copy on another machine must not run), as a signed 64-bit number."""
    import llvmlite.binding as llvm  # type: ignore[import-untyped]
    import numba

    h = hashlib.sha256()
    for name in SOURCES:
        h.update(name.encode())
        h.update((root / name).read_bytes())
    h.update(repr(EXPORTS).encode())
    h.update(f"numba {numba.__version__} numpy {np.__version__} python {sys.version} "
             f"{sys.platform} {llvm.get_host_cpu_name()} "
             f"{llvm.get_host_cpu_features().flatten()}".encode())  # fmt: skip
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


#: Calls of built kernels that went to the JIT (argument types not exported), by kernel.
FALLBACKS: Counter[str] = Counter()


def _test(name: str, arg: str, const: str) -> str:
    """Python source testing that argument `arg` has the type `name` stands for (`const`:
    the name its dtype or scalar types are bound to). An exported function does not check
    its arguments' dtypes or strides (it would read the memory as its signature says), so
    every call is tested first: dtype, dimensions, C order, alignment (the signatures are
    of aligned arrays) and, for arrays the kernel writes, writability."""
    if name in _SCALARS:
        return f"isinstance({arg}, {const})"
    _, ndim, written = _array(name)
    flags = f"{arg}_flags"  # one flags object a test: each `.flags` makes a new one
    return (f"type({arg}) is ndarray and {arg}.ndim == {ndim}"
            f" and ({arg}.dtype is {const} or {arg}.dtype == {const})"  # mostly NumPy's own
            f" and ({flags} := {arg}.flags).c_contiguous and {flags}.aligned"
            + (f" and {flags}.writeable" if written else ""))  # fmt: skip


def pick(name: str, jit: Any, mod: ModuleType | None = None) -> Any:
    """The kernel `name` as built ahead of time (in `mod`, default: the current build),
    where the arguments have the types of an exported version; else (other types, or no
    current build) the `jit` dispatcher."""
    if mod is None:
        mod = _loaded()[0]
    exported = next((v for _, n, v in EXPORTS if n == name), [])
    if mod is None or not exported:
        return jit
    # One function with the tests written out, a call costs ~0.5 us more than the JIT's
    # dispatch (closures per argument cost 1.8 us: 10 % of a 1 MB buffer of the real mix).
    env: dict[str, Any] = {"ndarray": np.ndarray, "jit": jit, "FALLBACKS": FALLBACKS}
    args = ", ".join(f"a{i}" for i in range(len(exported[0])))
    src = [f"def {name}({args}):"]
    for v, types_ in enumerate(exported):
        env[f"f{v}"] = getattr(mod, f"{name}__{v}")
        tests = []
        for i, t in enumerate(types_):
            env[f"t{v}_{i}"] = _SCALARS[t] if t in _SCALARS else _array(t)[0]
            tests.append(_test(t, f"a{i}", f"t{v}_{i}"))
        src += [f"    if {' and '.join(tests)}:", f"        return f{v}({args})"]
    src += [f"    FALLBACKS[{name!r}] += 1", f"    return jit({args})"]
    exec("\n".join(src), env)  # the source is built here from EXPORTS alone
    call = env[name]
    call.__doc__ = jit.__doc__
    call.jit = jit
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
        os.chmod(staged, 0o644)  # mkstemp's file is the owner's alone: others load it too
        os.replace(staged, target)  # a process loading the old one never sees half a file
    return target
