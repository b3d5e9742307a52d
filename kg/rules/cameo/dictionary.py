"""Reading the TABARI / PETRARCH dictionaries: verbs (synsets, verb blocks, patterns), agents
and discards, as documented in PETRARCH's dictionaries.rst.

Words are kept in kg's token normal form (lower case, typography folded, a hyphenated word as
three tokens) so that a dictionary phrase and a tokenised sentence compare directly. A line
that cannot be read at all raises `InputError` (FILE:LINE); a construct that is read but that
kg does not translate (verb transformations `~`, a pattern naming an undefined synset) is
returned in `Dictionary.untranslated` with its line, never dropped silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputError
from ...reading.text import tokenize

MARKERS = frozenset("*$+^%")  # verb, source, target, skipped actor, compound actor
CODE_RX = re.compile(r"\[([^\[\]{}]*)[\]}]")  # [~ENV} occurs in Phoenix.agents.txt: read as [~ENV]


def words(phrase: str) -> list[str]:
    """A dictionary phrase (words joined by blanks or underscores) as kg token norms."""
    return [t.norm for t in tokenize(phrase.replace("_", " "))]


def plural(word: str) -> str:
    """The regular plural PETRARCH generates: +S, Y -> IES, SS -> SSES."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ss", "sh", "ch", "x")):
        return word + "es"
    return word + "s"


def verb_forms(base: str) -> list[str]:
    """Regular forms of an English verb: base, 3rd person, past, gerund (plus the doubled-consonant
    past and gerund of short verbs: harmless where they are not words, right where they are)."""
    out = [base]
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        out += [base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    else:
        out.append(base + "es" if base.endswith(("s", "sh", "ch", "x", "z", "o")) else base + "s")
        if base.endswith("e"):
            out += [base + "d", (base if base.endswith("ee") else base[:-1]) + "ing"]
        else:
            out += [base + "ed", base + "ing"]
            if (len(base) >= 3 and base[-1] in "bdglmnprt" and base[-2] in "aeiou"
                    and base[-3] not in "aeiou"):
                out += [base + base[-1] + "ed", base + base[-1] + "ing"]
    return list(dict.fromkeys(out))


@dataclass
class Synset:
    name: str  # with its &
    phrases: list[list[str]]
    line: int


@dataclass
class Verb:
    """One verb of a block: the forms of its head word and the words glued before / after it."""

    block: str
    head: str  # base form of the word marked '+' (or the only word)
    forms: list[str]
    before: list[str]
    after: list[str]
    code: str | None  # its own code, else the block's
    line: int


@dataclass
class Pattern:
    """A verb pattern: elements around the verb `*`; each element (text, glued to the previous)."""

    block: str
    elements: list[tuple[str, bool]]
    code: str
    line: int
    note: str = ""


@dataclass
class Block:
    name: str
    code: str
    line: int


@dataclass
class Dictionary:
    """A verb dictionary as read: synsets, blocks, verbs, patterns and what was not translated."""

    source: str
    synsets: dict[str, Synset] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    untranslated: list[tuple[int, str]] = field(default_factory=list)
    transforms: list["Transform"] = field(default_factory=list)


@dataclass
class Transform:
    """A verb transformation kg applies. With SAY or CLAIM (kg's attribution zones are what they
    mean): "A says (or claims) that B did VERB" becomes an event of A's; `form` "self" is
    `~ a (a b VERB) SAY = a b CODE` (A about its own deed: the target is the deed's target),
    "other" `~ a (b . VERB) SAY = a b CODE` (A about B's deed: the target is B). With another
    outer verb (WANT, ATTEMPT), a verb nested under it by "to": "any" is `~ a (_ b VERB) WANT =
    a b CODE` ("A wants to attack B": A's event towards the inner target), "other" `~ a (b .
    VERB) WANT = a b CODE` ("A wants B to attack": A's event towards B). VERB "Q" is any verb,
    and CODE "Q" then the inner event's own code."""

    verb: str  # the inner verb, lower case ("q": any); its code is what it stands for
    speech: str  # the outer verb: SAY, CLAIM, WANT, ATTEMPT
    self_: bool
    code: str
    line: int
    text: str
    form: str = ""  # self, other, any

    @property
    def nested(self) -> bool:
        """A verb under another in one sentence ("wants to attack"), not an attribution."""
        return self.speech not in ("SAY", "CLAIM")


_TRANSFORM = re.compile(r"^~\s*a\s*\(\s*([ab_])\s+([b.])\s+([A-Z_]+)\s*\)\s*([A-Z_]+)\s*=\s*a\s+b\s+(\d{3,4}|Q)\s*$")


def _transform(st: str, n: int) -> "Transform | None":
    """The transformations kg can read: of SAY / CLAIM (attribution zones), and of an outer verb
    whose inner verb follows it with "to" (WANT, ATTEMPT); None for any other form."""
    m = _TRANSFORM.match(st)
    if m is None:
        return None
    inner_src, inner_tgt, verb, outer, code = m.groups()
    form = {("a", "b"): "self", ("b", "."): "other", ("_", "b"): "any"}.get((inner_src, inner_tgt))
    if form is None or (code == "Q") != (verb == "Q"):
        return None
    if outer in ("SAY", "CLAIM") and form == "any" or outer not in ("SAY", "CLAIM") and form == "self":
        return None
    return Transform(verb.lower(), outer, form == "self", code, n, st, form)


def _lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text without comment) for every line that carries content; XML-style
    comment blocks (<!-- ... -->) of the validation files are skipped."""
    try:
        raw = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from None
    out, in_xml = [], False
    for n, line in enumerate(raw, 1):
        s = line.strip()
        if in_xml:
            in_xml = "-->" not in s
            continue
        if s.startswith("<"):
            in_xml = s.startswith(("<!--", "<! --")) and "-->" not in s
            continue
        s = _uncomment(line).rstrip()
        if s.strip():
            out.append((n, s))
    return out


def _uncomment(line: str) -> str:
    """The line up to its '#' comment; a '#' inside [...] is a code ([###]), not a comment."""
    depth = 0
    for i, c in enumerate(line):
        if c == "[":
            depth += 1
        elif c == "]":
            depth = max(0, depth - 1)
        elif c == "#" and depth == 0:
            return line[:i]
    return line


def _code(path: Path, n: int, text: str) -> tuple[str, str]:
    """The last [CODE] on a line and the text before it."""
    codes = CODE_RX.findall(text)
    if not codes:
        raise InputError(path, "no [CODE] on this pattern or entry", n)
    code = codes[-1].strip()
    if not code or " " in code:
        raise InputError(path, f"bad code [{codes[-1]}]", n)
    return code, text[:text.rfind("[")]


def read_verbs(path: str | Path) -> Dictionary:
    """Read a verb dictionary (CAMEO.2.0.txt, PETR.Validate.verbs.txt)."""
    path = Path(path)
    d = Dictionary(str(path))
    block: Block | None = None
    synset: Synset | None = None
    for n, s in _lines(path):
        st = s.strip()
        if st.startswith("&"):
            label = st.split()[0]
            name = label.rstrip("_")  # &AUXVERB1_: no plurals; patterns name it &AUXVERB1
            synset = Synset(name, [], n)
            if name in d.synsets:
                d.untranslated.append((n, f"synset {name} defined again (the later one is used)"))
            d.synsets[name] = synset
            no_plural = label.endswith("_")
            continue
        if st.startswith("+") and synset is not None:
            phrase = st[1:].strip()
            synset.phrases += _synset_phrase(d, phrase, no_plural, path, n)
            continue
        synset = None
        if st.startswith("---"):
            inner = st.strip("-").strip()
            codes = CODE_RX.findall(inner)
            name = CODE_RX.sub("", inner).strip().rstrip("_")
            if not name:
                raise InputError(path, "a verb block header is '--- NAME [CODE] ---'", n)
            code = codes[0].strip() if codes else "---"
            if len(codes) > 1:
                d.untranslated.append((n, f"block {name}: extra codes {codes[1:]} ignored (the first, [{code}], is used)"))
            block = Block(name, code or "---", n)
            d.blocks.append(block)
            continue
        if st.startswith("~"):
            t = _transform(st, n)
            if t is None:
                d.untranslated.append((n, f"verb transformation not translated: {st}"))
            else:
                d.transforms.append(t)
            continue
        if block is None:
            raise InputError(path, f"a verb or pattern before any '--- NAME [CODE] ---' block: {st[:40]!r}", n)
        if st.startswith("-"):
            p = _pattern(d, block, st[1:], path, n)
            if p is not None:
                d.patterns.append(p)
            continue
        d.verbs += _verb_line(block, st, path, n)
    return d


def _synset_phrase(d: Dictionary, phrase: str, no_plural: bool, path: Path, n: int) -> list[list[str]]:
    if phrase.startswith("&"):  # a synset inside a synset
        ref = d.synsets.get(phrase.split()[0].rstrip("_"))
        if ref is None:
            d.untranslated.append((n, f"synset {phrase} used before it is defined"))
            return []
        return [list(p) for p in ref.phrases]
    stop = no_plural or phrase.endswith("_")
    ws = words(phrase)
    if not ws:
        raise InputError(path, f"empty synset phrase {phrase!r}", n)
    out = [ws]
    if not stop:
        out.append(ws[:-1] + [plural(ws[-1])])
    return out


def _pattern(d: Dictionary, block: Block, text: str, path: Path, n: int) -> Pattern | None:
    code, body = _code(path, n, text)
    note = ""
    if "#" in text:
        note = text.split("#", 1)[1].strip()
    body = body.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")
    els: list[tuple[str, bool]] = []
    for chunk in body.split():
        for k, part in enumerate(p for p in chunk.split("_")):
            if not part:
                continue
            glued = k > 0
            if part in MARKERS:
                els.append((part, glued))
            elif part.startswith("&"):
                part = part.rstrip("_")
                if part not in d.synsets:
                    d.untranslated.append((n, f"pattern uses undefined synset {part}: pattern skipped"))
                    return None
                els.append((part, glued))
            else:
                for j, w in enumerate(words(part)):
                    els.append((w, glued or j > 0))
    if sum(1 for e, _ in els if e == "*") != 1:
        d.untranslated.append((n, "pattern without exactly one verb position '*': skipped"))
        return None
    return Pattern(block.name, els, code, n, note)


def _verb_line(block: Block, st: str, path: Path, n: int) -> list[Verb]:
    st = st.split(";", 1)[0]  # TABARI's ';' comments
    codes = CODE_RX.findall(st)
    code = codes[-1].strip() if codes else None
    st = CODE_RX.sub(" ", st)
    m = re.match(r"^([^{}]+?)\s*(?:\{([^{}]*)\})?\s*$", st)
    if not m:
        raise InputError(path, f"cannot read verb entry {st!r} (VERB {{FORMS}} [CODE])", n)
    main, irregular = m.group(1).strip(), m.group(2)
    phrase = main.replace(" ", "_")
    parts = [p for p in phrase.split("_") if p]
    if not parts:
        raise InputError(path, "empty verb entry", n)
    heads = [i for i, p in enumerate(parts) if p.startswith("+")]
    h = heads[0] if heads else 0
    before = [w for p in parts[:h] for w in words(p)]
    after = [w for p in parts[h + 1:] for w in words(p)]
    head_words = words(parts[h].lstrip("+"))
    if not head_words:
        raise InputError(path, f"verb {parts[h]!r} has no word", n)
    before += head_words[:-1]  # RE-ACTIVATE: 're', '-' glued before 'activate'
    head = head_words[-1]
    if irregular is None:
        forms = verb_forms(head)
    else:
        forms = [head]
        for f in irregular.split():
            fp = [p for p in f.split("_") if p]
            fh = next((p for p in fp if p.startswith("+")), fp[0] if len(fp) == 1 else None)
            if fh is None:
                raise InputError(path, f"irregular form {f!r} of a multi-word verb needs its '+' word", n)
            fw = words(fh.lstrip("+"))
            if fw:
                forms.append(fw[-1])
        forms = list(dict.fromkeys(forms))
    return [Verb(block.name, head, forms, before, after, code, n)]


# -- agents and discards ------------------------------------------------------------------

@dataclass
class Agent:
    words: list[str]
    code: str  # without the ~
    prefix: bool  # NGO~: the code goes before the actor's
    line: int


def read_agents(path: str | Path, untranslated: list[tuple[int, str]] | None = None) -> list[Agent]:
    """Read an agents dictionary: `PHRASE {PLURAL} [~CODE]`, with !MARKER! = a, b substitutions.
    An entry without a code is listed in `untranslated` (Phoenix.agents.txt has one)."""
    path = Path(path)
    subs: dict[str, list[str]] = {}
    out: list[Agent] = []
    for n, s in _lines(path):
        st = s.strip()
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", st)
        if m:
            subs[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        if "[" not in st and "{" not in st and untranslated is not None:
            untranslated.append((n, f"agent {st!r} has no [CODE]: skipped"))
            continue
        code, body = _code(path, n, st)
        prefix = code.endswith("~") and not code.startswith("~")
        if "~" not in code:
            raise InputError(path, f"agent code [{code}] needs a '~' before (or after) it", n)
        code = code.strip("~").strip()
        pm = re.match(r"^(.*?)\s*(?:\{([^{}]*)\})?\s*$", body.strip())
        phrase, pl = (pm.group(1).strip(), pm.group(2)) if pm else (body.strip(), None)
        if not phrase:
            raise InputError(path, "agent entry without a phrase", n)
        marks = re.findall(r"![A-Z]+!", phrase)
        if marks:
            for mk in marks:
                if mk not in subs:
                    raise InputError(path, f"substitution marker {mk} used before it is defined", n)
            variants = [phrase]
            for mk in dict.fromkeys(marks):
                variants = [v.replace(mk, x) for v in variants for x in subs[mk]]
            for v in variants:
                out.append(Agent(words(v), code, prefix, n))
            continue
        ws = words(phrase)
        out.append(Agent(ws, code, prefix, n))
        if pl is not None:
            if pl.strip():
                out.append(Agent(words(pl), code, prefix, n))
        elif not phrase.endswith("_"):
            out.append(Agent(ws[:-1] + [plural(ws[-1])], code, prefix, n))
    return out


@dataclass
class Discard:
    words: list[str]
    story: bool  # '+': the whole story is not coded
    line: int


def read_discards(path: str | Path) -> list[Discard]:
    """Read a discard list: phrases that stop coding a sentence ('+': the whole story)."""
    path = Path(path)
    out = []
    for n, s in _lines(path):
        st = s.strip()
        story = st.startswith("+")
        ws = words(st.lstrip("+"))
        if ws:
            out.append(Discard(ws, story, n))
    return out
