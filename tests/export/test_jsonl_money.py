"""JSON Lines carry shared money and evaluation like every other part of a programme."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import export
from tests.io.money import MONEY_STRATEGIES, money_programmes

every_class = pytest.mark.parametrize(
    ("cls", "objects"),
    list(MONEY_STRATEGIES.items()),
    ids=[cls.__name__ for cls in MONEY_STRATEGIES],
)


@every_class
@settings(max_examples=30)
@given(data=st.data())
def test_objects_of_each_new_class_read_back_equal_and_in_order(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    collection = data.draw(st.lists(objects, max_size=4))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "objects.jsonl"
        assert export.write_jsonl(iter(collection), path) == len(collection)
        lines = path.read_bytes().decode("utf-8").split("\n")
        assert lines == [bm.to_json(obj) for obj in collection] + [""]
        assert list(export.iter_jsonl(path, cls)) == collection


@settings(max_examples=30)
@given(programme=money_programmes())
def test_a_line_carries_partners_actions_indicators_matches_payments_and_co_funders(
    programme: bm.Programme,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "programmes.jsonl"
        export.write_jsonl([programme], path)
        (line,) = path.read_bytes().splitlines()
        (read,) = export.iter_jsonl(path, bm.Programme)
    document = json.loads(line)
    assert [p["id"] for p in document["partners"]] == [p.id for p in programme.partners]
    assert [m["ratio"] for m in document["matches"]] == [
        format(m.ratio, "f") for m in programme.matches
    ]
    assert [p["amount"] for p in document["payments"]] == [
        f"{p.amount:.2f}" for p in programme.payments
    ]
    basin = document["conventions"][2]
    assert [a["id"] for a in basin["actions"]] == [a.id for a in programme.conventions[2].actions]
    assert [i["id"] for i in basin["indicators"]] == [
        i.id for i in programme.conventions[2].indicators
    ]
    assert [c["co_funders"] for c in document["commitments"]] == [
        list(c.co_funders) for c in programme.commitments
    ]
    assert read == programme


def test_a_broken_ratio_on_a_line_is_reported_with_its_line_number(tmp_path: Path) -> None:
    match = bm.Match(id="m", commitment="c", by=["p"], ratio=1, basis="exactly")
    path = tmp_path / "matches.jsonl"
    export.write_jsonl([match, match], path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"ratio":"1"', '"ratio":"1.00000"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = export.iter_jsonl(path, bm.Match)
    assert next(read) == match
    with pytest.raises(bm.ValidationError) as caught:
        next(read)
    assert [(v.path, v.rule) for v in caught.value.violations] == [("line 2: $.ratio", "ratio")]
