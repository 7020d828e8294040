"""The translation tables (one per part): both languages everywhere, with the same placeholders;
no key in two tables; every key the code uses exists."""

from __future__ import annotations

import ast
import importlib
import re
import string
from pathlib import Path
from types import ModuleType

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


# --- one table per part: the core's, the map's, the app's and the command's ---------------------

PARTS = {  # module: the key prefixes it owns (None: any prefix but the other parts')
    "zones.i18n": None,
    "maps.i18n": ("map.",),
    "ui.i18n": ("app.",),
    "ui.cli.texts": ("cli.",),
}
OWNED = ("map.", "app.", "cli.")


def _tables() -> dict[str, ModuleType]:
    return {name: importlib.import_module(name) for name in PARTS}


@pytest.mark.parametrize("part", [p for p in PARTS if p != "zones.i18n"])
def test_every_part_shares_placeholders(part: str) -> None:
    module = importlib.import_module(part)
    assert module.TEXTS
    for key, (zh, en) in module.TEXTS.items():
        assert zh.strip(), key
        assert en.strip(), key
        assert _fields(zh) == _fields(en), key


def test_each_part_owns_its_keys_and_no_key_is_in_two_tables() -> None:
    seen: dict[str, str] = {}
    for name, module in _tables().items():
        prefixes = PARTS[name]
        for key in module.TEXTS:
            if prefixes is None:
                assert not key.startswith(OWNED), (name, key)
            else:
                assert key.startswith(prefixes), (name, key)
            assert key not in seen, (key, seen.get(key), name)
            seen[key] = name


def test_each_part_looks_in_its_own_table_then_below() -> None:
    tables = _tables()
    core, maps_, app, command = (tables[name] for name in PARTS)
    assert maps_.TABLES == (maps_.TEXTS, core.TEXTS)
    assert app.TABLES == (app.TEXTS, maps_.TEXTS, core.TEXTS)
    assert command.TABLES == (command.TEXTS, core.TEXTS)
    for module in tables.values():
        assert module.LANGS == core.LANGS
        assert module.DEFAULT_LANG == core.DEFAULT_LANG
        assert module.t("layer.villages") == "行政村/社区"
        assert module.t("layer.villages", "en") == "villages"
        with pytest.raises(KeyError, match="language"):
            module.t("layer.villages", "fr")
    assert app.t("map.plan.untitled", "en") == maps_.t("map.plan.untitled", "en")
    assert command.t("cli.valid", "en") == "Result: the scenario is usable."
    for key in ("map.plan.untitled", "app.title", "cli.valid"):
        with pytest.raises(KeyError):
            core.t(key)
    with pytest.raises(KeyError):
        maps_.t("app.title")


def _part_of(path: Path) -> str | None:
    """The translation module whose ``t`` the file imports, if any."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module in PARTS
            and any(alias.name == "t" for alias in node.names)
        ):
            return node.module
    return None


def _keys_used(path: Path) -> tuple[set[str], set[str]]:
    """Keys (whole) and key prefixes (from f-strings) a file passes to ``t`` or names."""
    key_like = re.compile(r"(?:map|app|cli)\.[a-z0-9_]+(?:\.[a-z0-9_]+)+")
    keys: set[str] = set()
    prefixes: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pieces = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                keys.add(first.value)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in pieces
            and key_like.fullmatch(node.value)
        ):
            keys.add(node.value)
        if isinstance(node, ast.JoinedStr) and node.values:
            head = node.values[0]
            if isinstance(head, ast.Constant) and re.match(r"[a-z]+\.[a-z0-9_.]*$", head.value):
                prefixes.add(head.value)
    return keys, prefixes


def test_every_key_used_in_code_exists() -> None:
    """Every ``t("key")`` call and every key named in the code is in a table its ``t`` reads."""
    files = [ROOT / "app.py"]
    for folder in ("zones", "maps", "ui"):
        files += sorted((ROOT / folder).rglob("*.py"))
    checked = 0
    missing = []
    for path in files:
        part = _part_of(path)
        if part is None:
            continue
        tables = importlib.import_module(part).TABLES
        known = {key for table in tables for key in table}
        keys, prefixes = _keys_used(path)
        rel = path.relative_to(ROOT).as_posix()
        missing += [(rel, key) for key in keys if key not in known]
        missing += [
            (rel, prefix + "…")
            for prefix in prefixes
            if not any(k.startswith(prefix) for k in known)
        ]
        checked += len(keys)
    assert checked > 300
    assert missing == []


def test_the_core_imports_no_part_above_it() -> None:
    """zones/ never imports maps/ or ui/ (the old ``zones.cli`` path is an alias of ``ui.cli``)."""
    offenders = []
    for path in sorted((ROOT / "zones").rglob("*.py")):
        if path == ROOT / "zones" / "cli.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [(path.name, n) for n in names if n.split(".")[0] in ("maps", "ui")]
    assert offenders == []
