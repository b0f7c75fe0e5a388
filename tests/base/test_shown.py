"""Lists of values in messages: a few named, the rest counted, whatever their number."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from bassin_minier._base.shown import shown, shown_list


class _Counted(dict[str, None]):
    """A collection that counts the items read from it."""

    read = 0

    def __iter__(self) -> Iterator[str]:
        for key in super().__iter__():
            type(self).read += 1
            yield key


def test_a_collection_is_not_read_beyond_what_is_named() -> None:
    # A message about one item of a large programme must not cost a pass over all of them:
    # a report of many such items would then take a time that grows as their square.
    ids = _Counted.fromkeys(f"convention-{n}" for n in range(10_000))
    _Counted.read = 0
    listed = shown_list(ids, "none")
    assert listed.endswith("and 9990 more")
    assert _Counted.read <= 10


@given(st.lists(st.text(min_size=1, max_size=5), max_size=30))
def test_a_list_names_at_most_ten_and_counts_the_rest(values: list[str]) -> None:
    listed = shown_list(values, "none")
    if not values:
        assert listed == "none"
        return
    assert listed.startswith(", ".join(map(shown, values[:10])))
    rest = len(values) - 10
    assert listed.endswith(f" and {rest} more") == (rest > 0)
    assert shown_list(iter(values), "none") == listed
