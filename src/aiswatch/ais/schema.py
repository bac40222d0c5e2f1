"""JSON Schema of the scaled JSON output, generated from the field tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiswatch.ais import apps
from aiswatch.ais.fields import Field, Item, Kind, Repeat
from aiswatch.ais.layout import all_fields
from aiswatch.ais.messages import TYPES


def field_schema(f: Field) -> dict[str, Any]:
    """Schema of one member in scaled output."""
    s: dict[str, Any]
    if f.kind is Kind.BOOL:
        s = {"type": "boolean"}
    elif f.kind is Kind.TEXT:
        s = {"type": "string", "maxLength": f.width // 6}
    elif f.kind is Kind.DATA:
        s = {"type": "string", "pattern": "^[0-9]+:[0-9a-f]*$", "description": "bits:hex"}
    elif f.special == "rot":
        s = {"oneOf": [{"type": "number"}, {"enum": ["fastright", "fastleft"]}]}
    elif f.scaled:
        s = {"type": "number"}
    else:
        s = {"type": "integer"}
    if f.na is not None and f.kind is not Kind.ENUM:
        s = {"anyOf": [s, {"type": "null"}], "description": f"raw {f.na} = not available"}
    if f.units:
        s["x-units"] = f.units
    if f.doc:
        s["title"] = f.doc
    s["x-bits"] = f.width
    return s


def _object(items: Sequence[Item]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required: list[str] = []
    for f, always in all_fields(items):
        if isinstance(f, Repeat):
            props[f.name] = {"type": "array", "maxItems": f.max_count, "items": _object(f.items)}
        elif f.kind is not Kind.SPARE:
            props.setdefault(f.name, field_schema(f))
        if always and f.name in props and f.name not in required:
            required.append(f.name)
    return {"type": "object", "properties": props, "required": required}


def json_schema() -> dict[str, Any]:
    """A JSON Schema (2020-12) with one subschema per message type, selected by `type`."""
    defs: dict[str, Any] = {}
    for number, mt in sorted(TYPES.items()):
        obj = _object(mt.items)
        obj["title"] = f"Type {number}: {mt.title}"
        obj["properties"]["type"] = {"const": number}
        defs[f"type{number}"] = obj
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://aiswatch.invalid/schema/ais-message.json",
        "title": "AIS message (gpsd JSON-AIS member names, scaled)",
        "oneOf": [{"$ref": f"#/$defs/type{n}"} for n in sorted(TYPES)],
        "$defs": defs,
        "x-applications": [
            {"type": m, "dac": dac, "fid": fid, "title": title}
            for m, dac, fid, title in apps.known()
        ],
    }
