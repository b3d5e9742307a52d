"""Short forms of the names an article gives in full: which full name a single word shortens
("Rice" after "Condoleezza Rice"), which name an acronym abbreviates, and whether an honorific's
gender forbids the join ("Mrs. Bush" is not George W. Bush). Split from kg.knowing.names, whose
`resolve` uses them."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .namelexicon import NameLexicon
    from .names import Candidate


def _hyphenated_given(words: list[str], particles: frozenset[str]) -> bool:
    """Whether a name's words (a hyphen its own word) are a family name and a hyphenated given name,
    "song min - soon", "ban ki - moon", "kim jong - il": the family name comes first (Korean);
    not "majid al - harthani" (a particle joined to the surname) nor "ali abdel - rahman", "ahmed
    ould - abdallah" (a hyphenated surname: its syllables are longer than a Korean name's)."""
    return len(words) == 4 and words[2] == "-" and words[1] not in particles and \
        all(0 < len(w) <= 5 and w.isalpha() for w in (words[0], words[1], words[3]))


def _by_word(names: list[tuple[int, int, str, object]]) -> dict[str, list[tuple[int, int, str, object]]]:
    """(sentence, token, word, target) entries by their word, in the order given."""
    out: dict[str, list[tuple[int, int, str, object]]] = {}
    for x in names:
        out.setdefault(x[2], []).append(x)
    return out


def _short_form(by_word: dict[str, list[tuple[int, int, str, object]]], c: Candidate, word: str) -> object | None:
    """The full name this single word shortens: the latest one before it, else the first after
    (`by_word`: the full names by that word, in text order)."""
    xs = by_word.get(word)
    if not xs:
        return None
    here = (c.sentence, c.first)
    before = [x for x in xs if (x[0], x[1]) < here]
    if before:
        return before[-1][3]
    after = [x for x in xs if (x[0], x[1]) > here]
    return after[0][3] if after else None


def _acronym_targets(cands: list[Candidate], confirmed: set[str], evidence: dict[str, set[str]]) -> dict[str, str]:
    """Acronym -> the organisation name it abbreviates in this article (initials of its capitalised words)."""
    out: dict[str, str] = {}
    orgs = [k for k in sorted(confirmed) if len(k.split()) >= 2]
    for c in cands:
        if "acronym" not in c.evidence or c.key in out:
            continue
        letters = c.key.replace(".", "")
        for k in orgs:
            ws = k.split()
            initials = "".join(w[0] for x, w in enumerate(ws) if w[0].isalpha() and (x == 0 or ws[x - 1] != "-") and
                               w not in ("of", "for", "the", "a", "and", "on", "in", "de"))  # "Re-Liberation" gives one letter
            if initials == letters:
                out[c.key] = k
                break
    return out


def _gender_clash(target: object, gender: str, genders: dict[str, str | None], lex: "NameLexicon") -> bool:
    """Whether the person a name after an honorific of `gender` would shorten is known to be of the
    other gender: by the gazetteer's record, an honorific before the full name (`genders`: an
    unlinked name's key -> its gender) or a first name of one gender only (names.yaml
    `female_first_names`, `male_first_names`). Unknown: no clash ("Ms. Montas" after "Michele Montas")."""
    if isinstance(target, str):
        g, words = genders.get(target), target.split()
    else:
        g, words = getattr(target, "gender", None), getattr(target, "label", "").casefold().split()
    if g is None and words:
        g = "female" if words[0] in lex.female_first_names else "male" if words[0] in lex.male_first_names else None
    return g is not None and g != gender
