"""Signatories as announcements list them: « Michel Lalande, préfet du Nord »."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from bassin_minier._base.errors import UnknownIdError
from bassin_minier._model.enums import PartyKind, TerritoryKind
from bassin_minier._model.party import Party, Signatory
from bassin_minier.fr._errors import ParseError
from bassin_minier.fr._words import bare, require_text, spaced

__all__ = ["Office", "ParsedSignatory", "parse_signatories", "parse_signatory"]


@attrs.frozen
class Office:
    """One role of a signatory (« préfet du Nord ») and whom it speaks for.

    *party_kind* is the kind of body the office represents (the State for a préfet, the
    département for the president of its council); *territory* the COG code of the
    territory the role names, with its *territory_kind*, when it names one.
    """

    text: str
    party_kind: PartyKind
    territory: str | None = None
    territory_kind: TerritoryKind | None = None


@attrs.frozen
class ParsedSignatory:
    """A person, the role they sign in, and the party that role represents.

    *role* is the text of every office, as written; *party_kind* and *territory* (a COG
    code, None for the State) describe the party they sign for; *offices* lists each role.

    >>> lecerf = parse_signatory("Jean-René Lecerf, président du conseil départemental du Nord")
    >>> lecerf.party_kind, lecerf.territory, lecerf.party_id
    (<PartyKind.DEPARTEMENT: 'departement'>, '59', 'cd-nord')
    >>> lecerf.party().name
    'Conseil départemental du Nord'
    """

    name: str
    role: str
    party_kind: PartyKind
    territory: str | None
    offices: tuple[Office, ...]
    #: The name of the party when it is a local authority (« Conseil départemental du Nord »).
    _party_name: str | None = attrs.field(default=None, repr=False, alias="party_name")

    @property
    def party_id(self) -> str:
        """A slug for the party: ``etat``, ``cd-<département>`` or ``cr-<région>``."""
        if self.party_kind is PartyKind.STATE:
            return "etat"
        prefix = "cd" if self.party_kind is PartyKind.DEPARTEMENT else "cr"
        return f"{prefix}-{_slug(self._territory_name())}"

    def party(self) -> Party:
        """The party this signatory represents, named as the COG names its territory."""
        if self.party_kind is PartyKind.STATE:
            return Party(id="etat", name="État", kind=PartyKind.STATE)
        assert self._party_name is not None
        return Party(
            id=self.party_id,
            name=self._party_name,
            kind=self.party_kind,
            territory=self.territory,
        )

    def signatory(self, party: str | None = None) -> Signatory:
        """This person as a `Signatory` of the party with id *party* (by default `party_id`)."""
        return Signatory(name=self.name, role=self.role, party=party or self.party_id)

    def _territory_name(self) -> str:
        from bassin_minier import geography  # noqa: PLC0415

        assert self.territory is not None
        if self.party_kind is PartyKind.DEPARTEMENT:
            return geography.departement(self.territory).name
        return geography.region(self.territory).name


def _slug(name: str) -> str:
    from bassin_minier.geography import name_key  # noqa: PLC0415

    return re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-")


# A bullet or a list number before the line, then the line.
_BULLET = re.compile(r"^(?:[•\-*–—·▪◦‣]|[0-9]{1,3}[.)])\s*")
# Words of a person's name are letters, apostrophes, dots and hyphens (« Jean-René »,
# « Neveü », « N'Diaye », « J.-R. »); each starts with a capital but for particles (« de »).
_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.-])*")
_PARTICLES = {"de", "du", "des", "van", "von", "le", "la"}

# « du », « de la », « de l' », « des », « de », « d' », with the space that follows a word
# (so that « de landes » is « de » and « Landes », not « de la » and « ndes »).
_OF = r"(?:de l' ?|d' ?|(?:du|de la|des|de) )"
_HEAD = r"(?:vice-)?presidente?"
# Each known role: its pattern, the kind of party it speaks for, the kind of territory it
# names, and whether a place missing from the COG is an error (a council must be one of a
# real territory) or not (« sous-préfète de Lens », « préfet de la zone de défense »: a
# préfet speaks for the State wherever the post is).
_ROLES: tuple[tuple[re.Pattern[str], PartyKind, TerritoryKind | None, bool], ...] = (
    (
        re.compile(r"(?:sous-)?prefete? de (?:la )?region (?P<place>.+)"),
        PartyKind.STATE,
        TerritoryKind.REGION,
        False,
    ),
    (
        re.compile(rf"(?:sous-)?prefete? (?:{_OF}departement )?(?P<place>{_OF}.+)"),
        PartyKind.STATE,
        TerritoryKind.DEPARTEMENT,
        False,
    ),
    (
        re.compile(rf"{_HEAD} du conseil departemental (?P<place>{_OF}.+)"),
        PartyKind.DEPARTEMENT,
        TerritoryKind.DEPARTEMENT,
        True,
    ),
    (
        re.compile(rf"{_HEAD} du conseil regional (?P<place>{_OF}.+)"),
        PartyKind.REGION,
        TerritoryKind.REGION,
        True,
    ),
    (
        re.compile(rf"{_HEAD} de la region (?P<place>.+)"),
        PartyKind.REGION,
        TerritoryKind.REGION,
        True,
    ),
    (
        re.compile(r"(?:deleguee?|haute?-commissaire|ministre|secretaire d'etat)\b.*"),
        PartyKind.STATE,
        None,
        False,
    ),
)
_PLACE_OF = re.compile(rf"^{_OF}")

_EXPECTED = (
    "expected 'Name, role' with a role such as 'préfet du Nord', 'préfet de la région "
    "Hauts-de-France', 'président du conseil départemental du Nord', 'vice-présidente du "
    "conseil régional', 'délégué interministériel …' or 'ministre …'"
)


def parse_signatory(line: str) -> ParsedSignatory:
    """The person, role and party of one line « Name, role, role » of a list of signatories.

    A leading bullet (« • », « - ») and trailing punctuation are dropped. At least one role
    must be one the parser knows (préfet or préfète, sous-préfet, président or
    vice-présidente of a conseil départemental or régional, délégué(e) interministériel(le),
    haut-commissaire, ministre, secrétaire d'État); other roles are kept in *role* as
    written. Roles that speak for different parties make the line a `ParseError`, as does a
    name that is not a person's name or a territory missing from the COG.

    >>> lalande = parse_signatory(
    ...     "• Michel Lalande, préfet de la région Hauts-de-France, préfet du Nord,"
    ... )
    >>> lalande.name, lalande.party_id, [office.territory for office in lalande.offices]
    ('Michel Lalande', 'etat', ['32', '59'])
    """
    require_text(line, "parse_signatory")
    cleaned = _BULLET.sub("", spaced(line)).rstrip(" ,;.")
    name, *roles = (part.strip() for part in cleaned.split(","))
    roles = [role for role in roles if role]
    if not roles:
        raise ParseError(line, _EXPECTED)
    if problem := _name_problem(name):
        raise ParseError(line, problem)
    offices = tuple(_office(line, role) for role in roles)
    known = [office for office in offices if office.party_kind is not PartyKind.OTHER]
    if not known:
        raise ParseError(line, f"no role it recognises; {_EXPECTED}")
    parties = {_speaks_for(office) for office in known}
    if len(parties) > 1:
        raise ParseError(line, "its roles speak for different parties: say which one signs")
    ((party_kind, territory),) = parties
    party_name = None
    if party_kind is not PartyKind.STATE:
        party_name = _party_name(next(o for o in known if o.party_kind is party_kind))
    return ParsedSignatory(
        name=name,
        role=", ".join(roles),
        party_kind=party_kind,
        territory=territory,
        offices=offices,
        party_name=party_name,
    )


def _speaks_for(office: Office) -> tuple[PartyKind, str | None]:
    # A préfet of the Nord speaks for the State, which is one party wherever it acts.
    if office.party_kind is PartyKind.STATE:
        return (PartyKind.STATE, None)
    return (office.party_kind, office.territory)


def parse_signatories(text: str) -> tuple[ParsedSignatory, ...]:
    """The signatories of a list, one a line; blank lines and headings ending in ':' are skipped.

    >>> [s.party_id for s in parse_signatories('''Les signataires :
    ...   • Fabien Sudry, préfet du Pas-de-Calais,
    ...   • Nicole Gruson, vice-présidente du conseil départemental du Pas-de-Calais.''')]
    ['etat', 'cd-pas-de-calais']
    """
    require_text(text, "parse_signatories")
    return tuple(_each_line(text))


def _each_line(text: str) -> Iterator[ParsedSignatory]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or spaced(line).endswith(":"):
            continue
        try:
            yield parse_signatory(line)
        except ParseError as error:
            raise ParseError(text, f"line {number}: {error}") from None


def _name_problem(name: str) -> str | None:
    words = name.split(" ")
    if len(words) < 2 or not all(_NAME_WORD.fullmatch(w) for w in words):
        return f"{name!r} is not a person's name (first name and surname); {_EXPECTED}"
    # « Giscard d'Estaing »: the elided particle, then the capital.
    if not all(w in _PARTICLES or re.sub("^d['’]", "", w)[:1].isupper() for w in words):
        return f"{name!r} is not a person's name: each name starts with a capital"
    return None


def _office(line: str, role: str) -> Office:
    reduced = bare(role)
    for pattern, party_kind, territory_kind, strict in _ROLES:
        match = pattern.fullmatch(reduced)
        if match is None:
            continue
        if territory_kind is None:
            return Office(text=role, party_kind=party_kind)
        code = _territory_code(territory_kind, match["place"])
        if code is None:
            if strict:
                what = "région" if territory_kind is TerritoryKind.REGION else "département"
                raise ParseError(line, f"{match['place']!r} is not a {what} of the COG")
            # Still the State's, for a place the tables do not hold (an arrondissement).
            return Office(text=role, party_kind=party_kind)
        return Office(
            text=role, party_kind=party_kind, territory=code, territory_kind=territory_kind
        )
    return Office(text=role, party_kind=PartyKind.OTHER)


def _territory_code(kind: TerritoryKind, place: str) -> str | None:
    from bassin_minier import geography  # noqa: PLC0415

    look_up = geography.region if kind is TerritoryKind.REGION else geography.departement
    for candidate in (place, _PLACE_OF.sub("", place)):
        try:
            return look_up(candidate).code
        except UnknownIdError:
            continue
    return None


def _party_name(office: Office) -> str:
    # « Conseil départemental du Nord »: the preposition as the text writes it, the
    # territory as the COG spells it.
    from bassin_minier import geography  # noqa: PLC0415

    assert office.territory is not None
    if office.party_kind is PartyKind.DEPARTEMENT:
        name = geography.departement(office.territory).name
    else:
        name = geography.region(office.territory).name
    match = re.search(rf"\bconseil (departemental|regional) ({_OF}) ?", bare(office.text))
    if match is None:  # « présidente de la région Hauts-de-France »
        return f"Région {name}"
    council = "Conseil départemental" if match[1] == "departemental" else "Conseil régional"
    preposition = match[2].strip()
    separator = "" if preposition.endswith("'") else " "
    return f"{council} {preposition}{separator}{name}"
