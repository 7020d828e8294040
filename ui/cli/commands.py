"""The ``zones`` command's work: ``validate``, ``info``, ``plan`` and ``roster`` (``export``,
which draws, is :mod:`ui.cli.export`).

Each command takes the parsed arguments and returns the exit code; errors leave as exceptions
that :func:`ui.cli.main` turns into one translated message.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ui.cli.checks import EXIT_INVALID, EXIT_OK, InputFileError, UsageError, check_writable
from ui.cli.minutes import category_minutes
from ui.cli.texts import t
from zones.errors import ZonePlannerError
from zones.plan.privacy import PUBLIC
from zones.scenario.readers import read_scenario
from zones.scenario.summary import summarise

log = logging.getLogger("zones")


def profile_line(profile: str, lang: str) -> str:
    """The line that says which privacy profile was written, e.g. ``已写出：公开版（不含姓名、
    电话）`` / ``Profile written: public (no names or phones)``.

    Parameters
    ----------
    profile
        ``"public"`` or ``"internal"``.
    lang
        ``"zh"`` or ``"en"``.
    """
    return t("cli.profile.written", lang, profile=t(f"cli.profile.{profile}", lang))


def _read(args: argparse.Namespace):
    return read_scenario(args.path, coord_source=args.coord_source, swap_axes=args.swap_axes)


def cmd_validate(args: argparse.Namespace) -> int:
    """Print the validation report; 0 when the scenario is usable, 1 when not."""
    scenario = _read(args)
    print(scenario.report.to_text(args.lang))
    print(t("cli.valid", args.lang))
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    """Print a summary of the scenario (or its errors)."""
    scenario = _read(args)
    facts = summarise(scenario)
    if args.json:
        print(json.dumps(facts, ensure_ascii=False, indent=2))
        return EXIT_OK
    lang = args.lang
    counts = facts["counts"]
    lines = [
        t("cli.info.name", lang, name=facts["name"]),
        t(
            "cli.info.villages",
            lang,
            n=counts["villages"],
            area=facts["area_km2"],
            population=facts["population"],
        ),
        t(
            "cli.info.townships",
            lang,
            townships="; ".join(f"{k} {v}" for k, v in facts["townships"].items()),
        ),
        t("cli.info.officers", lang, police=facts["police"], aux=facts["auxiliaries"]),
        t(
            "cli.info.layers",
            lang,
            roads=counts["roads"],
            incidents=counts["incidents"],
            rooms=counts["rooms"],
            station=counts["station"],
        ),
    ]
    if facts["incident_first"]:
        lines.append(
            t("cli.info.period", lang, first=facts["incident_first"], last=facts["incident_last"])
        )
    lines.append(
        t(
            "cli.info.report",
            lang,
            repairs=len(scenario.report.repairs),
            warnings=len(scenario.report.warnings),
        )
    )
    print("\n".join(lines))
    return EXIT_OK


def _pct(share: float) -> str:
    return "-" if share != share else f"{share:.0%}"  # NaN: nothing to cover


def _km(metres: float) -> str:
    return "-" if metres != metres else f"{metres / 1000:.1f}"


def _read_previous(path: Path, index, lang: str):
    """The current map (``--previous``), with a damaged or foreign file as an input error."""
    from zones.zoning.polygons import read_previous

    try:
        return read_previous(path, index)
    except ZonePlannerError:
        raise
    except (RuntimeError, ValueError) as exc:  # pyogrio, pandas and codec errors of a bad file
        log.debug("unreadable --previous", exc_info=True)
        msg = t("cli.previous_unreadable", lang, path=path, error=exc)
        raise InputFileError(msg) from exc


def _remove_personal_files(folder: Path) -> list[Path]:
    """Files with names and phones that an earlier internal plan left in ``folder``."""
    from zones.plan.privacy import PERSONAL_FILES

    removed = []
    for name in PERSONAL_FILES:
        stale = folder / name
        if stale.is_file():
            stale.unlink()
            removed.append(stale)
    return removed


def cmd_plan(args: argparse.Namespace) -> int:
    """Plan zones, zone heads, auxiliaries, rooms and patrols, and write the plan folder
    (:func:`zones.write_plan`) in the privacy profile of ``--profile``."""
    from zones.plan.files import write_plan
    from zones.plan.pipeline import make_plan
    from zones.plan.privacy import plan_for_profile

    lang = args.lang
    if not args.no_patrol and args.stop_minutes > args.patrol_minutes:
        msg = t(
            "cli.plan.stop_over_budget",
            lang,
            stop=f"{args.stop_minutes:g}",
            budget=f"{args.patrol_minutes:g}",
        )
        raise UsageError(msg)
    check_writable(args.out, lang)  # before the long work
    minutes = category_minutes(getattr(args, "category_minutes", None))
    scenario = _read(args)
    previous = (
        _read_previous(args.previous, scenario.villages.index, lang) if args.previous else None
    )
    plan = make_plan(
        scenario,
        n_zones=args.zones,
        workload=args.workload,
        category_minutes=minutes,
        tolerance=args.tolerance,
        seed=args.seed,
        previous=previous,
        nest_within=args.nest,
        roster_start=args.roster_start,
        roster_days=args.roster_days,
        patrol=not args.no_patrol,
        peak_hours=args.peak_hours,
        patrol_budget_minutes=args.patrol_minutes,
        patrol_stop_minutes=args.stop_minutes,
        patrol_radius_m=args.radius,
        progress=_plan_progress(lang),
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    removed = _remove_personal_files(args.out) if args.profile == PUBLIC else []
    paths = write_plan(plan_for_profile(plan, args.profile), args.out)
    _print_plan_figures(plan.metrics, args)
    for issue in (*plan.warnings, *paths.warnings):
        print(issue.to_text(lang))
    if previous is not None:
        print(t("cli.plan.moved", lang, n=plan.metrics["moved_units"]))
    print(t("cli.plan.written", lang, files=", ".join(p.name for p in paths)))
    print(profile_line(args.profile, lang))
    if removed:
        print(t("cli.plan.removed_personal", lang, files=", ".join(p.name for p in removed)))
    return EXIT_OK


def _plan_progress(lang: str) -> Callable[[float, str], None]:
    """A progress callback that shows the furthest fraction so far on a terminal's stderr."""
    shown = [0.0]

    def show(fraction: float, message: str) -> None:
        shown[0] = max(shown[0], fraction)
        if sys.stderr.isatty():
            print(
                f"\r{t('cli.plan.progress', lang)} {shown[0]:4.0%} {message:<30}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    return show


def _print_plan_figures(m: Mapping[str, Any], args: argparse.Namespace) -> None:
    """Print the plan's zoning, staffing and (when planned) patrol figures."""
    lang = args.lang
    print(
        t(
            "cli.plan.done",
            lang,
            zones=m["n_zones"],
            dev=f"{m['max_abs_deviation']:.2%}",
            pp=f"{m['mean_polsby_popper']:.3f}",
            seconds=m["seconds"],
        )
    )
    print(
        t(
            "cli.plan.staffed",
            lang,
            staffed=m["villages_staffed"],
            villages=m["villages"],
            home=m["aux_home"],
            familiar=m["aux_familiar"],
            new=m["rooms_new"],
        )
    )
    if "mean_road_distance_km" in m:
        road = f"{m['mean_road_distance_km']:.2f}"
        straight = f"{m['mean_centre_distance_km']:.2f}"
        fallbacks = m["road_distance_fallbacks"]
        print(t("cli.plan.reach_road", lang, straight=straight, road=road, fallbacks=fallbacks))
    elif "mean_centre_distance_km" in m:
        print(t("cli.plan.reach", lang, straight=f"{m['mean_centre_distance_km']:.2f}"))
    if "patrol_lines" in m:
        print(
            t(
                "cli.plan.patrol",
                lang,
                lines=m["patrol_lines"],
                posts=m["posts"],
                peaks=m["peak_windows"] or "-",
                offpeak=_pct(m["patrol_coverage_offpeak"]),
                peak=_pct(m["post_coverage_peak"]),
                radius=f"{args.radius:g}",
                median=_km(m["base_distance_m_median"]),
                p90=_km(m["base_distance_m_p90"]),
            )
        )


def cmd_roster(args: argparse.Namespace) -> int:
    """Plan the duty roster and write roster.csv, roster_summary.csv and roster.xlsx."""
    from zones.roster.roster import (
        RosterShortageError,
        read_leave,
        shortage_lines,
        solve_roster,
        write_roster,
    )

    check_writable(args.out, args.lang)  # before the work
    scenario = _read(args)
    leave = read_leave(args.leave) if args.leave else None
    heads = [h.strip() for h in args.heads.split(",") if h.strip()] if args.heads else None

    def show(fraction: float, message: str) -> None:
        if sys.stderr.isatty():
            text = f"\r{t('cli.roster.progress', args.lang)} {fraction:4.0%} {message:<12}"
            print(text, end="", file=sys.stderr, flush=True)

    try:
        result = solve_roster(
            scenario.officers,
            args.start,
            args.days,
            pattern=args.pattern,
            leave=leave,
            zone_heads=heads,
            seed=args.seed,
            on_shortage=args.on_shortage,
            time_limit_s=args.time_limit,
            progress=show,
        )
    except RosterShortageError as exc:
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(exc.message(args.lang), file=sys.stderr)
        return EXIT_INVALID
    if sys.stderr.isatty():
        print(file=sys.stderr)
    paths = write_roster(result, args.out, lang=args.lang)
    m = result.metrics
    spread = m["spread"]
    print(
        t(
            "cli.roster.done",
            args.lang,
            start=result.settings["start"],
            end=result.table["date"].max().date().isoformat(),
            days=result.settings["days"],
            officers=int(result.summary["fair"].sum()),
            spread=spread["all"],
            police=spread["police"],
            aux=spread["auxiliary"],
            seconds=f"{m['seconds']:.1f}",
        )
    )
    if m["flagged_days"]:
        days, slots = len(m["flagged_days"]), m["unfilled_slots"]
        print(t("cli.roster.flagged", args.lang, days=days, slots=slots))
        print("\n".join(shortage_lines(result.shortages, args.lang)))
    if m["stopped_by"] != "proof":
        print(t("cli.roster.time_limit", args.lang))
    print(t("cli.roster.written", args.lang, files=", ".join(p.name for p in paths)))
    return EXIT_OK
