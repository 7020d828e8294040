"""Slow exact answers that the tests check the solvers against (never used by the planner)."""

from __future__ import annotations

import numpy as np


def held_karp(travel: np.ndarray) -> tuple[float, tuple[int, ...]]:
    """The exact shortest closed tour through every stop, from stop 0 (Held–Karp dynamic
    programming, O(2ⁿ n²): for checking the solver on small cases, up to about 13 stops).
    """
    n = len(travel)
    if n == 1:
        return 0.0, (0,)
    m = n - 1
    full = 1 << m
    best = np.full((full, m), np.inf)
    parent = np.full((full, m), -1, dtype=np.int64)
    inner = travel[1:, 1:]
    for j in range(m):
        best[1 << j, j] = travel[0, j + 1]
    for subset in range(1, full):
        row = best[subset]
        if not np.isfinite(row).any():
            continue
        for j in range(m):
            if subset & (1 << j):
                continue
            cand = row + inner[:, j]
            i = int(np.argmin(cand))
            target = subset | (1 << j)
            if cand[i] < best[target, j]:
                best[target, j] = cand[i]
                parent[target, j] = i
    closing = best[full - 1] + travel[1:, 0]
    j = int(np.argmin(closing))
    total = float(closing[j])
    order = []
    subset = full - 1
    while j >= 0:
        order.append(j + 1)
        previous = parent[subset, j]
        subset &= ~(1 << j)
        j = int(previous)
    return total, (0, *order[::-1])
