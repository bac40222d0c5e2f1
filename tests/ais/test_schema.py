"""The JSON schema comes from the same tables as the decoder: check output against it."""

from __future__ import annotations

from typing import Any

import pytest

from aiswatch.ais import TYPES, Message
from aiswatch.ais.schema import json_schema
from tests.ais.vectors import VECTORS


def _check(value: Any, schema: dict[str, Any]) -> None:
    """A small validator for the subset of JSON Schema the generator emits."""
    if "anyOf" in schema:
        errors = []
        for sub in schema["anyOf"]:
            try:
                _check(value, sub)
                return
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{value!r} matches none of {errors}")
    if "oneOf" in schema:
        assert any(_ok(value, s) for s in schema["oneOf"]), value
        return
    if "const" in schema:
        assert value == schema["const"]
        return
    if "enum" in schema:
        assert value in schema["enum"]
        return
    kind = schema.get("type")
    if kind == "object":
        assert isinstance(value, dict)
        for name in schema["required"]:
            assert name in value, f"missing {name}"
        for name, sub in schema["properties"].items():
            if name in value:
                _check(value[name], sub)
    elif kind == "array":
        assert isinstance(value, list)
        for row in value:
            _check(row, schema["items"])
    elif kind == "integer":
        assert isinstance(value, int) and not isinstance(value, bool), value
    elif kind == "number":
        assert isinstance(value, int | float) and not isinstance(value, bool), value
    elif kind == "boolean":
        assert isinstance(value, bool)
    elif kind == "string":
        assert isinstance(value, str)
        assert len(value) <= schema.get("maxLength", 10**9)
    elif kind == "null":
        assert value is None


def _ok(value: Any, schema: dict[str, Any]) -> bool:
    try:
        _check(value, schema)
    except AssertionError:
        return False
    return True


def test_schema_has_every_type() -> None:
    schema = json_schema()
    assert len(schema["oneOf"]) == len(TYPES) == 27
    assert schema["$defs"]["type1"]["properties"]["lat"]["anyOf"][1] == {"type": "null"}
    assert "mmsi" in schema["$defs"]["type5"]["required"]


@pytest.mark.parametrize("vec", VECTORS, ids=lambda v: v.name)
def test_every_vector_validates(vec: Any) -> None:
    m = Message.decode(*vec.payload)
    _check(m.json(), json_schema()["$defs"][f"type{m.type}"])


def test_a_wrong_value_is_rejected() -> None:
    m = Message.decode(*VECTORS[0].payload)
    js = m.json()
    js["lat"] = "north"
    assert not _ok(js, json_schema()["$defs"]["type1"])
