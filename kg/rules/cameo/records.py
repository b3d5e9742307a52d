"""PETRARCH's unit-test records as an external test of the coder.

Each `<Sentence>` of `PETR.UnitTest.records.xml` carries its text, a date, a category and the
expected codings (`<EventCoding sourcecode= targetcode= eventcode=>`, or `noevents`, or an
`error` such as a discarded story). The text is coded with the `PETR.Validate.*` dictionaries
(imported like any pack; the parse is ignored) and a record counts as exact when kg's set of
(source, target, code) equals the expected set: every expected coding, nothing extra.
"""
from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ...errors import InputError, Problem
from ...reading.text import tokenize
from .actors import ActorTable
from .coder import Coder, load_pack, split_contractions
from .importer import convert, write_pack

CATEGORIES = ("DEMO", "SYNSET", "COMPOUND", "PATTERN", "AGENT", "VERB", "DATE", "MODIFY", "ACTOR", "PARSING", "ERROR")

Coding = tuple[str, str, str]


@dataclass
class Record:
    id: str
    category: str
    day: date | None
    text: str
    expected: set[Coding]
    note: str = ""  # noevents / error kind
    got: set[Coding] = field(default_factory=set)
    dyad: bool = True  # require_dyad in force for this record

    @property
    def exact(self) -> bool:
        return self.got == self.expected


def read_records(path: str | Path) -> list[Record]:
    """The records of a PETRARCH validation file; a file that is not well-formed XML is one
    InputError naming the file and line."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        line = e.position[0] if getattr(e, "position", None) else None
        msg = re.sub(r":\s*line \d+, column \d+$", "", str(e))
        raise InputError(path, f"not well-formed XML: {msg}", line) from None
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from None
    out = []
    dyad = True  # PETRARCH's require_dyad, set by <Config> elements between the records, in file order
    for el in root.iter():
        if el.tag == "Config" and (el.get("option") or "").lower() == "require_dyad":
            dyad = (el.get("value") or "true").strip().lower() != "false"
            continue
        if el.tag != "Sentence":
            continue
        s = el
        d = s.get("date", "")
        day = date(int(d[:4]), int(d[4:6]), int(d[6:8])) if re.fullmatch(r"\d{8}", d) else None
        cat = (s.get("category") or "").upper()
        cat = "AGENT" if cat == "AGENTS" else cat
        text = " ".join((s.findtext("Text") or "").split())
        exp: set[Coding] = set()
        note = ""
        for ec in s.iter("EventCoding"):
            if ec.get("noevents") is not None:
                note = "noevents"
            elif ec.get("error") is not None:
                note = ec.get("error") or "error"
            else:
                exp.add(tuple(_unquote(ec.get(k, "")) for k in ("sourcecode", "targetcode", "eventcode")))  # type: ignore[arg-type]
        out.append(Record(s.get("id", "?"), cat, day, text, exp, note, dyad=dyad))
    return out


def _unquote(v: str) -> str:
    return v.strip().strip('"').strip("'")


def actor_table(path: Path) -> ActorTable:
    """The validation actors, read by kg.knowing.phoenix. Its reader rejects three entries of
    this fictional-world file that the operational dictionaries never use (a lower-case code
    `pse`, `+++`, and slash-joined codes `ELR/GAL` naming several actors at once); they are
    added back here from the lines the reader reports, so those records can be coded."""
    from ...knowing.phoenix import Restriction, parse_actors
    from .dictionary import plural, words

    problems: list[Problem] = []
    recs = parse_actors(path, problems, [])
    by_line = {r.line: r for r in recs}
    for p in problems:
        m = re.search(r"code '([^']+)' is not capital letters", p.message)
        if not m or p.line not in by_line:
            raise InputError(path, p.message, p.line)
        code = m.group(1).upper()
        if re.fullmatch(r"[A-Z0-9]{3,}(?:/[A-Z0-9]{3,})*", code):
            by_line[p.line].codes.append(Restriction(code, None, None))
    table = ActorTable()
    for rec in recs:
        label = rec.names[0].replace("_", " ").strip() if rec.names else ""
        for name in rec.names:
            ws = words(name)
            if ws:
                table.add(ws, label, rec.codes)
                if not name.rstrip().endswith("_"):
                    table.add(ws[:-1] + [plural(ws[-1])], label, rec.codes)
    return table


@dataclass
class Report:
    records: list[Record]

    def rate(self, cat: str | None = None) -> tuple[int, int]:
        rs = [r for r in self.records if cat is None or r.category == cat]
        return sum(r.exact for r in rs), len(rs)

    def render(self, wrong: bool = True) -> str:
        ok, n = self.rate()
        lines = [f"PETRARCH unit-test records: {ok} of {n} coded exactly ({100 * ok / max(n, 1):.1f}%)",
                 "", "| category | exact | records | rate |", "|---|---|---|---|"]
        cats = [c for c in CATEGORIES] + sorted({r.category for r in self.records} - set(CATEGORIES))
        for c in cats:
            k, m = self.rate(c)
            if m:
                lines.append(f"| {c} | {k} | {m} | {100 * k / m:.0f}% |")
        if wrong:
            lines.append("")
            for r in self.records:
                if not r.exact:
                    miss = sorted(r.expected - r.got)
                    extra = sorted(r.got - r.expected)
                    why = "; ".join(x for x in (f"missing {_fmt(miss)}" if miss else "",
                                                  f"extra {_fmt(extra)}" if extra else "") if x)
                    lines.append(f"WRONG {r.id} [{r.category}]{' (' + r.note + ')' if r.note else ''}: {why}")
                    lines.append(f"      {r.text}")
        return "\n".join(lines)


def _fmt(cs: list[Coding]) -> str:
    return ", ".join("|".join(c) for c in cs)


def run(records: str | Path, dictionaries: str | Path) -> Report:
    """Import the PETR.Validate.* dictionaries in `dictionaries`, code every record, compare."""
    dd = Path(dictionaries)
    recs = read_records(records)
    with tempfile.TemporaryDirectory(prefix="kg-petr-") as tmp:
        write_pack(convert(dd / "PETR.Validate.verbs.txt", dd / "PETR.Validate.agents.txt",
                           dd / "PETR.Validate.discards.txt"), tmp)
        coder = Coder(load_pack(tmp))
    table = actor_table(dd / "PETR.Validate.actors.txt")
    for r in recs:
        toks, _ = split_contractions([t.norm for t in tokenize(r.text)])
        sent, story = coder.discarded(toks)
        if sent or story:
            continue
        units = table.units(toks, r.day)
        r.got = {(e.source.code, e.target.code, e.code) for e in coder.code(toks, units, require_dyad=r.dyad)}
    return Report(recs)


def categories(report: Report) -> Counter:
    return Counter(r.category for r in report.records)
