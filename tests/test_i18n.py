"""The translation table: both languages everywhere, with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from zones import i18n

ROOT = Path(__file__).resolve().parent.parent


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(i18n.TEXTS))
def test_both_languages_share_placeholders(key: str) -> None:
    zh, en = i18n.TEXTS[key]
    assert zh.strip(), key
    assert en.strip(), key
    assert _fields(zh) == _fields(en), key


def test_unknown_language_and_key_raise() -> None:
    with pytest.raises(KeyError, match="language"):
        i18n.t("layer.villages", "fr")
    with pytest.raises(KeyError):
        i18n.t("no.such.key")


def test_chinese_is_the_default() -> None:
    assert i18n.t("layer.villages") == "行政村/社区"
    assert i18n.t("layer.villages", "en") == "villages"


def test_every_issue_code_in_the_core_has_texts() -> None:
    """Scan zones/ for issue codes and check that each has a problem and a fix text."""
    pattern = re.compile(r'"(?:error|warning|repair)",\s*[A-Za-z_.]+,\s*"([a-z0-9_]+)"')
    codes: set[str] = set()
    for path in (ROOT / "zones").rglob("*.py"):
        codes |= set(pattern.findall(path.read_text(encoding="utf-8")))
    # codes built from variables
    codes |= {
        "count_negative",
        "count_not_a_number",
        "no_police",
        "no_auxiliary",
        "no_officers",
        "no_roads",
        "no_incidents",
        "no_station",
        "bad_position",
        "coords_4d",
        "coords_nan",
        "ring_too_short",
        "ring_not_closed",
        "antimeridian",
        "null_geometry_dropped",
        "empty_geometry_dropped",
    }
    assert len(codes) > 60
    missing = [
        c for c in sorted(codes) if f"issue.{c}" not in i18n.TEXTS or f"fix.{c}" not in i18n.TEXTS
    ]
    assert missing == []
