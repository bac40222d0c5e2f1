"""Draws the bundled zone files (src/aiswatch/data/zones/*.geojson) from coordinates kept
here, so that every line of them has a stated origin.

Cable and pipeline routes are schematic: straight legs between the publicly reported
landing places, bent only to stay at sea. They are NOT survey routes; corridors are a
nominal 1 nmi (1852 m) either side. Landing places, ports and the published no-anchoring
practice are facts from the sources named in each feature; coordinates are approximate
positions of those places read from general maps, placed by aiswatch.

Regenerate with ``python -m aiswatch.sim.drawzones`` (a test checks the files match).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from aiswatch.sim.geo import buffer_line, circle

CORRIDOR_M = 1852

Pt = tuple[float, float]


def _line(
    name: str, kind: str, coords: list[Pt], source: str, corridor_m: float = CORRIDOR_M
) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"name": name, "kind": kind, "corridor_m": corridor_m, "source": source},
        "geometry": {"type": "LineString", "coordinates": [list(p) for p in coords]},
    }


def _poly(name: str, kind: str, ring: list[Pt], source: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"name": name, "kind": kind, "source": source},
        "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in ring]]},
    }


def _point(name: str, kind: str, p: Pt, source: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"name": name, "kind": kind, "source": source},
        "geometry": {"type": "Point", "coordinates": list(p)},
    }


_PORT_SRC = (
    "port: NGA World Port Index (Pub. 150, public domain) and general maps; approach point "
    "outside the harbour entrance placed by aiswatch"
)
_ANCH_SRC = "anchorage area off the port, approximate, drawn by aiswatch (illustrative circle)"

# ------------------------------------------------------------------------------ Taiwan

TP3 = [(120.098, 23.213), (119.97, 23.31), (119.83, 23.42), (119.686, 23.548)]
TPE_TW = [
    (121.415, 25.185),
    (121.52, 25.36),
    (121.76, 25.43),
    (122.1, 25.55),
    (122.6, 25.85),
    (123.2, 26.2),
]
TMC2 = [(121.405, 25.18), (121.1, 25.45), (120.6, 25.8), (120.1, 26.08), (119.965, 26.148)]

TAIWAN_PORTS: dict[str, Pt] = {
    "Keelung": (121.765, 25.172),
    "Taipei": (121.355, 25.175),
    "Taichung": (120.465, 24.292),
    "Kaohsiung": (120.245, 22.603),
    "Anping": (120.12, 22.985),
    "Magong": (119.52, 23.52),
    "Hualien": (121.65, 23.98),
    "Suao": (121.9, 24.595),
    "Xiamen": (118.1, 24.39),
    "Fuzhou": (119.72, 26.12),
    "Matsu": (119.92, 26.14),
    "Kinmen": (118.4, 24.38),
}


def taiwan() -> dict[str, Any]:
    feats = [
        _line(
            "Taiwan-Penghu No.3",
            "cable",
            TP3,
            "landing places Jiangjun (Tainan) and Penghu as reported for the Feb 2025 cut (Taipei Times "
            "2025-02-26, Focus Taiwan); schematic route drawn by aiswatch",
        ),
        _line(
            "TPE (Taiwan segment)",
            "cable",
            TPE_TW,
            "Trans-Pacific Express: Taiwan landing at Tamsui (consortium landing list); damage reported "
            "north of Keelung in Jan 2025 (Maritime Executive 2025-01-07); schematic route drawn by aiswatch",
        ),
        _line(
            "Taiwan-Matsu No.2",
            "cable",
            TMC2,
            "landing places Tamsui (Taiwan) and Nangan (Matsu) as reported for the Feb 2023 cuts "
            "(Focus Taiwan); schematic route drawn by aiswatch",
        ),
        _poly(
            "Taiwan-Penghu No.3 no-anchoring area",
            "no_anchoring",
            buffer_line(TP3, 1.0),
            "Hong Tai 58 lay inside a no-anchoring zone over the cable (Taipei Times 2025-02-26); "
            "area drawn by aiswatch as 1 nmi either side of the schematic cable",
        ),
        _poly(
            "Taiwan Strait",
            "strait",
            [
                (119.9, 25.45),
                (121.35, 25.25),
                (120.45, 24.4),
                (120.02, 23.4),
                (120.1, 22.6),
                (120.55, 22.0),
                (117.9, 23.35),
                (118.6, 24.2),
                (119.3, 24.8),
                (119.9, 25.45),
            ],
            "strait between Fujian and Taiwan, outline drawn by aiswatch for transit counting",
        ),
        _poly("Keelung anchorage", "anchorage", circle(121.78, 25.205, 1.2), _ANCH_SRC),
        _poly("Taipei anchorage", "anchorage", circle(121.3, 25.22, 1.5), _ANCH_SRC),
        _poly("Taichung anchorage", "anchorage", circle(120.4, 24.33, 2.0), _ANCH_SRC),
        _poly("Kaohsiung anchorage", "anchorage", circle(120.2, 22.56, 2.0), _ANCH_SRC),
        _poly("Xiamen anchorage", "anchorage", circle(118.16, 24.33, 1.5), _ANCH_SRC),
    ]
    feats += [_point(n, "port", p, _PORT_SRC) for n, p in TAIWAN_PORTS.items()]
    return {"type": "FeatureCollection", "name": "taiwan", "features": feats}


# ------------------------------------------------------------------------------ Baltic

BCS_EW = [(21.07, 56.03), (20.4, 56.45), (19.6, 56.95), (18.87, 57.43)]
C_LION1 = [
    (24.93, 60.145),
    (24.85, 60.0),
    (24.3, 59.8),
    (23.2, 59.6),
    (22.2, 59.3),
    (21.1, 58.75),
    (20.3, 57.9),
    (19.6, 57.3),
    (19.3, 56.6),
    (18.3, 56.2),
    (16.9, 55.9),
    (15.2, 55.5),
    (14.5, 55.45),
    (13.9, 55.05),
    (13.2, 54.8),
    (12.4, 54.55),
    (12.15, 54.25),
    (12.09, 54.185),
]
ESTLINK2 = [(25.62, 60.28), (25.75, 60.12), (26.2, 59.85), (26.75, 59.6), (27.02, 59.47)]
BALTICCONNECTOR = [(24.0, 60.03), (24.02, 59.8), (24.06, 59.55), (24.05, 59.37)]

BALTIC_PORTS: dict[str, Pt] = {
    "Helsinki": (24.95, 60.1),
    "Tallinn": (24.75, 59.5),
    "Kotka": (26.95, 60.4),
    "Ust-Luga": (28.3, 59.74),
    "Primorsk": (28.5, 60.3),
    "Riga": (24.0, 57.1),
    "Ventspils": (21.5, 57.41),
    "Liepaja": (20.95, 56.52),
    "Klaipeda": (21.05, 55.72),
    "Baltiysk": (19.85, 54.64),
    "Gdansk": (18.7, 54.45),
    "Swinoujscie": (14.28, 53.95),
    "Rostock": (12.1, 54.2),
    "Copenhagen": (12.68, 55.72),
    "Trelleborg": (13.15, 55.34),
    "Karlskrona": (15.6, 56.1),
    "Kalmar": (16.4, 56.66),
    "Visby": (18.24, 57.64),
    "Nynashamn": (17.98, 58.88),
    "Mariehamn": (19.92, 60.08),
    "Turku": (22.1, 60.4),
    "Hanko": (22.95, 59.8),
    "Paldiski": (24.0, 59.35),
}


def baltic() -> dict[str, Any]:
    feats = [
        _line(
            "BCS East-West Interlink",
            "cable",
            BCS_EW,
            "landing places Sventoji (Lithuania) and Katthammarsvik (Gotland, Sweden) as published for "
            "the Nov 2024 cut (gCaptain 2024-11-19); schematic route drawn by aiswatch",
        ),
        _line(
            "C-Lion1",
            "cable",
            C_LION1,
            "landing places Helsinki (Finland) and Rostock (Germany) as published by Cinia; schematic route "
            "east of Gotland and south of Oland drawn by aiswatch",
        ),
        _line(
            "Estlink 2",
            "cable",
            ESTLINK2,
            "HVDC link Nikuviken/Anttila (Porvoo, Finland) - Pussi (Estonia) as published by Fingrid and "
            "Elering; schematic route drawn by aiswatch",
        ),
        _line(
            "Balticconnector",
            "pipeline",
            BALTICCONNECTOR,
            "gas pipeline Inkoo (Finland) - Paldiski (Estonia) as published by Gasgrid and Elering; "
            "schematic route drawn by aiswatch",
        ),
        _poly(
            "Oresund",
            "strait",
            [
                (12.5, 56.15),
                (12.78, 56.15),
                (12.85, 55.95),
                (12.98, 55.6),
                (13.0, 55.38),
                (12.55, 55.38),
                (12.6, 55.7),
                (12.5, 55.95),
                (12.5, 56.15),
            ],
            "strait between Zealand (Denmark) and Scania (Sweden), outline drawn by aiswatch",
        ),
        _poly("Helsinki anchorage", "anchorage", circle(24.98, 60.03, 1.2), _ANCH_SRC),
        _poly("Tallinn anchorage", "anchorage", circle(24.85, 59.6, 1.5), _ANCH_SRC),
        _poly("Gdansk anchorage", "anchorage", circle(18.85, 54.55, 2.0), _ANCH_SRC),
        _poly("Ust-Luga anchorage", "anchorage", circle(27.95, 59.75, 1.5), _ANCH_SRC),
        _poly("Riga anchorage", "anchorage", circle(23.95, 57.2, 1.5), _ANCH_SRC),
        _poly("Copenhagen anchorage", "anchorage", circle(12.75, 55.75, 1.0), _ANCH_SRC),
    ]
    feats += [_point(n, "port", p, _PORT_SRC) for n, p in BALTIC_PORTS.items()]
    return {"type": "FeatureCollection", "name": "baltic", "features": feats}


DRAWINGS = {"taiwan": taiwan, "baltic": baltic}


def render(name: str) -> str:
    """The GeoJSON text: one feature per line."""
    doc = DRAWINGS[name]()
    head = {k: v for k, v in doc.items() if k != "features"}
    lines = [json.dumps(f, ensure_ascii=True) for f in doc["features"]]
    return json.dumps(head)[:-1] + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).resolve().parents[1] / "data" / "zones"
    target.mkdir(parents=True, exist_ok=True)
    for name in DRAWINGS:
        (target / f"{name}.geojson").write_text(render(name), encoding="utf-8")
        print(f"wrote {target / f'{name}.geojson'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
