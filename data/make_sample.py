"""Build the bundled sample scenario in ``data/sample/`` (this script is its provenance).

The sample is **synthetic**: a rural police station modelled on 白海子派出所 (Jining district,
Ulanqab, Inner Mongolia), with 90 invented villages in 4 townships, invented officers, phone
numbers, roads and incidents. Nothing is copied from real records. Re-running this script
reproduces the same bytes.

Run from the repository root::

    .venv/bin/python data/make_sample.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # allow running the script without installing the package
    sys.path.insert(0, str(ROOT))

from zones import columns as C  # noqa: E402
from zones.synth import make_scenario_layers, write_scenario  # noqa: E402

SAMPLE_DIR = ROOT / "data" / "sample"
SETTINGS: dict[str, object] = {
    "n_villages": 90,
    "seed": 2025,
    "center_lonlat": (113.15, 41.0),
    "n_townships": 4,
    "n_police": 22,
    "aux_shortfall": 4,
    "station_name": "白海子派出所",
    "year": 2025,
}
# the sample must stay inside this lon/lat box (around the real station's area)
BOUNDS = (113.0, 40.9, 113.3, 41.1)


def build() -> dict[str, gpd.GeoDataFrame]:
    """Generate the sample's layers and check that they fit the intended area."""
    settings = dict(SETTINGS)
    n_villages = int(settings.pop("n_villages"))
    layers = make_scenario_layers(n_villages, **settings)
    xmin, ymin, xmax, ymax = layers[C.JURISDICTION].total_bounds
    if not (xmin >= BOUNDS[0] and ymin >= BOUNDS[1] and xmax <= BOUNDS[2] and ymax <= BOUNDS[3]):
        msg = f"sample bounds {xmin, ymin, xmax, ymax} leave the intended box {BOUNDS}"
        raise RuntimeError(msg)
    return layers


def main(folder: Path = SAMPLE_DIR) -> None:
    """Write the sample to ``folder`` (default ``data/sample/``) and print its counts."""
    layers = build()
    write_scenario(layers, folder, officers_csv=True)
    for name, layer in layers.items():
        print(f"{name:13s} {len(layer):6d}")
    print(f"written to {folder}")


if __name__ == "__main__":
    main()
