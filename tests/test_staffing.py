"""Zone heads and one auxiliary per village: preferences, shortages, surplus, no doubles."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from scipy.optimize import linear_sum_assignment

import zones
from zones import columns as C
from zones import staffing as S
from zones.plan.pipeline import make_plan
from zones.staffing import auxiliaries

from .conftest import grid_units

CRS = 32649


def _villages(n: int) -> gpd.GeoDataFrame:
    units = grid_units(1, n)
    units[C.VILLAGE_ID] = [f"V{i}" for i in range(n)]
    units[C.NAME] = [f"村{i}" for i in range(n)]
    units.index = units[C.VILLAGE_ID].to_numpy()
    return units


def _officers(rows: list[dict]) -> gpd.GeoDataFrame:
    """Officers from dicts: ``x`` (km along the row of villages) gives a home point."""
    frame = pd.DataFrame(rows)
    geoms = [shapely.Point(500_000 + r["x"] * 1000, 4_499_500) if "x" in r else None for r in rows]
    out = gpd.GeoDataFrame(frame.drop(columns=["x"], errors="ignore"), geometry=geoms, crs=CRS)
    out[C.ROLE] = out.get(C.ROLE, C.AUXILIARY)
    out[C.AVAILABLE] = out.get(C.AVAILABLE, True)
    if C.HOME_VILLAGE not in out:
        out[C.HOME_VILLAGE] = None
    if C.FAMILIAR_VILLAGES not in out:
        out[C.FAMILIAR_VILLAGES] = [()] * len(out)
    out.index = out[C.OFFICER_ID].to_numpy()
    return out


def test_own_resident_wins_over_a_nearer_stranger() -> None:
    villages = _villages(2)
    officers = _officers(
        [
            # A lives in V0 by record, but his point is near V1; B lives right at V0's centre
            {C.OFFICER_ID: "A", C.HOME_VILLAGE: "V0", "x": 1.6},
            {C.OFFICER_ID: "B", "x": 0.5},
        ]
    )
    result = S.assign_auxiliaries(villages, officers, pd.Series(1.0, index=villages.index), crs=CRS)
    assert result.villages.loc["V0", "aux_officer_id"] == "A"
    assert result.villages.loc["V0", "aux_reason"] == S.HOME
    assert result.villages.loc["V1", "aux_officer_id"] == "B"


def test_familiar_beats_distance() -> None:
    villages = _villages(2)
    officers = _officers(
        [
            {C.OFFICER_ID: "A", C.FAMILIAR_VILLAGES: ("V1",), "x": 0.4},
            {C.OFFICER_ID: "B", "x": 1.4},
        ]
    )
    result = S.assign_auxiliaries(villages, officers, pd.Series(1.0, index=villages.index), crs=CRS)
    assert result.villages.loc["V1", "aux_officer_id"] == "A"
    assert result.villages.loc["V1", "aux_reason"] == S.FAMILIAR


def test_shortage_staffs_the_heaviest_and_names_the_rest() -> None:
    villages = _villages(3)
    officers = _officers([{C.OFFICER_ID: "A", "x": 0.5}, {C.OFFICER_ID: "B", "x": 2.5}])
    workload = pd.Series([5.0, 1.0, 3.0], index=villages.index)
    result = S.assign_auxiliaries(villages, officers, workload, crs=CRS)
    assert list(result.unstaffed) == ["V1"]
    assert pd.isna(result.villages.loc["V1", "aux_officer_id"])
    assert set(result.villages["aux_officer_id"].dropna()) == {"A", "B"}


def test_surplus_goes_to_the_pool_and_unavailable_never_serves() -> None:
    villages = _villages(2)
    officers = _officers(
        [
            {C.OFFICER_ID: "A", "x": 0.5},
            {C.OFFICER_ID: "B", "x": 1.5},
            {C.OFFICER_ID: "C", "x": 3.0},
            {C.OFFICER_ID: "D", "x": 0.5, C.AVAILABLE: False},
        ]
    )
    result = S.assign_auxiliaries(villages, officers, pd.Series(1.0, index=villages.index), crs=CRS)
    assert list(result.pool) == ["C"]
    assert "D" not in set(result.villages["aux_officer_id"])


def test_sparse_solver_matches_the_dense_optimum(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(5)
    n_v, n_a = 300, 330
    reps = rng.uniform(0, 30_000, (n_v, 2))
    homes = reps[rng.integers(0, n_v, n_a)] + rng.normal(0, 600, (n_a, 2))
    preferred = {
        (int(v), int(a)): 0.0 for v, a in zip(range(0, n_v, 3), range(0, n_a, 3), strict=False)
    }
    rows, cols, dist, tiers = S.match_sparse(preferred, homes, reps)  # 50 nearest + homes
    assert len(set(cols.tolist())) == n_v  # nobody twice
    d = np.hypot(*(homes[None] - reps[:, None]).transpose(2, 0, 1)) * S.DEFAULT_DETOUR
    cost = d + S.TIER_M[S.DISTANCE]
    for (v, a), tier in preferred.items():
        cost[v, a] = d[v, a] + tier
    r, c = linear_sum_assignment(cost)
    assert np.sum(dist + tiers) == pytest.approx(cost[r, c].sum(), rel=1e-12)


def _dense_reference(preferred, homes, reps, must):
    """The full cost matrix (villages × auxiliaries) and its optimum by ``match_dense``."""
    d = np.hypot(*(homes[None] - reps[:, None]).transpose(2, 0, 1)) * S.DEFAULT_DETOUR
    d = np.where(np.isnan(d), S.UNKNOWN_M, d)
    cost = d + S.TIER_M[S.DISTANCE]
    for (v, a), tier in preferred.items():
        cost[v, a] = d[v, a] + tier
    r, c = S.match_dense(cost, must)
    return cost, r, c


@pytest.mark.parametrize(("n_v", "n_a", "seed"), [(300, 280, 1), (300, 330, 2), (400, 200, 3)])
def test_sparse_flow_matches_dense_with_shortage_and_homeless(
    n_v: int, n_a: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    reps = rng.uniform(0, 30_000, (n_v, 2))
    homes = reps[rng.integers(0, n_v, n_a)] + rng.normal(0, 600, (n_a, 2))
    homes[rng.permutation(n_a)[: n_a // 20]] = np.nan  # 5% without a known home
    preferred = {(int(rng.integers(n_v)), a): 0.0 for a in range(0, n_a, 3)}
    preferred.update({(int(rng.integers(n_v)), a): S.TIER_M[S.FAMILIAR] for a in range(1, n_a, 7)})
    workload = rng.poisson(2.0, n_v).astype(float)  # lumpy counts: many ties at the cut
    must, may = S.staffing_sets(workload, n_a)
    keep = np.flatnonzero(must | may)
    sub = {(int(np.searchsorted(keep, v)), a): t for (v, a), t in preferred.items() if v in keep}
    rows, cols, dist, tiers = S.match_sparse(sub, homes, reps[keep], must=must[keep])
    assert len(rows) == min(n_v, n_a)
    assert len(set(cols.tolist())) == len(cols)
    assert len(set(rows.tolist())) == len(rows)
    assert must[keep][rows].sum() == must.sum()  # every heavier village staffed
    cost, r, c = _dense_reference(sub, homes, reps[keep], must[keep])
    assert np.sum(dist + tiers) == pytest.approx(cost[r, c].sum(), abs=1e-3 * len(rows))
    assert np.allclose(dist + tiers, cost[rows, cols])  # each pair's cost is its true cost


def test_tie_at_the_cut_goes_to_the_village_staffed_cheapest() -> None:
    villages = _villages(3)
    officers = _officers(
        [
            {C.OFFICER_ID: "A", "x": 0.5},
            {C.OFFICER_ID: "B", C.HOME_VILLAGE: "V2", "x": 2.5},
        ]
    )
    workload = pd.Series([5.0, 1.0, 1.0], index=villages.index)  # V1 and V2 tie at the cut
    result = S.assign_auxiliaries(villages, officers, workload, crs=CRS)
    assert list(result.unstaffed) == ["V1"]
    assert result.villages.loc["V2", "aux_officer_id"] == "B"
    assert result.villages.loc["V2", "aux_reason"] == S.HOME


def test_sparse_path_of_assign_auxiliaries_equals_the_dense_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    villages = _villages(40)
    rng = np.random.default_rng(0)
    rows = [{C.OFFICER_ID: f"A{i}", "x": float(rng.uniform(0, 40))} for i in range(30)]
    rows += [{C.OFFICER_ID: "H", C.HOME_VILLAGE: "V39"}, {C.OFFICER_ID: "U"}]  # U: no home
    officers = _officers(rows)
    workload = pd.Series(rng.integers(0, 4, 40).astype(float), index=villages.index)
    dense = S.assign_auxiliaries(villages, officers, workload, crs=CRS)
    monkeypatch.setattr(auxiliaries, "DENSE_MAX_CELLS", 0)
    sparse = S.assign_auxiliaries(villages, officers, workload, crs=CRS, candidates=5)
    assert (dense.solver, sparse.solver) == ("dense", "sparse")
    assert sparse.cost == pytest.approx(dense.cost, abs=0.05)
    for result in (dense, sparse):
        staffed = result.villages["aux_officer_id"].dropna()
        assert staffed.is_unique
        assert len(staffed) == 32
        assert len(result.unstaffed) == 8
        assert len(result.pool) == 0
        assert workload[result.unstaffed].max() <= workload[staffed.index].min()
        assert result.villages.loc["V39", "aux_officer_id"] == "H" or workload["V39"] < 1


def test_sparse_path_copes_with_no_candidate_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    # nobody has a home point, a home village or a familiar village: every pair costs the same
    villages = _villages(5)
    officers = _officers([{C.OFFICER_ID: f"A{i}"} for i in range(4)])
    workload = pd.Series([4.0, 3.0, 2.0, 1.0, 0.0], index=villages.index)
    dense = S.assign_auxiliaries(villages, officers, workload, crs=CRS)
    monkeypatch.setattr(auxiliaries, "DENSE_MAX_CELLS", 0)
    sparse = S.assign_auxiliaries(villages, officers, workload, crs=CRS)
    for result in (dense, sparse):
        assert list(result.unstaffed) == ["V4"]
        assert result.villages["aux_officer_id"].dropna().is_unique


def test_zone_head_shortfall_is_a_clear_error() -> None:
    villages = _villages(4)
    officers = _officers([{C.OFFICER_ID: "P1", C.ROLE: C.POLICE, "x": 1.0}])
    zones_of = pd.Series(["a", "a", "b", "b"], index=villages.index)
    with pytest.raises(S.StaffingError, match="1 missing"):
        S.assign_zone_heads(
            zones_of, villages, officers, pd.Series(1.0, index=villages.index), crs=CRS
        )


def test_zone_head_prefers_the_officer_who_knows_the_zone() -> None:
    villages = _villages(4)
    officers = _officers(
        [
            {C.OFFICER_ID: "P1", C.ROLE: C.POLICE, "x": 0.5},  # lives in zone a, knows nothing
            {C.OFFICER_ID: "P2", C.ROLE: C.POLICE, "x": 1.0, C.FAMILIAR_VILLAGES: ("V2", "V3")},
            {C.OFFICER_ID: "P3", C.ROLE: C.POLICE, "x": 3.5, C.AVAILABLE: False},
        ]
    )
    zones_of = pd.Series(["a", "a", "b", "b"], index=villages.index)
    heads = S.assign_zone_heads(
        zones_of, villages, officers, pd.Series(1.0, index=villages.index), crs=CRS
    )
    assert heads.loc["b", "head_officer_id"] == "P2"
    assert heads.loc["a", "head_officer_id"] == "P1"


def test_sample_plan_is_staffed_except_named_shortages(sample: zones.Scenario) -> None:
    plan = make_plan(sample, n_zones=8)
    villages = plan.villages
    staffed = villages["aux_officer_id"].dropna()
    assert staffed.is_unique  # no auxiliary twice
    assert set(staffed) <= set(sample.auxiliaries.index)
    unstaffed = villages.index[villages["aux_officer_id"].isna()]
    shortage = next(w for w in plan.warnings if w.code == "aux_shortage")
    assert shortage.params["n"] == len(unstaffed) == plan.metrics["auxiliaries_short"]
    for vid in unstaffed:
        assert vid in shortage.params["ids"]
    assert f"缺 {len(unstaffed)} 名驻村辅警" in shortage.what("zh")
    # the unstaffed villages are the lightest
    assert (
        villages.loc[unstaffed, "workload"].max() <= villages.loc[staffed.index, "workload"].min()
    )
    # every auxiliary living in a staffed village's own village got it, where possible
    home = villages["aux_reason"].eq(S.HOME).sum()
    assert home >= 0.6 * len(staffed)
    heads = plan.zones["head_officer_id"]
    assert heads.is_unique
    assert len(heads) == 8
    assert set(heads) <= set(sample.police.index)
    assert (sample.officers.loc[heads, C.AVAILABLE]).all()


def test_rooms_one_per_village_existing_kept_new_inside(sample: zones.Scenario) -> None:
    plan = make_plan(sample, n_zones=6)
    rooms = plan.rooms
    assert rooms[C.VILLAGE_ID].is_unique
    assert set(rooms[C.VILLAGE_ID]) == set(sample.villages.index)
    kept = rooms[rooms["status"] == "existing"]
    assert len(kept) == len(sample.rooms)
    original = sample.rooms.set_index(C.VILLAGE_ID).geometry
    assert all(kept.geometry[v].equals_exact(original[v], 1e-9) for v in kept.index)
    polys = sample.villages.geometry.reindex(rooms[C.VILLAGE_ID])
    assert shapely.covers(polys.to_numpy(), rooms.geometry.to_numpy()).all()
