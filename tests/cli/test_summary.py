"""What ``bassin-minier show`` says of shared money and evaluation."""

from __future__ import annotations

import attrs

import bassin_minier as bm
from bassin_minier._cli.summary import WIDTH, summary
from tests.export.funded import funded_programme


def _section(lines: list[str], heading: str) -> list[str]:
    """The lines under *heading*, up to the next heading of the same rank."""
    start = lines.index(heading) + 2
    rule = lines[start - 1][0]
    end = next(
        (
            index - 1
            for index in range(start + 1, len(lines))
            if lines[index] and set(lines[index]) == {rule} and lines[index - 1]
        ),
        len(lines),
    )
    return [line for line in lines[start:end] if line]


def test_the_summary_lists_partners_matches_and_payments() -> None:
    lines = summary(funded_programme())
    assert _section(lines, "Partners (1)") == [
        "  Funders party to no convention:",
        "  - Caisse des dépôts [caisse-des-depots], public_body",
    ]
    matching = " ".join(" ".join(_section(lines, "Matching rules (1)")).split())
    assert matching == (
        "- cofinancement: Conseil départemental du Nord [cd-nord], Conseil départemental du "
        "Pas-de-Calais [cd-pas-de-calais] commit at least 0.5 × commitment etat-2019-2021, "
        "over the same conventions and years"
    )
    assert _section(lines, "Payments (3)") == [
        "  - 4 000 000,00 € under etat-2019-2021, for 2019, through nord, paid on 2019-11-04",
        "  - 1,50 € under etat-2019-2021, for 2020, day paid not known",
        "  - 200 000,00 € under departements, for 2020, day paid not known",
    ]
    assert all(len(line) <= WIDTH for line in lines)


def test_the_summary_shows_actions_indicators_and_joint_commitments() -> None:
    lines = summary(funded_programme())
    text = "\n".join(lines)
    assert (
        "  Actions:\n"
        "    - =Référents de parcours [referents]\n"
        "      priority: prevention\n"
        "      led by: Conseil départemental du Nord [cd-nord]\n"
        "      Un référent <b>pour chaque</b> allocataire & sa famille\n"
        "    - Premier accueil social [premier-accueil]\n"
    ) in text
    assert (
        "  Indicators:\n"
        "    - Jeunes sortant de l'ASE accompagnés [jeunes-ase], in jeunes\n"
        "      measures action: referents\n"
        "      baseline 2018: -3\n"
        "      2019: target 0.5, result 0.25\n"
        "      2020: target 150, result not known\n"
        "    - Taux de contractualisation [taux], in %\n"
    ) in text
    joint = " ".join(_section(lines, "Funding commitment departements")).split()
    assert " ".join(joint).startswith(
        "Funder: Conseil départemental du Nord [cd-nord] Co-funders: Conseil départemental "
        "du Pas-de-Calais [cd-pas-de-calais], Caisse des dépôts [caisse-des-depots] (jointly; "
        "totals count it under caisse-des-depots+cd-nord+cd-pas-de-calais, never split)"
    )
    assert "Action: referents" in " ".join(joint)


def test_a_version_1_programme_is_summarised_as_before() -> None:
    programme = funded_programme()
    plain = attrs.evolve(
        programme,
        conventions=[attrs.evolve(c, actions=(), indicators=()) for c in programme.conventions],
        commitments=programme.commitments[:1],
        partners=(),
        matches=(),
        payments=(),
    )
    text = "\n".join(summary(plain))
    for words in ("Partners", "Matching rules", "Payments", "Actions:", "Indicators:"):
        assert words not in text
    assert "Co-funders" not in "\n".join(summary(bm.datasets.bassin_minier_2019()))
