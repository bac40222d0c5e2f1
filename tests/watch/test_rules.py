"""Rules: the bundled file, overrides, errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from aiswatch.watch.rules import Rules, RulesError, bundled_rules_path, load_rules, rules_from_toml


def test_bundled_rules_equal_the_documented_defaults() -> None:
    # rules.toml and the dataclass defaults must not drift apart
    assert dataclasses.replace(load_rules(), zone_rules={}) == Rules()


def test_every_key_is_documented_with_a_comment() -> None:
    section = ""
    for line in bundled_rules_path().read_text().splitlines():
        s = line.strip()
        if s.startswith("["):
            section = s.split("#")[0].strip()
        elif s and not s.startswith("#") and section != "[severity]":
            assert "#" in s, f"{section} {s}: say what it is and where it comes from"


def test_sources_quoted() -> None:
    r = load_rules()
    assert r.encounter.max_distance_m == 500.0 and r.encounter.min_duration_s == 7200.0
    assert r.loitering.shore_distance_nm == 20.0 and r.dark.gap_at_sea_s == 6 * 3600
    assert r.dark.gap_in_corridor_s == 1800.0 and r.cable.drop_pct == 15.0
    assert r.watch.max_speed_kn == 30.0


def test_user_file_overrides_some_keys(tmp_path: Path) -> None:
    p = tmp_path / "strict.toml"
    p.write_text('[encounter]\nmax_distance_m = 300\n[severity]\nloitering = "medium"\n'
                 '[zone_rules."Test Cable"]\n"cable.loiter_min_s" = 600\n')  # fmt: skip
    r = load_rules(p)
    assert r.encounter.max_distance_m == 300.0 and r.encounter.min_duration_s == 7200.0
    assert r.severity_of("loitering") == "medium"
    assert r.for_zone("Test Cable").cable.loiter_min_s == 600.0
    assert r.for_zone("Other").cable.loiter_min_s == 1800.0
    assert r.for_zone("Other", {"cable": {"loiter_min_s": 60}}).cable.loiter_min_s == 60.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[encounter]\nmax_distanc_m = 3\n", "unknown key encounter.max_distanc_m"),
        ("[encounterz]\nx = 3\n", "unknown section 'encounterz'"),
        ('[encounter]\nmax_distance_m = "far"\n', "expected a number"),
        ("[cable]\nexempt_shiptypes = 30\n", "expected a list"),
        ('[severity]\nloitering = "huge"\n', "must be one of"),
        ("[encounter\n", "not valid TOML"),
        ('[alerts]\nsuspect_severity = "huge"\n', "must be one of"),
    ],
)
def test_bad_rules_are_errors(text: str, message: str) -> None:
    with pytest.raises(RulesError, match=message):
        rules_from_toml(text)


def test_override_api() -> None:
    r = load_rules().override({"dark.gap_at_sea_s": 3600})
    assert r.dark.gap_at_sea_s == 3600.0
    with pytest.raises(RulesError):
        load_rules().override({"gap_at_sea_s": 1})
