"""The one natural order of ids (zones.ids): 2 before 10, a total order on any mix of ids."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from zones.ids import natural_key, natural_sorted

MIXED = ["2", "10", "A", "北区", "3b", "3", "02", "A10", "A2", "", "１０", "b3", "10A"]
IDS = st.one_of(
    st.sampled_from(MIXED),
    st.integers(min_value=0, max_value=10**30).map(str),
    st.text(max_size=8),
    st.text(alphabet="0123456789AB北区b", max_size=6),
)


def test_numbers_sort_as_numbers_and_before_text() -> None:
    assert natural_sorted(["10", "2", "A", "北区", "3b", "3", "1"]) == [
        "1",
        "2",
        "3",
        "3b",
        "10",
        "A",
        "北区",
    ]
    assert natural_sorted(["A10", "A2", "A1"]) == ["A1", "A2", "A10"]
    assert natural_sorted([10, "2", 2]) == ["2", "10"]  # as strings, each once


@given(st.lists(IDS, max_size=12), st.randoms())
def test_a_sort_does_not_depend_on_the_input_order(ids: list[str], rnd: random.Random) -> None:
    shuffled = list(ids)
    rnd.shuffle(shuffled)
    assert sorted(ids, key=natural_key) == sorted(shuffled, key=natural_key)


@given(IDS, IDS)
def test_two_ids_compare_one_way_exactly(a: str, b: str) -> None:
    ka, kb = natural_key(a), natural_key(b)
    assert [ka < kb, ka == kb, ka > kb].count(True) == 1
    assert (ka == kb) == (a == b)


@given(IDS, IDS, IDS)
def test_the_order_is_transitive(a: str, b: str, c: str) -> None:
    ka, kb, kc = natural_key(a), natural_key(b), natural_key(c)
    if ka <= kb and kb <= kc:
        assert ka <= kc
    if ka >= kb and kb >= kc:
        assert ka >= kc


@given(st.integers(min_value=0, max_value=10**40), st.integers(min_value=0, max_value=10**40))
def test_whole_numbers_keep_their_order(i: int, j: int) -> None:
    assert (natural_key(str(i)) < natural_key(str(j))) == (i < j)
