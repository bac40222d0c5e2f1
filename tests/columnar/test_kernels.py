"""The kernels built ahead of time (`columnar.kernels`): which serve, and that a build
serves only the sources it was built from and only the argument types it exports."""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from numba.core.errors import TypingError
from typer.testing import CliRunner

from aiswatch.cli import app
from aiswatch.columnar import ColumnarDecoder, frame, gather, kernels
from aiswatch.sim.cli import simulate_command
from tests.conftest import real_log_params

PACKAGE = Path(kernels.__file__).parent


def _built() -> ModuleType:
    try:
        return importlib.import_module("aiswatch.columnar._kernels")
    except ImportError:
        pytest.skip("kernels not built ahead of time here (make kernels builds them)")


def test_status_says_which_kernels_serve() -> None:
    mode = os.environ.get(kernels.ENV, "auto")
    if mode == "jit":
        assert not kernels.current()
        assert kernels.status() == "JIT (AISWATCH_KERNELS=jit)"
        assert not hasattr(frame._scan, "jit")  # numba's dispatcher itself
    elif mode == "aot":  # `make unit`: a stale or missing build fails here, not silently
        assert kernels.current()
        assert kernels.status().startswith("ahead of time (_kernels")
        assert frame._scan.jit.py_func.__name__ == "_scan"
    else:
        assert kernels.current() == kernels.status().startswith("ahead of time")


def test_the_command_says_which_kernels_serve() -> None:
    result = CliRunner().invoke(app, ["kernels"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert result.output == f"kernels: {kernels.status()}\n"


def test_a_build_serves_only_the_sources_it_was_built_from(tmp_path: Path) -> None:
    mod = _built()
    for path in PACKAGE.glob("*.py"):
        shutil.copy(path, tmp_path / path.name)
    if kernels.current():
        assert kernels.stale(mod, kernels.source_id(tmp_path)) is None
    # Any change to the kernels' sources (even a comment in one they inline) makes it stale.
    with (tmp_path / "lineparts.py").open("a") as fh:
        fh.write("# changed\n")
    why = kernels.stale(mod, kernels.source_id(tmp_path))
    assert why is not None and "other sources" in why
    # Modules without compiled code, and kernels.py's own code, are not in the build.
    (tmp_path / "lineparts.py").write_bytes((PACKAGE / "lineparts.py").read_bytes())
    for name in ("kernels.py", "decode.py", "tables.py"):
        with (tmp_path / name).open("a") as fh:
            fh.write("# changed\n")
    assert kernels.source_id(tmp_path) == kernels.source_id()


def test_a_build_is_stale_on_another_processor(monkeypatch: pytest.MonkeyPatch) -> None:
    # The build uses this processor's instructions: a copy of it (a container image, a
    # shared installation) on another processor must not run.
    import llvmlite.binding as llvm

    here = kernels.source_id()
    monkeypatch.setattr(llvm, "get_host_cpu_name", lambda: "some-other-cpu")
    assert kernels.source_id() != here


def test_every_module_with_compiled_code_is_a_source_of_the_build() -> None:
    # A module left out of SOURCES could change under a build that still claims to be
    # current: every module of the package that uses numba must be listed.
    uses = {p.name for p in PACKAGE.glob("*.py") if "numba" in p.read_text()}
    assert uses - {"kernels.py"} == set(kernels.SOURCES)


def test_calls_with_other_argument_types_go_to_the_jit() -> None:
    # An exported function would read any array as its signature says: every call is
    # checked, and arguments of other types go to numba's dispatcher.
    mod = _built()
    jit = getattr(gather.scatter, "jit", gather.scatter)
    scatter = kernels.pick("scatter", jit, mod)
    rng = np.random.default_rng(5)
    at = rng.permutation(64)

    def placed(dst: np.ndarray, src: np.ndarray) -> tuple[np.ndarray, int]:
        before = kernels.FALLBACKS["scatter"]
        scatter(dst, at, src)
        want = np.zeros_like(dst)
        want[at] = src
        np.testing.assert_array_equal(dst, want)
        return dst, kernels.FALLBACKS["scatter"] - before

    u64 = rng.integers(0, 2**63, 64).astype(np.uint64)
    assert placed(np.zeros(64, np.uint64), u64)[1] == 0  # exported: uint64
    assert placed(np.zeros(64, np.uint8), u64.astype(np.uint8))[1] == 0  # and uint8
    assert placed(np.zeros(64, np.float32), u64.astype(np.float32))[1] == 1  # not exported
    assert placed(np.zeros(64, np.uint64), np.repeat(u64, 2)[::2])[1] == 1  # strided
    assert placed(np.zeros(64, np.int64), u64.view(np.int64))[1] == 1
    unaligned = np.zeros(64 * 8 + 1, np.uint8)[1:].view(np.uint64)
    unaligned[:] = u64
    assert not unaligned.flags.aligned
    assert placed(np.zeros(64, np.uint64), unaligned)[1] == 1
    dst = np.zeros(64, np.uint64)
    dst.flags.writeable = False
    with pytest.raises(TypingError, match="readonly"):  # the JIT's refusal, not a write
        scatter(dst, at, u64)


def test_decoding_runs_on_the_built_kernels_alone(tmp_path: Path) -> None:
    # The decoder's own calls all have exported types: none goes to the JIT.
    if not kernels.current():
        assert all(not hasattr(f, "jit") for f in (frame._scan, gather.payload_matrix))
        return
    before = sum(kernels.FALLBACKS.values())
    rows = 0
    for path in real_log_params():
        if isinstance(path, Path):
            data = path.read_bytes()
            rows += ColumnarDecoder(path.name).decode(data[: data.rfind(b"\n") + 1], True).rows
    sim = tmp_path / "baltic.nmea"  # tables of thousands of rows: the bulk branches
    simulate_command("baltic", sim, duration=900, vessels=200, seed=4)
    rows += ColumnarDecoder(sim.name).decode(sim.read_bytes(), True).rows
    assert rows > 10_000
    assert sum(kernels.FALLBACKS.values()) == before, dict(kernels.FALLBACKS)
