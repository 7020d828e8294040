"""Public readers: a scenario from disk or from uploaded bytes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from zones import columns as C
from zones.errors import ScenarioError, UploadError
from zones.model import Scenario
from zones.report import Issue, ValidationReport
from zones.scenario.io import MAX_FILE_MB, RawScenario, read_files, read_raw
from zones.scenario.validate import DEFAULT_GAP_WIDTH_M, validate

SAMPLE_PATH = Path(__file__).resolve().parents[2] / "data" / "sample"
"""The bundled synthetic sample scenario (a folder of GeoJSON files and a CSV roster)."""


def read_scenario(
    path: str | Path,
    *,
    coord_source: str = "wgs84",
    swap_axes: bool = False,
    gap_width_m: float = DEFAULT_GAP_WIDTH_M,
) -> Scenario:
    """Read and validate a scenario from a folder, a ``.zip`` of one, or a GeoPackage.

    Parameters
    ----------
    path
        A folder holding ``villages.geojson`` (required), ``jurisdiction.geojson``,
        ``officers.geojson`` or ``officers.csv``, ``roads.geojson``, ``incidents.geojson``,
        ``rooms.geojson``, ``station.geojson`` (zipped shapefiles with those names work too);
        a ``.zip`` of such a folder; or a ``.gpkg`` with layers of those names.
    coord_source
        ``"wgs84"`` (also CGCS2000), ``"gcj02"`` or ``"bd09"``: the system the coordinates were
        captured in; they are converted to WGS 84.
    swap_axes
        Swap x and y first, for files written as lat/lon.
    gap_width_m
        Gaps between villages narrower than this (metres) are merged into a neighbour.

    Returns
    -------
    Scenario
        Every layer in WGS 84; ``scenario.report`` lists the repairs and warnings.

    Raises
    ------
    ScenarioError
        When anything is wrong; ``error.report`` lists every problem with its fix.

    Examples
    --------
    >>> import zones
    >>> scenario = zones.read_scenario(zones.SAMPLE_PATH)
    >>> scenario.report.ok
    True
    """
    raw = read_raw(path)
    return _validate(raw, coord_source=coord_source, swap_axes=swap_axes, gap_width_m=gap_width_m)


def read_scenario_bytes(
    files: Mapping[str, bytes],
    *,
    name: str = "upload",
    coord_source: str = "wgs84",
    swap_axes: bool = False,
    gap_width_m: float = DEFAULT_GAP_WIDTH_M,
) -> Scenario:
    """Read and validate a scenario held in memory (files uploaded in the app).

    Parameters
    ----------
    files
        File name → content: one ``.zip`` or ``.gpkg``, or separate layer files
        (``villages.geojson``, ``officers.csv`` …). Names only identify layers; they are
        never used as paths. Content is sniffed (zip and GeoPackage by their magic bytes).
    name
        How the source is named in the report.
    coord_source, swap_axes, gap_width_m
        As in :func:`read_scenario`.

    Raises
    ------
    UploadError
        When a file is refused before reading (too large, unsafe zip member).
    ScenarioError
        When the content is wrong.
    """
    too_big = [n for n, data in files.items() if len(data) > MAX_FILE_MB * 2**20]
    if too_big:
        issues = tuple(
            Issue(
                "error",
                C.SCENARIO,
                n,
                "file_too_large",
                {"mb": round(len(files[n]) / 2**20, 1), "cap": MAX_FILE_MB},
            )
            for n in too_big
        )
        raise UploadError(ValidationReport(issues, source=name))
    raw = read_files(dict(files), name)
    unsafe = [i for i in raw.issues if i.code.startswith("zip_") and i.severity == "error"]
    if unsafe:
        raise UploadError(ValidationReport(tuple(unsafe), source=name))
    return _validate(raw, coord_source=coord_source, swap_axes=swap_axes, gap_width_m=gap_width_m)


def _validate(
    raw: RawScenario, *, coord_source: str, swap_axes: bool, gap_width_m: float
) -> Scenario:
    try:
        return validate(
            raw, coord_source=coord_source, swap_axes=swap_axes, gap_width_m=gap_width_m
        )
    except ScenarioError:
        raise
