"""Tests for aiswatch.ais.tables: vocabularies from AIVDM.adoc and the ITU MID table."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

from aiswatch.ais import tables as t

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
MID_CSV = SHARED / "data" / "geo" / "ports" / "itu_MaritimeIdentificationDigits.csv"
AIVDM = SHARED / "reference" / "AIVDM.adoc"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"../shared absent: {path} not found (reference data tests need it)")
    return path


def _csv_rows() -> dict[int, list[str]]:
    rows: dict[int, list[str]] = defaultdict(list)
    with _need(MID_CSV).open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rows[int(row["MID"])].append(row["Allocated_to"])
    return rows


def _adoc_table(title: str) -> dict[int, str]:
    """Code -> text of a two-column table of AIVDM.adoc, ranges ("1-19") expanded."""
    lines = _need(AIVDM).read_text(encoding="utf-8").splitlines()
    i = lines.index(title)
    while lines[i] != "|======":
        i += 1
    out: dict[int, str] = {}
    last: list[int] = []
    for line in lines[i + 1 :]:
        if line == "|======":
            break
        m = re.match(r"\|\s*(\d+)(?:-(\d+))?\s*\|(.*)$", line)
        if m:
            lo, hi = int(m[1]), int(m[2] or m[1])
            last = list(range(lo, hi + 1))
            for code in last:
                out[code] = m[3].strip()
        elif not line.startswith("|"):  # continuation line of the previous cell
            for code in last:
                out[code] += " " + line.strip()
    return out


# --- MID table --------------------------------------------------------------------------------


def test_every_csv_mid_is_in_mid_table_with_its_text() -> None:
    rows = _csv_rows()
    assert sum(len(v) for v in rows.values()) == 294
    assert set(t.MID_TABLE) == set(rows)
    for mid, names in rows.items():
        if len(names) == 1:
            assert t.MID_TABLE[mid] == names[0], mid
            assert mid not in t.MID_TERRITORIES
        else:
            assert t.MID_TERRITORIES[mid] == tuple(names), mid
            for name in names:
                tail = name.split(" - ", 1)[1]
                assert tail in t.MID_TABLE[mid]


def test_mid_306_joins_its_three_territories() -> None:
    assert t.MID_TABLE[306] == (
        "Netherlands (Kingdom of the) - Bonaire, Sint Eustatius and Saba / Curaçao / "
        "Sint Maarten (Dutch part)"
    )
    assert len(t.MID_TERRITORIES[306]) == 3
    assert set(t.MID_TERRITORIES) == {306}


def test_mid_table_shape() -> None:
    assert len(t.MID_TABLE) == 292
    assert all(201 <= mid <= 775 for mid in t.MID_TABLE)
    assert t.mid_country(219) == "Denmark"
    assert t.mid_country(200) is None
    assert t.mid_country(0) is None


def test_every_mid_has_an_iso2() -> None:
    assert set(t.MID_ISO2) == set(t.MID_TABLE)
    for mid, code in t.MID_ISO2.items():
        assert re.fullmatch(r"[A-Z]{2}", code), (mid, code)
        assert t.mid_iso2(mid) == code


@pytest.mark.parametrize(
    ("mid", "iso2"),
    [
        (201, "AL"),
        (204, "PT"),  # Azores
        (255, "PT"),  # Madeira
        (263, "PT"),
        (219, "DK"),
        (220, "DK"),
        (231, "FO"),
        (331, "GL"),
        (232, "GB"),
        (236, "GI"),
        (271, "TR"),
        (303, "US"),  # Alaska
        (306, "NL"),
        (307, "AW"),
        (338, "US"),
        (366, "US"),
        (367, "US"),
        (368, "US"),
        (369, "US"),
        (358, "PR"),
        (379, "VI"),
        (351, "PA"),
        (374, "PA"),
        (412, "CN"),
        (413, "CN"),
        (414, "CN"),
        (416, "TW"),
        (440, "KR"),
        (445, "KP"),
        (443, "PS"),
        (453, "MO"),
        (477, "HK"),
        (501, "TF"),
        (518, "CK"),
        (542, "NU"),
        (538, "MH"),
        (563, "SG"),
        (608, "SH"),
        (613, "CM"),
        (636, "LR"),
        (669, "SZ"),
        (671, "TG"),
        (674, "TZ"),
        (677, "TZ"),
        (676, "CD"),
        (615, "CG"),
        (740, "FK"),
        (775, "VE"),
    ],
)
def test_known_mid_iso2(mid: int, iso2: str) -> None:
    assert t.mid_iso2(mid) == iso2


def test_unallocated_mid_has_no_iso2() -> None:
    for mid in (0, 123, 200, 217, 221, 260, 300, 400, 500, 600, 700, 776, 999):
        assert t.mid_iso2(mid) is None
        assert t.mid_country(mid) is None


def test_iso2_consistent_with_country_text() -> None:
    # MIDs allocated to the same ITU text share one ISO code.
    by_text: dict[str, set[str]] = defaultdict(set)
    for mid, text in t.MID_TABLE.items():
        by_text[text].add(t.MID_ISO2[mid])
    assert all(len(codes) == 1 for codes in by_text.values()), {
        k: v for k, v in by_text.items() if len(v) > 1
    }


# --- vocabularies -----------------------------------------------------------------------------


def test_nav_status_matches_doc() -> None:
    doc = _adoc_table(".Navigation Status")
    assert len(t.NAV_STATUS) == 16
    assert {i: t.nav_status_text(i) for i in range(16)} == doc
    assert t.nav_status_text(0) == "Under way using engine"
    assert t.nav_status_text(5) == "Moored"
    assert t.nav_status_text(14) == "AIS-SART is active"
    assert t.nav_status_text(15) == "Not defined (default)"
    assert t.nav_status_text(16) == "Invalid code 16"
    assert t.nav_status_text(-1) == "Invalid code -1"


def test_maneuver_and_blue_sign() -> None:
    doc = _adoc_table(".Maneuver Indicator")
    assert {i: t.maneuver_text(i) for i in range(3)} == doc
    assert t.maneuver_text(3) == "Not used"
    assert t.maneuver_text(4) == "Invalid code 4"
    assert {i: t.blue_sign_text(i) for i in range(3)} == _adoc_table(".Blue Sign")


def test_epfd_matches_doc() -> None:
    rows = _adoc_table(".EPFD Fix Types")
    assert {i: t.epfd_text(i) for i in range(9)} == rows
    assert len(t.EPFD_TYPES) == 16
    assert t.epfd_text(1) == "GPS"
    assert t.epfd_text(8) == "Galileo"
    assert t.epfd_text(9) == "Not used"
    assert t.epfd_text(15) == "Internal GNSS"
    assert t.epfd_text(16) == "Invalid code 16"


def test_ship_types_match_doc() -> None:
    doc = _adoc_table(".Codes for Ship Type")
    assert len(t.SHIP_TYPES) == 100
    assert {i: t.ship_type_text(i) for i in range(100)} == doc
    assert t.ship_type_text(30) == "Fishing"
    assert t.ship_type_text(70) == "Cargo, all ships of this type"
    assert t.ship_type_text(84) == "Tanker, Hazardous category D"


def test_ship_type_over_99_reads_like_zero_and_keeps_code() -> None:
    assert t.ship_type_text(137) == "Not available (code 137)"
    assert t.ship_type_text(255).startswith("Not available")
    assert "255" in t.ship_type_text(255)
    assert t.ship_type_category(137) == t.ship_type_category(0) == "unknown"


@pytest.mark.parametrize(
    ("code", "category"),
    [
        (0, "unknown"),
        (1, "reserved"),
        (19, "reserved"),
        (20, "wig"),
        (29, "wig"),
        (30, "fishing"),
        (31, "towing"),
        (32, "towing"),
        (33, "dredging"),
        (34, "diving"),
        (35, "military"),
        (36, "sailing"),
        (37, "pleasure"),
        (38, "reserved"),
        (39, "reserved"),
        (40, "hsc"),
        (49, "hsc"),
        (50, "pilot"),
        (51, "sar"),
        (52, "tug"),
        (53, "port_tender"),
        (54, "anti_pollution"),
        (55, "law_enforcement"),
        (56, "local"),
        (57, "local"),
        (58, "medical"),
        (59, "noncombatant"),
        (60, "passenger"),
        (69, "passenger"),
        (70, "cargo"),
        (79, "cargo"),
        (80, "tanker"),
        (89, "tanker"),
        (90, "other"),
        (99, "other"),
        (100, "unknown"),
        (-5, "unknown"),
    ],
)
def test_ship_type_category(code: int, category: str) -> None:
    assert t.ship_type_category(code) == category


def test_ship_type_categories_cover_every_code() -> None:
    assert {t.ship_type_category(c) for c in range(256)} == set(t.SHIP_TYPE_CATEGORIES)
    assert len(t.SHIP_TYPE_CATEGORIES) == len(set(t.SHIP_TYPE_CATEGORIES))


def test_aid_types_match_doc() -> None:
    doc = _adoc_table(".Navaid Types")
    assert len(t.AID_TYPES) == 32
    for code in range(32):
        ours = t.aid_type_text(code)
        # Ours drops the trailing period of 4 and the note of 3; otherwise verbatim.
        assert doc[code].startswith(ours), (code, ours, doc[code])
    assert t.aid_type_text(1) == "Reference point"
    assert t.aid_type_text(31) == "Light Vessel / LANBY / Rigs"
    assert t.aid_type_text(32) == "Invalid code 32"


def test_station_types_match_doc() -> None:
    doc = _adoc_table(".Station Types")
    assert {i: t.station_type_text(i) for i in range(16)} == doc
    assert t.station_type_text(3) == "SAR airborne mobile station"
    assert t.station_type_text(7) == "Regional use and inland waterways"
    assert t.station_type_text(12) == "Reserved for future use"


def test_txrx_and_interval_match_doc() -> None:
    assert {i: t.txrx_text(i) for i in range(4)} == _adoc_table(".Transmit Modes")
    assert {i: t.interval_text(i) for i in range(16)} == _adoc_table(".Station Intervals")


def test_vocabularies_keys() -> None:
    assert set(t.VOCABULARIES) == {
        (1, "status"),
        (2, "status"),
        (3, "status"),
        (4, "epfd"),
        (11, "epfd"),
        (5, "shiptype"),
        (5, "epfd"),
        (19, "shiptype"),
        (19, "epfd"),
        (21, "aid_type"),
        (21, "epfd"),
        (23, "ship_type"),
        (23, "station_type"),
        (24, "shiptype"),
        (27, "status"),
    }
    assert t.VOCABULARIES[(1, "status")] is t.nav_status_text
    assert t.VOCABULARIES[(21, "aid_type")] is t.aid_type_text
    assert t.VOCABULARIES[(23, "station_type")] is t.station_type_text
    assert t.VOCABULARIES[(24, "shiptype")] is t.ship_type_text


def test_controlled_texts() -> None:
    msg = {"type": 1, "mmsi": 413000000, "status": 5, "turn": 0, "maneuver": 0}
    assert t.controlled_texts(1, msg) == {"status_text": "Moored"}
    msg5 = {"shiptype": 70, "epfd": 1, "shipname": "X", "imo": 9074729}
    assert t.controlled_texts(5, msg5) == {
        "shiptype_text": "Cargo, all ships of this type",
        "epfd_text": "GPS",
    }
    assert t.controlled_texts(18, {"speed": 10}) == {}
    assert t.controlled_texts(21, {"aid_type": None, "epfd": True}) == {}
    assert t.controlled_texts(24, {"shiptype": 200}) == {
        "shiptype_text": "Not available (code 200)"
    }
