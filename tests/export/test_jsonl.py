"""JSON Lines: one object per line, read lazily, written atomically."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier import export
from bassin_minier.testing import conventions, programmes
from tests import builders
from tests.export.amended import amended_programme


@settings(max_examples=50)
@given(st.lists(programmes(), max_size=3))
def test_programmes_read_back_equal_and_in_order(collection: list[bm.Programme]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "programmes.jsonl"
        assert export.write_jsonl(collection, path) == len(collection)
        assert list(export.iter_jsonl(path, bm.Programme)) == collection


@settings(max_examples=50)
@given(st.lists(conventions(), max_size=3))
def test_each_line_is_the_canonical_json_of_one_object(collection: list[bm.Convention]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "conventions.jsonl"
        export.write_jsonl(iter(collection), path)
        lines = path.read_bytes().decode("utf-8").split("\n")
        assert lines == [bm.to_json(c) for c in collection] + [""]


def test_a_line_carries_amendments_relations_acts_revisions_and_spending_days(
    tmp_path: Path,
) -> None:
    path = tmp_path / "programmes.jsonl"
    export.write_jsonl([amended_programme()], path)
    (line,) = path.read_bytes().splitlines()
    document = json.loads(line)
    nord = document["conventions"][0]
    assert [a["id"] for a in nord["amendments"]] == ["avenant-2020", "avenant-2021"]
    assert nord["amendments"][0]["period"] == {"start": "2019-01-01", "end": "2021-06-30"}
    assert nord["amendments"][1]["period"] is None
    assert nord["amendments"][0]["signatories"][0]["party"] == "etat"
    assert nord["related"] == [{"kind": "succeeds", "convention": "pas-de-calais"}]
    refaction = document["commitments"][2]
    assert (refaction["act"], refaction["revises"]) == ("avenant-2020", "etat-2020")
    assert document["commitments"][1]["tranches"][0]["spend_by"] == "2021-06-30"
    (read,) = export.iter_jsonl(path, bm.Programme)
    assert read == amended_programme()


def test_reading_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "conventions.jsonl"
    export.write_jsonl([builders.convention(), builders.other_convention()], path)
    with path.open("ab") as stream:
        stream.write(b"not json\n")
    objects = export.iter_jsonl(path, bm.Convention)
    assert next(objects).id == "nord"  # the broken third line has not been read yet
    assert next(objects).id == "pas-de-calais"
    with pytest.raises(bm.MalformedDocumentError) as caught:
        next(objects)
    (violation,) = caught.value.violations
    assert violation.path == "line 3: $"
    assert violation.message.startswith("is not valid JSON")


def test_writing_consumes_a_generator_one_object_at_a_time(tmp_path: Path) -> None:
    written: list[str] = []

    def produce() -> Iterator[bm.Convention]:
        for index in range(3):
            assert len(written) == index
            written.append(f"c{index}")
            yield builders.convention(id=f"c{index}")

    export.write_jsonl(produce(), tmp_path / "c.jsonl")
    assert [c.id for c in export.iter_jsonl(tmp_path / "c.jsonl", bm.Convention)] == written


def test_a_broken_line_names_its_number_and_path(tmp_path: Path) -> None:
    path = tmp_path / "programmes.jsonl"
    good = bm.to_json(builders.programme())
    bad = good.replace('"id":"nord"', '"id":"Nord"', 1)
    path.write_text(f"{good}\n\n{bad}\n", encoding="utf-8")
    with pytest.raises(bm.ValidationError) as caught:
        list(export.iter_jsonl(path, bm.Programme))
    paths = [v.path for v in caught.value.violations]
    assert "line 3: $.conventions[0].id" in paths
    assert all(p.startswith("line 3: $") for p in paths)


def test_a_byte_order_mark_and_blank_lines_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + bm.to_json(builders.convention()).encode() + b"\n  \n")
    assert [c.id for c in export.iter_jsonl(path, bm.Convention)] == ["nord"]


def test_a_failed_write_keeps_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    export.write_jsonl([builders.convention()], path)
    before = path.read_bytes()
    with pytest.raises(TypeError, match="expected a model object"):
        export.write_jsonl([builders.convention(), "oops"], path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["c.jsonl"]


def test_files_that_cannot_be_used_are_file_errors(tmp_path: Path) -> None:
    with pytest.raises(bm.FileError, match="cannot read"):
        next(export.iter_jsonl(tmp_path / "missing.jsonl", bm.Programme))
    with pytest.raises(bm.FileError, match="cannot read"):
        next(export.iter_jsonl(tmp_path, bm.Programme))
    with pytest.raises(bm.FileError, match="cannot write"):
        export.write_jsonl([], tmp_path / "missing" / "c.jsonl")


def test_only_model_classes_are_read(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="cls must be one of the model classes"):
        export.iter_jsonl(tmp_path / "c.jsonl", dict)
