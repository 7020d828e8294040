"""The verdicts and the Markdown table of ``bench/zoning_coarse.py`` (issue #14's benchmark).

A plan *passes* when it has the zones asked for, all contiguous, and both its worst deviation
and its worst deviation over the zones without a heavy unit (*others*) are within the
tolerance, or within ``SLACK`` (0.5 points) of the proven floor where that floor is above it.
"""

from __future__ import annotations

import numpy as np

SLACK = 0.005  # a plan may end this far above a proven floor (issue #14: 0.5 points)


def verdict(result: dict, floor: dict | None, tolerance: float, k: int) -> dict[str, object]:
    """Met (within the tolerance), or the gap above the proven floor, overall and for others."""
    out: dict[str, object] = {}
    pairs = (("worst_deviation", "floor_deviation"), ("worst_other_deviation", "floor_others"))
    for key, fkey in pairs:
        dev = result.get(key)
        bound = (floor or {}).get(fkey)
        if dev is None:
            continue
        if dev <= tolerance + 1e-9:
            out[f"{key}_verdict"] = "met"
        elif bound is None:
            out[f"{key}_verdict"] = "unmet, floor n/a"
        elif bound <= tolerance + 1e-9:
            out[f"{key}_gap_pt"] = 100 * (dev - tolerance)
            out[f"{key}_verdict"] = "missed (reachable)"
        else:
            out[f"{key}_gap_pt"] = 100 * (dev - bound)
            out[f"{key}_verdict"] = (
                "BELOW FLOOR"
                if dev < bound - 1e-9  # the bound is wrong: say so loudly
                else "at floor"
                if dev - bound <= SLACK + 1e-9
                else "above floor"
            )
    shape_ok = result.get("contiguous") is True and result.get("zones_found") == k
    out["passes"] = (
        bool(out)
        and shape_ok
        and all(v in ("met", "at floor") for key, v in out.items() if key.endswith("_verdict"))
    )
    return out


def _cell(r: dict | None) -> str:
    if r is None:
        return "—"
    error = str(r.get("error", ""))
    if error:
        if "heavier than the band" in error:
            return "cannot (heavy unit)"
        return "no cut found" if "possible cut" in error else error[:40]
    parts = [f"{r['seconds']:.2f} s", f"{100 * r['worst_deviation']:.1f}%"]
    if r.get("heavy_units") and r.get("worst_other_deviation") is not None:
        parts.append(f"others {100 * r['worst_other_deviation']:.1f}%")
    parts.append(f"PP {r['mean_polsby_popper']:.3f}")
    if r.get("zones_found") != r.get("zones"):
        parts.append(f"{r['zones_found']} zones")
    if not r.get("contiguous"):
        parts.append("not contiguous")
    gaps = [r[g] for g in ("worst_deviation_gap_pt", "worst_other_deviation_gap_pt") if g in r]
    mark = "✓" if r.get("passes") else "✗" + (f" +{max(gaps):.1f} pt" if gaps else "")
    return " · ".join(parts) + " " + mark


def _floor_cell(r: dict | None) -> str:
    if r is None or "error" in r:
        return "n/a"
    dev, oth = r.get("floor_deviation"), r.get("floor_others")
    text = "—" if dev is None else f"{100 * dev:.1f}%"
    if oth is not None and oth != dev:
        text += f" / others {100 * oth:.1f}%"
    return f"{text} ({r.get('floor_reason') or '?'})"


def _rescored(row: dict | None, floor: dict | None) -> dict | None:
    """A row of another run (``--before``), its verdict taken again against this run's floor."""
    if row is None or "error" in row:
        return row
    kept = {k: v for k, v in row.items() if "_verdict" not in k and "_gap_pt" not in k}
    return {**kept, **verdict(kept, floor, row["tolerance"], row["zones"])}


def markdown(results: list[dict], before: list[dict] | None = None) -> str:
    """The table for bench/RESULTS.md: one row per input, one column per method."""
    by_input: dict[str, dict[str, dict]] = {}
    for r in results:
        by_input.setdefault(r["input"], {})[r["method"]] = r
    old = {r["input"]: r for r in before or () if r["method"] == "ours"}
    methods = ["ours", *(["before"] if before else []), "metis", "gerrychain"]
    head = {"ours": "ours", "before": "ours, before", "metis": "METIS", "gerrychain": "GerryChain"}
    lines = [
        "| case (villages → zones) | skew · heaviest / mean | floor | "
        + " | ".join(head[m] for m in methods)
        + " |",
        "|---|---|---|" + "---|" * len(methods),
    ]
    table = {}
    for name, rows in by_input.items():
        rows = {**rows, "before": _rescored(old.get(name), rows.get("floor"))}
        table[name] = rows
        any_row = next(iter(rows.values()))
        case = f"{name} ({any_row['units']} → {any_row['zones']})"
        skew = f"{any_row.get('skew', 'today')} · {any_row['heaviest_share']:.2f}×"
        cells = [_floor_cell(rows.get("floor"))] + [_cell(rows.get(m)) for m in methods]
        lines.append(f"| {case} | {skew} | " + " | ".join(cells) + " |")
    lines.append("")
    for method in methods:
        done = [rows[method] for rows in table.values() if rows.get(method) is not None]
        if not done:
            continue
        ran = [r for r in done if "error" not in r]
        passed = sum(bool(r.get("passes")) for r in done)
        seconds = [r["seconds"] for r in ran]
        lines.append(
            f"- {head[method]}: passes {passed} of {len(done)}; ran {len(ran)}; "
            f"median {np.median(seconds) if ran else 0:.2f} s; max {max(seconds, default=0):.2f} s"
        )
    return "\n".join(lines)
