"""Proper names that no gazetteer lists: found by form and context, typed by evidence, and
linked within the article ("Rice" after "Condoleezza Rice").

Why: the gazetteer can never list everyone; a name kg does not know must still become an entity
(so rules can use it and a quote is never handed to someone else), but marked as unlinked, with
an IRI minted from its normalised name. The word lists are data (`data/names.yaml`).

How: a candidate is a run of capitalised tokens (with particles, connectors, initials and inner
hyphens) that no gazetteer name, description, role or seat covers. Runs are split at
nationality and other never-name words unless an organisation word follows ("Arab League").
Sentence-initial single words, title-case headlines and datelines yield no new names; they are
names only where the same name is confirmed elsewhere in the article. Evidence (honorific or
title before it, apposition with a role, organisation or place words inside it, a preposition
of place before it, a known first name) is gathered over the whole article and decides the type.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import digest
from ..reading.text import Token, slug
from .gazetteer import Entity
from .namelexicon import NameLexicon, load_names  # noqa: F401  (mentions imports them from here)
from .shortforms import _acronym_targets, _by_word, _gender_clash, _hyphenated_given, _short_form

UNLINKED = "unlinked/"  # id prefix of unlinked entities: their IRIs never collide with a gazetteer id
_OPEN = frozenset({'"', "(", "[", ":", ".", "!", "?", "'", ";"})
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]+(?:,\s*[A-Z][A-Za-z.' ]+)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:--|-|—|–)\s")


_PLAIN: dict[str, str] = {}
_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ł": "l", "ø": "o", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})


def plain(norm: str) -> str:
    """A token's normal form without diacritics ("erdoğan" -> "erdogan", "đukanović" ->
    "dukanovic"), so that names match however the text or the dictionary spells them."""
    if norm.isascii():
        return norm
    p = _PLAIN.get(norm)
    if p is None:
        import unicodedata

        if len(_PLAIN) > 100_000:  # a long corpus: bound the memo
            _PLAIN.clear()
        d = unicodedata.normalize("NFKD", norm.translate(_LETTERS))
        p = _PLAIN[norm] = "".join(c for c in d if not unicodedata.combining(c)) or norm
    return p


@dataclass(frozen=True)
class UnlinkedEntity(Entity):
    """An entity for a name no gazetteer lists (the graph marks it kgo:UnlinkedEntity)."""

    unlinked: bool = True


@dataclass
class Candidate:
    """One run of capitals in one sentence that no gazetteer entry covers, with its evidence."""

    sentence: int  # index in the article's analysed sentences (not Sentence.index)
    first: int
    last: int
    key: str  # normalised name: folded lower-case words
    surface: str
    evidence: set[str] = field(default_factory=set)
    gender: str | None = None
    tentative: bool = False  # sentence-initial single word, headline or dateline: a name only if confirmed
    entity: Entity | None = None


def is_cap(t: Token) -> bool:
    c = t.text[0]
    return c.isupper() and c.isalpha()


def _acronym(t: Token) -> bool:
    letters = [c for c in t.text if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


def title_case(toks: list[Token], lex: NameLexicon, segment: str) -> bool:
    """A headline or heading in title case (most content words capitalised), or any sentence
    whose every content word is capitalised or that is all in capitals."""
    headline = segment in ("headline", "heading")
    content = caps = upper = words = 0
    fw = lex.function_words
    for t in toks:
        x = t.text
        if not x[0].isalpha():
            continue
        words += 1
        upper += x.isupper()
        if len(x) >= 3 and t.norm not in fw:
            content += 1
            if x[0].isupper():
                caps += 1
            elif not headline and upper < words:
                return False  # a body sentence with a lower-case content word (most are): stop here
    if words >= 3 and upper == words:
        return True
    if not content:
        return False
    return caps / content >= 0.6 if headline else caps == content and content >= 3


def dateline_end(text: str) -> int:
    """Length of a dateline that opens a sentence ("JERUSALEM (Reuters) - ", "MOSCOW, March 3 (AP) -- ")."""
    m = _DATELINE.match(text)
    return m.end() if m and any(c.isupper() for c in m.group().split("(")[0][:3]) else 0


_NOT_SURNAMES = frozenset({"however", "meanwhile", "instead", "separately", "earlier", "later", "today", "yesterday",
                           "tomorrow", "moreover", "furthermore", "nevertheless", "indeed", "thus", "hence", "therefore",
                           "besides", "otherwise", "afterwards", "finally", "still", "now", "then", "also", "again", "once"})


def _titled_aside(toks: list[Token], a: int, c: Candidate) -> bool:
    """"Ahtisaari, the U.N. special envoy for Kosovo, presented ...": one capitalised word opening a
    sentence, set off by a comma before a title, is a person's name (never an adverb: "However, the
    president said")."""
    w = toks[a].norm
    return "apposition" in c.evidence and toks[a].text.isalpha() and not w.endswith("ly") and w not in _NOT_SURNAMES \
        and a + 2 < len(toks) and toks[a + 2].norm in ("the", "a")


def _initial(toks: list[Token], i: int, honorifics: dict[str, str | None]) -> bool:
    """Whether token i starts a sentence or a quotation (where every word is capitalised)."""
    j = i - 1
    while j >= 0 and toks[j].text in ('"', "“", "‘", "(", "["):
        if toks[j].text in ('"', "“", "‘"):
            return True
        j -= 1
    if j < 0:
        return True
    p = toks[j]
    if p.norm == "." and j > 0 and toks[j - 1].norm in honorifics:
        return False  # "Mr. Kalugin"
    if p.norm in _OPEN:
        return True
    return p.norm == "-" and (j == 0 or toks[j - 1].end < p.begin)  # a spaced dash


def find_candidates(si: int, toks: list[Token], covered: list[bool], role_end: set[int], role_start: set[int],
                    lex: NameLexicon, first_names: frozenset[str], segment: str, text_offset: int,
                    sentence_text: str) -> list[Candidate]:
    """The runs of capitals of one sentence that no known mention covers, with their evidence."""
    n = len(toks)
    particles = lex.particles
    # where a run may start: an uncovered capitalised word, or a particle ("al-Bashir", "van der
    # Wenden"); all other tokens are passed over without a step each
    starts = [k for k, t in enumerate(toks) if not covered[k] and (t.text[0].isupper() or t.norm in particles)]
    if not any(toks[k].text[0].isupper() and toks[k].text[0].isalpha() for k in starts):
        return []  # no capitalised word left (is_cap): nothing to look at
    headline: bool | None = None  # title_case and the dateline's end, worked out for the first candidate
    dl = 0
    out: list[Candidate] = []
    i = 0
    for i0 in starts:
        if i0 < i:
            continue
        i = i0
        t = toks[i]
        if not is_cap(t) and not (t.norm in particles and _particle_leads(toks, i, covered, lex)):
            continue
        j = i + 1
        while j < n and not covered[j]:
            u = toks[j]
            if is_cap(u):
                j += 1
            elif u.text == "-" and j + 1 < n and u.begin == toks[j - 1].end and toks[j + 1].begin == u.end and \
                    not covered[j + 1] and (is_cap(toks[j + 1]) or toks[j + 1].norm in lex.particles or
                                            j - i >= 2 and _name_syllable(toks[j + 1], lex)):
                j += 2  # al-Aqsa, Jean-Marie, Ban Ki-moon, Zia-ul Haq (not Mogadishu-based)
            elif u.text == "." and (len(toks[j - 1].text) == 1 and toks[j - 1].text.isupper() or
                                     toks[j - 1].norm in lex.honorifics) and j + 1 < n and is_cap(toks[j + 1]):
                j += 1  # an initial (George W. Bush) or an abbreviated honorific (Mr. Kalugin, Gen. Petraeus)
            elif u.norm in lex.particles and _particle_leads(toks, j, covered, lex):
                j += 1  # Osama bin Laden, Omar al-Bashir, van der Hoeven
            elif u.norm in ("'s", "'") and toks[j - 1].norm in lex.possessive_name_words and j + 1 < n and \
                    not covered[j + 1] and _org_ahead(toks, j + 1, covered, lex, "Organization"):
                j += 1  # Pakistan People's Party
            elif u.norm in lex.connectors and j + 1 < n and not covered[j + 1] and \
                    not (u.norm == "and" and toks[j + 1].norm == toks[i].norm) and (  # "Bank Melli and Bank Mellat": two
                    _named_body(toks, i, j, lex) or _org_ahead(toks, j + 1, covered, lex, "Organization") and
                    not any(toks[x].norm in first_names for x in range(i, j))) and (
                    _capital_word(toks[j + 1], lex) or _capital_pair(toks, j + 1, covered, lex) or
                    toks[j + 1].norm in lex.connectors and u.norm != "and" and j + 2 < n and not covered[j + 2] and
                    (_capital_word(toks[j + 2], lex) or _capital_pair(toks, j + 2, covered, lex))) and \
                    not _person_ahead(toks, j + 1, covered, lex):  # "Movement for a Democratic Alternative"
                j += 1  # Ministry of Foreign Affairs; Justice and Equality Movement (an organisation word follows)
            else:
                break
        while j > i and (toks[j - 1].norm in lex.connectors or toks[j - 1].text in "-." or
                         toks[j - 1].norm in lex.particles and not is_cap(toks[j - 1])):
            j -= 1
        for a, b, gender, hon in _pieces(toks, i, j, lex):
            c = _candidate(si, toks, a, b, lex, first_names, role_end, role_start, text_offset)
            if c is None:
                continue
            if hon:
                c.evidence.add("honorific")
                c.gender = gender
            if headline is None:
                headline = title_case(toks, lex, segment)
                dl = dateline_end(sentence_text) if sentence_text[:1].isupper() else 0
            if headline and not (segment == "body" and b - a > 1 and c.evidence & {"apposition", "title", "honorific"}) and \
                    not _signature(toks, b, role_start, role_end, a) or \
                    toks[a].begin - text_offset < dl or (_initial(toks, a, lex.honorifics) and b - a == 1 and not hon and
                                                                 not _titled_aside(toks, a, c)):
                c.tentative = True
            out.append(c)
        i = max(j, i + 1)
    return out


def _signature(toks: list[Token], b: int, role_start: set[int], role_end: set[int], a: int) -> bool:
    """A statement's signature line: a name of two words or more, a comma and a title that ends the
    line ("Tom Casey, Deputy Spokesman"; "Statement by Sean McCormack, Spokesman"). The line is a
    heading, but it names its signer: a name, not a tentative one (CONVENTIONS 91, 136, 144)."""
    n = len(toks)
    return b - a > 1 and b + 1 < n and toks[b].text == "," and b + 1 in role_start and (
        n in role_end or n - 1 in role_end and toks[n - 1].text == ".")


def _name_syllable(t: Token, lex: NameLexicon) -> bool:
    """A lower-case word after an inner hyphen that continues a name of two capitalised words or
    more ("Ban Ki-moon", "Roh Moo-hyun"), not the second half of a compound adjective
    ("Mogadishu-based", "Kremlin-backed", "Hamas-run"; "Last-minute" has one capital before)."""
    w = t.norm
    return (w.isalpha() and w.islower() and w not in lex.compound_words and
            not w.endswith(("ed", "ing", "ly")) and w not in lex.connectors)


def _particle_leads(toks: list[Token], j: int, covered: list[bool], lex: NameLexicon) -> bool:
    """Whether the particle at j leads on to the rest of a name: a capital ("bin Laden"), an
    attached hyphen and a capital ("al-Bashir"), or another particle that does ("van der Hoeven")."""
    k = j + 1
    while k < len(toks) and not covered[k] and toks[k].norm in lex.particles and not is_cap(toks[k]):
        k += 1
    if k >= len(toks) or covered[k]:
        return False
    if is_cap(toks[k]):
        return True
    return (toks[k].text == "-" and toks[k].begin == toks[k - 1].end and k + 1 < len(toks) and not covered[k + 1] and
            toks[k + 1].begin == toks[k].end and is_cap(toks[k + 1]))


def _person_ahead(toks: list[Token], k: int, covered: list[bool], lex: NameLexicon) -> bool:
    """Whether the capitalised words from k on are a person's name (a particle inside: "the
    Popular National Congress Party of Hassan al-Turabi" names two actors, not one)."""
    while k < len(toks) and not covered[k] and (is_cap(toks[k]) or toks[k].norm in lex.connectors):
        k += 1
    return k < len(toks) and not covered[k] and toks[k].norm in lex.particles and not is_cap(toks[k])


def _org_ahead(toks: list[Token], k: int, covered: list[bool], lex: NameLexicon, kind: str | None = None) -> bool:
    """Whether the capitalised words from k on hold an organisation word (of this type, if given):
    "and Equality Movement" continues "Justice" into one name."""
    while k < len(toks) and not covered[k] and (is_cap(toks[k]) or toks[k].text == "-"):
        t = lex.org_words.get(toks[k].norm)
        if t is not None and (kind is None or t == kind):
            return True
        k += 1
    return False


def _capital_pair(toks: list[Token], k: int, covered: list[bool], lex: NameLexicon) -> bool:
    """A never-name word that a name word follows ("for Democratic Change", "of Islamic Renaissance")."""
    return (is_cap(toks[k]) and k + 1 < len(toks) and not covered[k + 1] and _capital_word(toks[k + 1], lex) and
            toks[k + 1].begin > toks[k].end)


def _capital_word(t: Token, lex: NameLexicon) -> bool:
    return is_cap(t) and t.norm not in lex.not_names


def _named_body(toks: list[Token], i: int, j: int, lex: NameLexicon) -> bool:
    """Whether the run so far names a body or place ("Bank", "Ministry", "Republic"), after which
    'of', 'for', 'and' may continue the name; after a person's name they never do."""
    return any(toks[k].norm in lex.org_words or toks[k].norm in lex.place_words for k in range(i, j))


def _pieces(toks: list[Token], i: int, j: int, lex: NameLexicon) -> list[tuple[int, int, str | None, bool]]:
    """Split a run at never-name words unless an organisation or place word follows them ("Arab
    League"); drop leading function words ("The Kremlin" at a sentence start) and honorifics,
    remembering the honorific's gender ("Mr Kalugin")."""
    if j == i + 1:  # one word (most runs): the loop below, unrolled
        t = toks[i]
        w = t.norm
        if w in lex.not_names and not (j < len(toks) and toks[j].text.islower() and
                                       lex.org_words.get(toks[j].norm) == "Organization"):
            return []
        if w in lex.function_words or not t.text[0].isalpha():
            return []
        return [(i, j, None, False)]
    out: list[tuple[int, int, str | None, bool]] = []
    a, k = i, i
    gender: str | None = None
    hon = False

    tail = j < len(toks) and toks[j].text.islower() and lex.org_words.get(toks[j].norm) == "Organization"

    def org_after(m: int) -> bool:  # "Arab League"; "the Islamic Courts movement"
        return tail or any(toks[x].norm in lex.org_words or toks[x].norm in lex.place_words for x in range(m, j))
    while k < j:
        w = toks[k].norm
        if w in lex.not_names and not org_after(k + 1) and not (k == a and w in lex.first_name_months and k + 1 < j and
                                                                toks[k + 1].text[0].isalpha()) and not (k > i and toks[k - 1].text == "-" and
                                                                toks[k - 1].begin == toks[k].begin - 1) and \
                not (k > a and toks[k - 1].norm in lex.connectors and _named_body(toks, a, k, lex)):  # "Movement for Democratic Change"
            if k > a:
                out.append((a, k, gender, hon))
            a, gender, hon = k + 1, None, False
        elif k == a and w in lex.function_words:
            a = k + 1
        elif k == a and w in lex.name_titles and k + 1 < j and not org_after(k + 1):
            a, hon = k + 1, True  # "Correspondent Alisha Ryu": a person, titled
        elif k == a and w in lex.honorifics and k + 1 < j and not org_after(k + 1):
            gender, hon = lex.honorifics[w] or gender, True
            if w in lex.name_honorifics and sum(t.text[0].isalpha() for t in toks[k + 1:j]) == 1:
                k += 1  # "Sheikh Hasina": with one word after it, the title is part of the name
                continue
            a = k + 1
            if toks[a].text == ".":
                a += 1
                k += 1
        k += 1
    if j > a:
        out.append((a, j, gender, hon))
    kept = []
    for a, b, g, h in out:  # pieces with a word in them
        for k in range(a, b):
            if toks[k].text[0].isalpha():
                kept.append((a, b, g, h))
                break
    return kept


def _candidate(si: int, toks: list[Token], a: int, b: int, lex: NameLexicon, first_names: frozenset[str],
               role_end: set[int], role_start: set[int], offset: int) -> Candidate | None:
    words = toks[a:b]
    alpha = [t for t in words if t.text[0].isalpha()]
    if not alpha or all(t.norm in lex.not_names or t.norm in lex.function_words for t in alpha):
        return None
    if len(alpha) == 1 and (len(alpha[0].text) == 1 or alpha[0].norm in lex.org_words or alpha[0].norm in lex.place_words):
        return None  # a lone letter, or a common noun written with a capital ("the Parliament", "the Cabinet")
    if all(t.norm in lex.honorifics or t.norm in lex.name_titles for t in alpha):
        return None  # a title whose name kg knows already ("Gen. Michel Aoun", "President General Pervez Musharraf")
    if len(alpha) == 1 and alpha[0].norm.endswith("s") and (alpha[0].norm[:-1] in lex.not_names or
                                                            alpha[0].norm[:-2] in lex.not_names):
        return None  # a plural of a nationality or belief ("Pakistanis", "Islamists")
    if len(words) == 1:  # most candidates are one word
        key = words[0].norm if words[0].text not in "." else ""
        surface = words[0].text
    else:
        key = " ".join([t.norm for t in words if t.text not in "."])
        parts, end = [], words[0].begin
        for w in words:
            if w.begin > end:
                parts.append(" ")
            parts.append(w.text)
            end = w.end
        surface = "".join(parts)
    c = Candidate(si, a, b, key, surface)
    ev = c.evidence
    head = None  # the organisation word that heads the name: the last before a connector ("Popular National
    for t in words:  # Congress Party" is a party; "Ministry of Foreign Affairs" a ministry)
        if t.norm in lex.connectors and head is not None:
            break
        if t.norm in lex.org_words:
            head = lex.org_words[t.norm]
    if head is None and b < len(toks) and lex.org_words.get(toks[b].norm) == "Organization" and toks[b].text.islower():
        head = "Organization"  # "the Islamic Courts movement", "the Kadima party"
    if head is not None:
        ev.add("org:" + head)
    for t in words:
        if t.norm in lex.place_words and len(words) > 1:
            ev.add("place:" + lex.place_words[t.norm])
    if len(words) == 1 and _acronym(words[0]):
        ev.add("acronym")
    if len(alpha) >= 2 and alpha[0].norm in first_names:
        ev.add("first-name")
    if len(words) > 1 and any(t.norm in lex.particles and not is_cap(t) for t in words[1:]) and is_cap(words[0]) and \
            words[-1].norm not in lex.not_names:  # (not "Fatah al-Islam")
        ev.add("particle")  # "Majid al-Harthani", "Pieter van der Wenden": a person's name
    if a in role_end or a - 1 in role_end and toks[a - 1].text in ".," or \
            a - 2 in role_end and toks[a - 1].norm in lex.future_title_words:  # "President-elect X"
        ev.add("title")  # "President X", "Gen. X", "Iran's chief negotiator, X"
    p = a - 1
    if p >= 0 and toks[p].norm == "the":
        ev.add("the")
        p -= 1
    if p >= 0 and (toks[p].norm in lex.place_preps or toks[p].norm in ("to", "from") and p > 0 and
                   toks[p - 1].norm in lex.motion_verbs or toks[p].norm == "of" and p > 0 and
                   lex.place_words.get(toks[p - 1].norm) in ("City", "Region")):
        ev.add("place-prep")  # "in Kabul", "flew to Kabul", "the town of Baidoa"
    if b - a == 1 and a > 0 and toks[a - 1].text == "(" and b + 1 < len(toks) and toks[b].text == ")" and is_cap(toks[b + 1]):
        ev.add("inserted-given")  # "President (Omar) Bongo": a first name put in, never a short form of another person
    # apposition: NAME, [the|a] [Country's|demonym|modifiers] ROLE
    if b < len(toks) and toks[b].text == ",":
        k = b + 1
        while k < len(toks) and k <= b + 6 and k not in role_start and toks[k].text not in ",;:.!?\"“”()":
            k += 1
        if k in role_start:
            ev.add("apposition")
        if b + 1 < len(toks) and toks[b + 1].norm == "who":
            ev.add("who")
    return c


def decide_type(evidence: set[str]) -> str:
    """The most precise type the evidence allows (organisation words beat titles, titles beat
    places, ...); plain Agent when nothing says more than that it is a name."""
    for e in sorted(evidence):
        if e.startswith("org:"):
            return e[4:]
    if evidence & {"honorific", "title", "apposition", "who"}:
        return "Person"
    for e in sorted(evidence):
        if e.startswith("place:"):
            return e[6:]
    if "first-name" in evidence or "particle" in evidence:
        return "Person"
    if "place-prep" in evidence:
        return "Place"  # "in Kabul", "at the Kremlin"
    if "acronym" in evidence or "the" in evidence:
        return "Organization"
    return "Agent"


@lru_cache(maxsize=16384)
def unlinked_id(label: str) -> str:
    """A stable IRI-safe id from a normalised name; a hash where the slug loses the name
    (memoised: the same names recur in article after article)."""
    folded = " ".join(plain(w) for w in label.casefold().split())  # "Guéhenno" is "guehenno"
    s = slug(folded)
    if not s or len(folded) > 60 or not folded.isascii():
        s = f"{s}-{digest.sha1(folded.encode()).hexdigest()[:8]}".strip("-")
    return UNLINKED + s


def _label(surface: str) -> str:
    words = surface.split()
    if all(w.isupper() for w in words if any(c.isalpha() for c in w)) and sum(len(w) for w in words) > 6:
        return " ".join(w.capitalize() for w in words)  # from a text in capitals
    return " ".join(words)


def resolve(cands: list[Candidate], people: list[tuple[int, int, Entity, str]], types_of: dict[str, str],
            lex: NameLexicon) -> None:
    """Give each candidate its entity (or None), article-wide: short forms land on the full
    name ("Rice", "Mr Kalugin" after "Condoleezza Rice", "Alexander Kalugin"), acronyms on the
    name they abbreviate, and tentative ones only when the article confirms them elsewhere.

    `people`: (sentence, token, entity, surface) of the gazetteer's people named in the article."""
    by_key: dict[str, list[Candidate]] = {}
    for c in cands:
        by_key.setdefault(c.key, []).append(c)
    confirmed = {k for k, cs in by_key.items() if any(not c.tentative for c in cs)}
    evidence: dict[str, set[str]] = {}
    gender: dict[str, str | None] = {}
    for c in cands:
        if c.key in confirmed:
            evidence.setdefault(c.key, set()).update(c.evidence)
            if c.gender:
                gender[c.key] = c.gender
    # full names whose last word may stand alone later: unlinked multi-word people and the gazetteer's people
    surnames: list[tuple[int, int, str, object]] = []  # (sentence, token, surname, key or entity)
    givens: list[tuple[int, int, str, object]] = []  # the same with the first word ("Ban" of "Ban Ki-moon")
    types: dict[str, str] = {}  # key -> decide_type of its evidence, once

    def type_of(k: str) -> str:
        t = types.get(k)
        if t is None:
            t = types[k] = decide_type(evidence.get(k, set()))
        return t
    for k in sorted(confirmed):
        words = [w for w in k.split() if w not in lex.suffixes and w not in ("-", ".")]
        t = type_of(k)
        if len(words) >= 2 and t in ("Person", "Agent"):
            family_first = _hyphenated_given(k.split(), lex.particles)
            for c in by_key[k]:
                if not family_first:  # (a family name first is a given-word entry only: "Kim" is the Kim named last)
                    surnames.append((c.sentence, c.first, words[-1], k))
                givens.append((c.sentence, c.first, words[0], k))
    for s, tok, ent, surface in people:
        words = [w for w in ent.label.casefold().split() if w not in lex.suffixes]
        if len(words) >= 2 and (_hyphenated_given(surface.casefold().replace("-", " - ").split(), lex.particles) or lex.family_name_first_states and any(
                (a.code or "")[:3].casefold() in lex.family_name_first_states for a in getattr(ent, "affiliations", ()))):
            givens.append((s, tok, words[0], ent))  # "Song" of "Song Min-soon", "Roh" of "Roh Moo Hyun"; never "Soon"
            continue
        if len(words) >= 2:
            surnames.append((s, tok, words[-1], ent))
            givens.append((s, tok, words[0], ent))
            if "-" in words[-1] and words[-1].split("-")[0] in lex.particles:  # "Al Bashir" after "Omar al-Bashir"
                surnames.append((s, tok, words[-1].split("-")[-1], ent))
        sw = [w for w in surface.casefold().replace("-", " ").split() if w not in lex.particles]
        if len(sw) >= 2 and sw[-1] != (words[-1] if words else None):
            surnames.append((s, tok, sw[-1], ent))
    surnames.sort(key=lambda x: (x[0], x[1]))
    givens.sort(key=lambda x: (x[0], x[1]))
    by_surname, by_given = _by_word(surnames), _by_word(givens)
    entities: dict[str, Entity] = {}

    def entity_of(k: str) -> Entity:
        e = entities.get(k)
        if e is None:
            first = next(c for c in by_key[k] if not c.tentative)
            t = type_of(k)
            if t not in types_of:
                t = "Agent"
            label = _label(first.surface)
            e = entities[k] = UnlinkedEntity(unlinked_id(label), t, label, (), (), (), gender.get(k), "text", ())
        return e

    acronyms = _acronym_targets(cands, confirmed, evidence)
    titled: dict[tuple[str, str], object] = {}  # ("bhutto", "female") -> whom "Ms. Bhutto" meant first
    known_at = {(s, tok): ent for s, tok, ent, _ in people}  # a known person's name by its first token
    for c in cands:
        ws = c.key.split()
        if ws[-1] in lex.particles and (c.sentence, c.last) in known_at and \
                _has_words(known_at[c.sentence, c.last], ws[:1]):  # "Omar Hassan Al" + known "Bashir": one man
            c.entity = known_at[c.sentence, c.last]
            continue
        words = [w for w in c.key.split() if w not in lex.particles and w != "-"] or c.key.split()  # "al-Bashir" is "bashir"
        dropped = [w for w in c.key.split() if w in lex.particles] if len(words) == 1 else []
        if len(words) == 2 and words[0] in lex.name_honorifics and \
                (_short_form(by_surname, c, words[1]) is not None or _short_form(by_given, c, words[1]) is not None):
            words = words[1:]  # "Sheikh Nasrallah" after "Sheikh Hassan Nasrallah"
        if len(words) == 1 and (c.key not in confirmed or type_of(c.key) in ("Agent", "Person")) and \
                "inserted-given" not in c.evidence:
            target = titled.get((words[0], c.gender)) if c.gender else None  # "Ms. Bhutto" stays one person
            if target is None:
                target = _short_form(by_surname, c, words[0])
            if target is None and words[0] not in by_surname:
                target = _short_form(by_given, c, words[0])  # "Ban" after "Ban Ki-moon", "Mister Roh"
            if target is not None and dropped and not _has_words(target, dropped):
                target = None  # "Le Dung" is no short form of "Nguyen Tan Dung"; "Le Pen", "al-Bashir" are
            if target is not None and c.gender and _gender_clash(target, c.gender, gender, lex):
                target = None  # "Mrs. Bush" is no short form of George W. Bush: unresolved beats wrong
            if target is not None and c.gender:
                titled.setdefault((words[0], c.gender), target)
            if target is not None:
                c.entity = entity_of(target) if isinstance(target, str) else target  # type: ignore[assignment]
                continue
        if c.key in acronyms:
            c.entity = entity_of(acronyms[c.key])
            continue
        if c.key in confirmed:
            c.entity = entity_of(c.key)


def _has_words(target: object, words: list[str]) -> bool:
    """Whether a full name (a candidate's key or an entity's label and aliases) has these words:
    a short form that drops a particle ("al-Bashir", "Le Pen") shortens only a name that has it."""
    if isinstance(target, str):
        names = [target]
    else:
        names = [getattr(target, "label", ""), *getattr(target, "aliases", ())]
    return any(set(words) <= set(plain(n.casefold()).replace("-", " ").split()) for n in names)
