"""Column-wise JSON texts and rounding equal Python's, value for value."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa

from aiswatch.ais.fields import Field, Kind
from aiswatch.ais.message import _scale
from aiswatch.columnar.appjson import member_texts, objects, quoted
from aiswatch.columnar.scaling import py_round


def test_py_round_equals_round_including_boundaries() -> None:
    rng = np.random.default_rng(7)
    raw = rng.integers(-(2**27), 2**27, 200_000)
    for scale, decimals in ((10.0, 1), (600000.0, 4), (1000.0, 2), (3.0, 3), (7.0, 0)):
        v = raw / scale
        got = py_round(v, decimals)
        want = [round(x, decimals) for x in v.tolist()]
        assert got.tolist() == want, (scale, decimals)
    # Values that sit on (or a hair off) a rounding boundary in binary.
    tricky = np.array([2.675, 0.125, -0.125, 1.005, 2.5, -2.5, 0.5, 1.5, 1e-9, -0.0])
    for d in (0, 1, 2, 3):
        assert py_round(tricky, d).tolist() == [round(x, d) for x in tricky.tolist()]


def test_float_texts_are_python_reprs() -> None:
    f = Field("x", 30, Kind.INT, scale=1.0, offset=0.5)
    raw = np.array([0, 1, -1, 10**9, -(10**9), 3, 2**40], dtype=np.int64)
    got = member_texts([f], [raw])[0].to_pylist()
    assert got == [json.dumps(_scale(f, int(r))) for r in raw.tolist()]
    tiny = Field("y", 30, Kind.INT, scale=10.0**6)
    raw = np.array([1, 12, 0, -5, 10**8, 123456789], dtype=np.int64)
    assert member_texts([tiny], [raw])[0].to_pylist() == [
        json.dumps(_scale(tiny, r)) for r in raw.tolist()
    ]


def test_not_available_bools_and_enums() -> None:
    f = Field("t", 11, Kind.INT, scale=10.0, na=-1024, decimals=1)
    raw = np.array([-1024, 0, 55, -3], dtype=np.int64)
    assert member_texts([f], [raw])[0].to_pylist() == ["null", "0.0", "5.5", "-0.3"]
    b = Field("b", 1, Kind.BOOL)
    assert member_texts([b], [np.array([1, 0])])[0].to_pylist() == ["true", "false"]
    e = Field("e", 4, Kind.ENUM, na=15)  # enumerations keep their code
    assert member_texts([e], [np.array([15, 2])])[0].to_pylist() == ["15", "2"]


def test_members_of_a_kind_converted_together_equal_one_by_one() -> None:
    # Floats, integers and booleans, with and without "not available" values, converted in
    # one call (one long array per kind, cut into slices) as each alone.
    rng = np.random.default_rng(3)
    fields = [
        Field("t", 11, Kind.INT, scale=10.0, na=-1024, decimals=1),
        Field("n", 8),
        Field("b", 1, Kind.BOOL),
        Field("w", 10, scale=10.0, decimals=1),
        Field("k", 7, na=127),
        Field("c", 1, Kind.BOOL),
    ]
    raws = [np.array([-1024, 3, 17, 0, -5]), rng.integers(0, 256, 5),
            np.array([1, 0, 0, 1, 1]), rng.integers(0, 1024, 5),
            np.array([127, 1, 127, 2, 3]), np.array([0, 0, 1, 1, 0])]  # fmt: skip
    together = [col.to_pylist() for col in member_texts(fields, raws)]
    alone = [member_texts([f], [r])[0].to_pylist() for f, r in zip(fields, raws, strict=True)]
    assert together == alone
    assert together[0][0] == "null" and together[4][:2] == ["null", "1"]


def test_objects_equal_json_dumps_with_escapes() -> None:
    text = Field("name", 120, Kind.TEXT)
    u = Field("n", 8)
    names = pa.array(['A "Q" \\ B', "", "PLAIN"])
    got = objects(["n", "name"], [member_texts([u], [np.array([1, 2, 3])])[0], quoted(text, names)])
    want = [
        json.dumps({"n": n, "name": s}, separators=(",", ":"))
        for n, s in zip([1, 2, 3], names.to_pylist(), strict=True)
    ]
    assert got.to_pylist() == want


def test_scaled_columns_equal_the_scalar_scaling_exactly() -> None:
    from aiswatch.columnar.extract import scaled_column

    rng = np.random.default_rng(3)
    raw = rng.integers(-(2**27), 2**27, 100_000)
    raw[::97] = 0x6791AC0  # lon "not available"
    for f in (
        Field("lon", 28, Kind.INT, scale=600000.0, na=0x6791AC0, decimals=6),
        Field("t", 11, Kind.INT, scale=10.0, offset=-60.0, decimals=1),
        Field("x", 28, Kind.INT, scale=7.0),
    ):
        want = [_scale(f, int(r)) for r in raw.tolist()]
        assert scaled_column(f, raw).arrow().to_pylist() == want, f.name
        # In the raw integers' own memory (as the decoder scales a group's rows), the same.
        own = raw.copy()
        col = scaled_column(f, own, reuse=True)
        assert np.shares_memory(col.v, own) and col.arrow().to_pylist() == want, f.name
