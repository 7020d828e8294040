"""Starting partitions: METIS (pymetis) per nesting group, or random spanning-tree bisection."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from zones.zoning.graph import UnitGraph

METIS_UFACTOR = 30  # METIS's own imbalance allowance (1.030); the local search does the rest
METIS_WEIGHT_SCALE = 1e7  # workload shares become integer vertex weights out of this total
TREE_ATTEMPTS = 400  # random spanning trees drawn per split before tree_labels gives up
TREE_FIRST_BAND = 0.5  # a split's first band, as a share of the tolerance
TREE_WIDEN_EVERY = 50  # attempts after which the band doubles


def subgraph(graph: UnitGraph, members: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR (indptr, indices, border) of the graph restricted to ``members`` (sorted positions)."""
    matrix = sparse.csr_matrix(
        (graph.border_m + 1.0, graph.indices, graph.indptr), shape=(graph.n, graph.n)
    )
    sub = matrix[members][:, members].tocsr()
    sub.sort_indices()
    return sub.indptr, sub.indices, sub.data - 1.0


def metis_labels(
    graph: UnitGraph, weights: np.ndarray, k: int, members: np.ndarray, seed: int
) -> np.ndarray:
    """Contiguous k-way METIS partition of ``members`` (labels 0…k−1, aligned to ``members``).

    See :func:`metis_partition`, which also says whether METIS's contiguous mode was used.
    """
    return metis_partition(graph, weights, k, members, seed)[0]


def metis_partition(
    graph: UnitGraph, weights: np.ndarray, k: int, members: np.ndarray, seed: int
) -> tuple[np.ndarray, bool]:
    """Contiguous k-way METIS partition of ``members``, and whether it is contiguous by METIS.

    Vertex weights are the workload scaled to integers; edge weights the shared border length in
    metres (+1, since METIS wants positive weights), so METIS minimises total zone border.

    Returns
    -------
    (labels, contiguous)
        Labels 0…k−1 aligned to ``members``; ``contiguous`` is False when METIS refused its
        contiguous mode and the partition was made again without it (its zones may then be in
        pieces, which the caller must repair and report).
    """
    if k == 1:
        return np.zeros(len(members), dtype=np.int64), True
    import pymetis

    indptr, indices, border = subgraph(graph, members)
    w = weights[members].astype(float)
    if w.sum() > 0:  # a unit heavier than a zone counts as one zone's worth: METIS isolates it
        w = np.minimum(w, w.sum() / k)
    total = w.sum()
    vweights = (
        np.maximum(np.round(w / total * METIS_WEIGHT_SCALE), 0).astype(np.int64)
        if total > 0
        else np.ones(len(members), dtype=np.int64)
    )
    eweights = (np.round(border) + 1).astype(np.int64)
    graph_csr = pymetis.CSRAdjacency(indptr.tolist(), indices.tolist())

    def part(**contig: int) -> np.ndarray:
        options = pymetis.Options(seed=int(seed), ufactor=METIS_UFACTOR, **contig)
        _, parts = pymetis.part_graph(
            k, graph_csr, vweights=vweights.tolist(), eweights=eweights.tolist(), options=options
        )
        return np.asarray(parts, dtype=np.int64)

    try:
        return part(contig=1), True
    except RuntimeError:  # METIS refuses contig on some graphs; the caller repairs and reports
        return part(), False


def allocate_zones(group_weights: np.ndarray, group_sizes: np.ndarray, k: int) -> np.ndarray:
    """Zones per nesting group by the D'Hondt rule (minimises the heaviest group's zone load),
    at least one per group and never more than the group's units."""
    g = len(group_weights)
    if k < g:
        msg = f"{k} zones cannot cover {g} nesting areas: use at least {g} zones"
        raise ValueError(msg)
    counts = np.ones(g, dtype=np.int64)
    for _ in range(k - g):
        quotient = np.where(counts < group_sizes, group_weights / counts, -np.inf)
        counts[int(np.argmax(quotient))] += 1
    return counts


def tree_labels(
    graph: UnitGraph,
    weights: np.ndarray,
    k: int,
    members: np.ndarray,
    rng: np.random.Generator,
    tol: float,
    max_attempts: int = TREE_ATTEMPTS,
) -> np.ndarray | None:
    """Recursive bisection along random spanning trees (the GerryChain idea), for coarse inputs.

    Each split draws a random spanning tree of the part, then cuts the tree edge whose subtree
    holds the wanted share of the workload within a tolerance; the tolerance widens when no such
    edge turns up. Returns labels 0…k−1 aligned to ``members``, or None when no split is found.
    """
    from scipy.sparse.csgraph import breadth_first_order, minimum_spanning_tree

    indptr, indices, _ = subgraph(graph, members)
    n = len(members)
    w = weights[members].astype(float)
    labels = np.full(n, -1, dtype=np.int64)
    adjacency = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(n, n))
    stack: list[tuple[np.ndarray, int, int]] = [(np.arange(n), k, 0)]
    while stack:
        part, parts, first = stack.pop()
        if parts == 1:
            labels[part] = first
            continue
        left_parts = parts // 2
        sub = adjacency[part][:, part].tocoo()
        total = w[part].sum()
        want = total * left_parts / parts
        eps = tol * TREE_FIRST_BAND
        found = None
        for attempt in range(max_attempts):
            if attempt and attempt % TREE_WIDEN_EVERY == 0:
                eps *= 2
            keep = sub.row < sub.col
            random = rng.random(int(keep.sum())) + 1e-9
            tree = minimum_spanning_tree(
                sparse.csr_matrix(
                    (random, (sub.row[keep], sub.col[keep])), shape=(len(part), len(part))
                )
            )
            tree = tree + tree.T
            root = int(rng.integers(len(part)))
            order, pred = breadth_first_order(tree, root, directed=False)
            if len(order) < len(part):
                return None  # the part is not connected
            below = w[part].copy()
            for node in order[:0:-1]:
                below[pred[node]] += below[node]
            for side_parts, side_want in ((left_parts, want), (parts - left_parts, total - want)):
                ok = np.flatnonzero(np.abs(below - side_want) <= eps * total / parts * side_parts)
                ok = ok[ok != root]
                if len(ok):
                    cut = int(ok[rng.integers(len(ok))])
                    found = (cut, side_parts, order, pred)
                    break
            if found:
                break
        if found is None:
            return None
        cut, side_parts, order, pred = found
        inside = np.zeros(len(part), dtype=bool)
        inside[cut] = True
        for node in order:
            if node != cut and pred[node] >= 0 and inside[pred[node]]:
                inside[node] = True
        stack.append((part[inside], side_parts, first))
        stack.append((part[~inside], parts - side_parts, first + side_parts))
    return labels
