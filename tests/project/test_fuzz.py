"""A small slice of the loader fuzzing (tests/fuzz.py), and the checks it relies on.

The long run is ``python -m tests.fuzz --examples 100000``; here a few hundred examples
keep every change honest, and the oracles are shown to catch what they are meant to.
"""

from __future__ import annotations

import io
import json
import math
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import bassin_minier as bm
from bassin_minier._cli import main
from bassin_minier._io.documents import ADDED_IN_VERSION_2
from bassin_minier._model.registry import MODEL_CLASSES
from tests import fuzz

RULE_NAMES = {rule.name for rule in bm.RULES}
TRANCHE = '{"year":2019,"amount":%s,"convention":"bassin-minier"}'


@pytest.fixture(scope="module")
def document_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "document.json"


def findings_of(case: fuzz.Case, path: Path, timeout: float = 10) -> list[str]:
    return [f.signature for f in fuzz.judge(case, path, timeout).findings]


def case_of(data: bytes, cls: type[Any] = bm.Tranche, **fields: Any) -> fuzz.Case:
    return fuzz.Case(cls, "test", ("by hand",), data, **fields)


# -- the slice ---------------------------------------------------------------------------------


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=fuzz.cases())
def test_every_input_is_read_or_refused_cleanly(case: fuzz.Case, document_path: Path) -> None:
    checked = fuzz.judge(case, document_path, timeout=10)
    assert not checked.findings, fuzz.describe_findings(checked)


def test_a_seeded_run_reads_and_refuses_without_a_finding() -> None:
    data = fuzz.report(fuzz.run(examples=150, seed=2019, shrink_seconds=2))
    assert data["findings"] == [], "\n".join(fuzz.summary_lines(data))
    assert data["examples"] == 150
    outcomes = data["outcomes"]["from_json"]
    # Both ways out were taken, so the checks of each had something to judge.
    assert outcomes["accepted"] > 0
    assert {"ValidationError", "MalformedDocumentError"} <= set(outcomes["rejected"])
    assert {"json", "type", "duplicate-key"} <= set(outcomes["rules"])
    assert sum(data["cli_exit_codes"].values()) == 150
    assert "findings: 0" in list(fuzz.summary_lines(data))


# -- what the fuzzing found --------------------------------------------------------------------

HUGE_EXPONENTS = ["1e99999999999999999999", "-1e99999999999999999999", "1e-99999999999999999999"]


@pytest.mark.parametrize("number", HUGE_EXPONENTS)
def test_an_exponent_beyond_decimal_is_a_violation_not_a_crash(number: str) -> None:
    # decimal cannot hold an exponent of twenty digits: reading such a number must still
    # end in a ValidationError, at the document or at the amount, like 1e999 does.
    with pytest.raises(bm.ValidationError) as caught:
        bm.from_json(TRANCHE % number, bm.Tranche)
    for violation in caught.value.violations:
        assert violation.path in {"$", "$.amount"}
        assert violation.rule in {"json", "amount"}
        assert violation.message


@pytest.mark.parametrize("number", HUGE_EXPONENTS)
def test_validate_reports_an_exponent_beyond_decimal(number: str, tmp_path: Path) -> None:
    path = tmp_path / "tranche.json"
    path.write_text(TRANCHE % number, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["validate", "--class", "Tranche", str(path)])
    assert code in {1, 2}
    assert "Traceback" not in err.getvalue()
    assert str(path) in out.getvalue() + err.getvalue()


# -- the checks catch what they are meant to ---------------------------------------------------


def test_an_exception_escaping_a_loader_is_a_finding(
    monkeypatch: pytest.MonkeyPatch, document_path: Path
) -> None:
    def broken(data: str | bytes, cls: type[Any]) -> Any:
        raise KeyError("amount")

    monkeypatch.setattr(bm, "from_json", broken)
    found = findings_of(case_of(b"{}"), document_path)
    assert any(s.startswith("from_json: KeyError escaped from") for s in found)


def test_a_repeated_key_read_silently_is_a_finding(
    monkeypatch: pytest.MonkeyPatch, document_path: Path
) -> None:
    # A reader that lets the last of two keys win, as json.loads does.
    def forgetful(data: str | bytes, cls: type[Any]) -> Any:
        return bm.from_dict(json.loads(data), cls)

    monkeypatch.setattr(bm, "from_json", forgetful)
    data = (TRANCHE % '"1.00"')[:-1].encode() + b',"year":2020}'
    assert "from_json: a repeated key was accepted silently" in findings_of(
        case_of(data), document_path
    )


def test_a_violation_path_outside_the_document_is_a_finding(
    monkeypatch: pytest.MonkeyPatch, document_path: Path
) -> None:
    def vague(data: str | bytes, cls: type[Any]) -> Any:
        raise bm.ValidationError([bm.Violation("amount", "must be positive", "amount")])

    monkeypatch.setattr(bm, "from_json", vague)
    found = findings_of(case_of(b"{}"), document_path)
    assert "from_json: violation path does not start with $" in found


def test_an_object_that_does_not_survive_a_round_trip_is_a_finding(
    monkeypatch: pytest.MonkeyPatch, document_path: Path
) -> None:
    real_to_json = bm.to_json
    monkeypatch.setattr(bm, "to_json", lambda obj: real_to_json(obj).replace("2019", "2020"))
    found = findings_of(case_of((TRANCHE % '"1.00"').encode()), document_path)
    assert "from_json: an object read does not survive to_json and from_json" in found


def test_a_valid_document_refused_is_a_finding(
    monkeypatch: pytest.MonkeyPatch, document_path: Path
) -> None:
    def strict(data: str | bytes, cls: type[Any]) -> Any:
        raise bm.ValidationError([bm.Violation("$", "refused", "type")])

    monkeypatch.setattr(bm, "from_json", strict)
    case = fuzz.Case(bm.Tranche, "valid", (), (TRANCHE % '"1.00"').encode())
    assert "from_json: a valid object's own document was refused" in findings_of(
        case, document_path
    )


def test_a_loader_that_hangs_is_a_finding(
    monkeypatch: pytest.MonkeyPatch, document_path: Path
) -> None:
    def stuck(data: str | bytes, cls: type[Any]) -> Any:
        time.sleep(5)

    monkeypatch.setattr(bm, "from_json", stuck)
    # Only the stuck loader is certain to overrun: on a busy machine another may too, and
    # that must not decide the verdict.
    assert "from_json: took more than 0.2 s" in findings_of(
        case_of(b"{}"), document_path, timeout=0.2
    )


def test_the_command_line_must_agree_with_load(
    monkeypatch: pytest.MonkeyPatch, document_path: Path
) -> None:
    monkeypatch.setattr(fuzz, "cli_main", lambda argv: 0)  # says "valid" to everything
    found = findings_of(case_of(b"[]"), document_path)
    assert "cli: exit status disagrees with load" in found


# -- the harness itself ------------------------------------------------------------------------


def test_repeated_keys_are_found_at_any_depth() -> None:
    assert fuzz.repeated_keys(b'{"a":[{"b":1,"b":1}]}') is True
    assert fuzz.repeated_keys(b'{"a":[{"b":1,"c":1}],"b":2}') is False
    assert fuzz.repeated_keys(b'{"a":') is None


def test_shrinking_keeps_only_what_shows_the_finding() -> None:
    data = b'{"year":2019,"amount":1e99999999999999999999,"convention":"x"}'
    # No time limit: on a busy machine a limit could stop the shrinking half-way.
    smallest = fuzz.shrink_bytes(data, lambda d: b"e9999" in d, math.inf)
    assert smallest == b"e9999"


def test_a_document_with_a_repeated_key_renders_both_keys() -> None:
    tree = fuzz.Pairs([("id", "nord"), ("id", "etat")])
    assert fuzz.render(tree, fuzz.Style()) == '{"id":"nord","id":"etat"}'
    assert fuzz.to_python(tree) == {"id": "etat"}  # the last one wins, as in JSON


def test_deep_nesting_is_built_without_recursion() -> None:
    deep = fuzz.nested(10**5, "mixed")
    assert deep.text.startswith('{"a":[{"a":[')
    assert deep.text.count("[") + deep.text.count("{") == 10**5
    assert json.loads(fuzz.nested(3, "[").text) == [[[0]]]


def test_the_seeds_hold_every_class_and_every_field_version_2_added() -> None:
    # Fuzzing breaks what it starts from: each new field must be there to be broken.
    assert {type(part) for part in fuzz.DATASET_PARTS} == set(MODEL_CLASSES)
    documents = [bm.to_dict(part) for part in fuzz.DATASET_PARTS]
    for cls, names in ADDED_IN_VERSION_2.items():
        for name in names:
            assert any(
                type(part) is cls and document[name] not in (None, [])
                for part, document in zip(fuzz.DATASET_PARTS, documents, strict=True)
            ), (cls.__name__, name)


def test_the_amended_seed_is_valid_and_changes_the_convention_s_period() -> None:
    programme = fuzz.amended_programme()
    assert bm.from_json(bm.to_json(programme), bm.Programme) == programme
    basin = programme.convention("bassin-minier")
    assert basin.effective_period.end < basin.period.end
