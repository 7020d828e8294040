"""Where each run of the search starts: METIS or spanning-tree partitions per nesting area (the
glue to :mod:`zones.zoning.seeding`), how many starts to try, and the fallbacks they took."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from zones.report import Issue
from zones.zoning.result import add_issue
from zones.zoning.seeding import metis_partition, tree_labels

if TYPE_CHECKING:
    from zones.zoning.search import SearchProblem

SMALL_UNITS = 2_000  # up to this many units, SMALL_STARTS starts of each kind are tried
METIS_MEDIUM_UNITS = 5_000  # up to this many, MEDIUM_STARTS METIS starts; above, one
TREE_MEDIUM_UNITS = 20_000  # up to this many, MEDIUM_STARTS spanning-tree starts; above, none
SMALL_STARTS = 4
MEDIUM_STARTS = 2
TREE_STREAM = 7  # tags the random stream of a spanning-tree start: [seed, run, TREE_STREAM]


def restarts(n: int, *, tree: bool = False) -> int:
    """How many starts to try: several on small inputs, one on large ones."""
    if tree:
        if n <= SMALL_UNITS:
            return SMALL_STARTS
        return MEDIUM_STARTS if n <= TREE_MEDIUM_UNITS else 0
    if n <= SMALL_UNITS:
        return SMALL_STARTS
    return MEDIUM_STARTS if n <= METIS_MEDIUM_UNITS else 1


@dataclass
class StartLog:
    """The starts made and the fallbacks they took, for the result's warnings."""

    metis_starts: int = 0
    metis_loose: dict[int, int] = field(default_factory=dict)  # area → starts without contig
    tree_starts: int = 0
    tree_skipped: int = 0  # spanning-tree starts that found no split and were skipped

    def warn(self, issues: list[Issue], group_names: list[Hashable]) -> None:
        """Add a warning for each fallback taken (nothing when none was)."""
        for gi, n in sorted(self.metis_loose.items()):
            add_issue(
                issues,
                "metis_not_contiguous",
                feature=None if len(group_names) == 1 else str(group_names[gi]),
                n=n,
                runs=self.metis_starts,
            )
        if self.tree_skipped:
            add_issue(issues, "tree_starts_skipped", n=self.tree_skipped, runs=self.tree_starts)


def start_labels(problem: SearchProblem, kind: str, seed: int, log: StartLog) -> np.ndarray | None:
    """Start labels for ``kind`` (``"metis:<run>"`` or ``"tree:<run>"``), zones numbered area
    by area; None when a spanning-tree start finds no split (it is counted in ``log``)."""
    method, run = kind.split(":")
    labels = np.zeros(problem.graph.n, dtype=np.int64)
    offset = 0
    rng = np.random.default_rng([seed, int(run), TREE_STREAM])
    if method == "metis":
        log.metis_starts += 1
    else:
        log.tree_starts += 1
    for gi, k_g in enumerate(problem.counts):
        members = np.flatnonzero(problem.unit_group == gi)
        if method == "metis":
            part, contiguous = metis_partition(
                problem.graph, problem.weights, int(k_g), members, seed + int(run)
            )
            if not contiguous:
                log.metis_loose[gi] = log.metis_loose.get(gi, 0) + 1
        else:
            tree = tree_labels(
                problem.graph, problem.weights, int(k_g), members, rng, problem.tolerance
            )
            if tree is None:
                log.tree_skipped += 1
                return None
            part = tree
        labels[members] = part + offset
        offset += int(k_g)
    return labels
