"""The command line of ``python -m zones.synth``: write a seeded synthetic scenario folder."""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

from zones.synth.folder import write_scenario
from zones.synth.scenario import make_scenario_layers


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: generate a scenario and write it to a folder (for benchmarks).

    Parameters
    ----------
    argv
        Arguments without the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit status (0).
    """
    parser = argparse.ArgumentParser(
        prog="python -m zones.synth", description="Write a seeded synthetic scenario."
    )
    parser.add_argument("--villages", type=int, default=90, help="number of villages")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--townships", type=int, default=None, help="number of townships")
    parser.add_argument("--incidents", type=int, default=None, help="number of incidents")
    parser.add_argument("--police", type=int, default=None, help="number of sworn officers")
    parser.add_argument("--aux-shortfall", type=int, default=4, help="villages without an aux")
    parser.add_argument("--year", type=int, default=2025, help="year of the incidents")
    parser.add_argument(
        "--officers-geojson", action="store_true", help="write officers.geojson, not .csv"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    layers = make_scenario_layers(
        args.villages,
        seed=args.seed,
        n_townships=args.townships,
        n_incidents=args.incidents,
        n_police=args.police,
        aux_shortfall=args.aux_shortfall,
        year=args.year,
    )
    generated = time.perf_counter()
    write_scenario(layers, args.out, officers_csv=not args.officers_geojson)
    written = time.perf_counter()
    counts = ", ".join(f"{name} {len(layer)}" for name, layer in layers.items())
    print(f"{counts}")
    print(
        f"generated in {generated - start:.2f} s, written in {written - generated:.2f} s "
        f"to {args.out}"
    )
    return 0
