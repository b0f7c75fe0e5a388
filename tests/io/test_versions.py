"""Format versions: save writes version 2, load reads 1 and 2, and a version-1 document
(one without the keys version 2 added) reads unchanged, by the fast reader too."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bassin_minier as bm
from bassin_minier._io import codec as _codec
from bassin_minier._io import documents as _json
from bassin_minier.testing import MODEL_STRATEGIES
from tests.profiles import FEWER
from tests.project.test_imports import loaded_by

VERSION_1_FILE = Path(__file__).parent.parent / "data" / "format-v1" / "bassin_minier_2019.json"

# The keys version 2 added, whichever class holds them: first those of the life of an
# agreement, then those of shared money and evaluation.
LIFE_KEYS = frozenset({"amendments", "related", "act", "revises", "spend_by"})
MONEY_KEYS = frozenset(
    {"co_funders", "action", "actions", "indicators", "partners", "matches", "payments"}
)
NEW_KEYS = LIFE_KEYS | MONEY_KEYS


def new_keys_of(document: dict[str, Any], keys: frozenset[str]) -> frozenset[str]:
    """Those of *keys* that *document* holds as keys version 2 added to its class.

    ``action`` came with shared money on a commitment (a document with a ``funder``); an
    indicator, a class of its own since then, has held it from the start.
    """
    found = keys & document.keys()
    if "action" in found and "funder" not in document:
        found -= {"action"}
    return found


every_class = pytest.mark.parametrize(
    ("cls", "objects"),
    list(MODEL_STRATEGIES.items()),
    ids=[cls.__name__ for cls in MODEL_STRATEGIES],
)


def as_version_1(document: Any, keys: frozenset[str] = NEW_KEYS) -> Any:
    """*document* without the keys version 2 added, wherever they hold their default.

    A key holding anything else stays: that document has no version-1 form, and what
    is left is a document mixing both layouts, which must read the same all the same.
    (With *keys*, only those are left out.)
    """
    if isinstance(document, dict):
        new = new_keys_of(document, keys)
        return {
            key: as_version_1(value, keys)
            for key, value in document.items()
            if key not in new or value not in (None, [])
        }
    if isinstance(document, list):
        return [as_version_1(item, keys) for item in document]
    return document


def as_early_version_2(document: Any) -> Any:
    """*document* as version 2 wrote it before shared money: without those keys."""
    return as_version_1(document, MONEY_KEYS)


def has_new_keys(document: Any, keys: frozenset[str] = NEW_KEYS) -> bool:
    if isinstance(document, dict):
        return bool(new_keys_of(document, keys)) or any(
            has_new_keys(value, keys) for value in document.values()
        )
    if isinstance(document, list):
        return any(has_new_keys(item, keys) for item in document)
    return False


def written_layouts(obj: object) -> list[Any]:
    """The plain forms of *obj* as each state of the format wrote it."""
    full = bm.to_dict(obj)
    return [
        layout
        for layout, keys in (
            (full, frozenset[str]()),
            (as_early_version_2(full), MONEY_KEYS),
            (as_version_1(full), NEW_KEYS),
        )
        if not has_new_keys(layout, keys)
    ]


def compact(document: object) -> str:
    """*document* written as to_json writes: no spaces, text as it is."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


@pytest.fixture
def no_reference_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reading any document through the reference converter fail the test."""

    def refused(*_: object) -> None:
        raise AssertionError("the document went to the reference reader")

    monkeypatch.setattr(_json, "parse_json", refused)
    monkeypatch.setattr(_json, "structure", refused)


# -- what is written -------------------------------------------------------------------------


def test_save_writes_version_2_and_load_reads_1_and_2() -> None:
    assert bm.FORMAT_VERSION == 2
    assert bm.SUPPORTED_FORMAT_VERSIONS == (1, 2)


def test_the_keys_version_2_added_are_its_classes_last_fields_with_a_default() -> None:
    assert {name for names in _json.ADDED_IN_VERSION_2.values() for name in names} == NEW_KEYS
    assert {name for _, name in _json._VERSION_1_LAYOUT} == NEW_KEYS
    assert {name for _, name in _json._EARLY_VERSION_2_LAYOUT} == MONEY_KEYS
    assert _json._EARLY_VERSION_2_LAYOUT < _json._VERSION_1_LAYOUT
    for cls, names in _json.ADDED_IN_VERSION_2.items():
        fields = attrs.fields(cls)
        assert tuple(f.name for f in fields[-len(names) :]) == names
        assert all(f.default is not attrs.NOTHING for f in fields[-len(names) :])


# -- the version-1 file ----------------------------------------------------------------------


def test_the_version_1_file_is_a_version_1_document() -> None:
    document = json.loads(VERSION_1_FILE.read_text(encoding="utf-8"))
    assert document["format_version"] == 1
    assert not has_new_keys(document)


def test_load_reads_the_version_1_file_as_the_built_in_dataset() -> None:
    assert bm.load(VERSION_1_FILE, bm.Programme) == bm.datasets.bassin_minier_2019()


@pytest.mark.usefixtures("no_reference_reader")
def test_the_version_1_file_takes_the_fast_path() -> None:
    assert bm.load(VERSION_1_FILE, bm.Programme) == bm.datasets.bassin_minier_2019()


@pytest.mark.usefixtures("no_reference_reader")
def test_a_saved_file_takes_the_fast_path(tmp_path: Path) -> None:
    programme = bm.datasets.bassin_minier_2019()
    bm.save(programme, tmp_path / "programme.json")
    assert (
        (tmp_path / "programme.json")
        .read_text(encoding="utf-8")
        .startswith('{\n  "format_version": 2,\n')
    )
    assert bm.load(tmp_path / "programme.json", bm.Programme) == programme


@pytest.mark.parametrize("version", ["3", "99"])
def test_a_later_version_is_refused_naming_it_and_the_versions_read(
    tmp_path: Path, version: str
) -> None:
    text = bm.to_json(bm.datasets.bassin_minier_2019())
    target = tmp_path / "programme.json"
    target.write_text('{"format_version":' + version + "," + text[1:], encoding="utf-8")
    with pytest.raises(bm.FormatVersionError) as caught:
        bm.load(target, bm.Programme)
    [violation] = caught.value.violations
    assert violation.path == "$.format_version"
    assert f"format_version {version} " in violation.message
    assert violation.message.endswith("reads format_version 1, 2")


# -- every version-1 document ----------------------------------------------------------------


@every_class
@FEWER
@given(data=st.data(), indent=st.sampled_from([None, 2]))
def test_a_document_without_the_new_keys_reads_as_the_same_object(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject, indent: int | None
) -> None:
    original = data.draw(objects)
    document = as_version_1(bm.to_dict(original))
    text = json.dumps(document, ensure_ascii=False, indent=indent, separators=(",", ":"))
    assert bm.from_dict(document, cls) == original
    assert bm.from_json(text, cls) == original
    # Written as version 1 wrote it (or as version 2 did, before or after shared money),
    # it is read by the fast reader; a document with some of the new keys and not others
    # is valid too, but goes to the reference reader.
    fast = _codec.decode(text, cls, older=_json._OLDER_LAYOUTS)
    if document in written_layouts(original):
        assert fast == original
    else:
        assert fast is None
    # And in a file of either version.
    for version in (1, 2):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "document.json"
            path.write_text(
                json.dumps({"format_version": version, **document}, ensure_ascii=False, indent=2),
                encoding="utf-8",
            )
            assert bm.load(path, cls) == original


@every_class
@FEWER
@given(data=st.data())
def test_a_document_of_version_2_before_shared_money_reads_fast_as_the_same_object(
    cls: type[Any], objects: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    original = data.draw(objects)
    document = as_early_version_2(bm.to_dict(original))
    text = compact(document)
    assert bm.from_json(text, cls) == original
    fast = _codec.decode(text, cls, older=_json._OLDER_LAYOUTS)
    if document in written_layouts(original):
        assert fast == original
    else:  # some money keys left, some not: valid, but no layout the library wrote
        assert fast is None


@pytest.mark.usefixtures("no_reference_reader")
def test_the_packaged_file_as_version_2_first_wrote_it_takes_the_fast_path(
    tmp_path: Path,
) -> None:
    programme = bm.datasets.bassin_minier_2019()
    document = {"format_version": 2, **as_early_version_2(bm.to_dict(programme))}
    assert not has_new_keys(document, MONEY_KEYS)
    assert has_new_keys(document, LIFE_KEYS)
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    assert bm.load(path, bm.Programme) == programme


@FEWER
@given(programme=MODEL_STRATEGIES[bm.Programme])
def test_a_version_1_document_written_again_is_a_version_2_document(
    programme: bm.Programme,
) -> None:
    text = compact(as_version_1(bm.to_dict(programme)))
    assert bm.to_json(bm.from_json(text, bm.Programme)) == bm.to_json(programme)


@pytest.mark.parametrize("saved", [True, False], ids=["saved-version-2", "version-1-file"])
def test_reading_a_file_of_either_version_loads_no_reference_converter(
    saved: bool, tmp_path: Path
) -> None:
    # In a fresh interpreter: the suite itself has long imported cattrs.
    path = VERSION_1_FILE
    if saved:
        path = tmp_path / "programme.json"
        bm.save(bm.datasets.bassin_minier_2019(), path)
    statement = (
        f"import bassin_minier as bm; bm.load({str(path)!r}, bm.Programme); "
        f"bm.from_json(bm.to_json(bm.datasets.bassin_minier_2019()), bm.Programme)"
    )
    assert loaded_by(statement, ("cattrs",)) == []
