"""`kg rules import cameo VERBS [--agents FILE] [--discards FILE] -o DIR`: the TABARI / PETRARCH
dictionaries as a kg pack.

The pack is JSON Lines (one synset, verb block, verb, pattern, agent or discard a line, in the
source's order, each with the `FILE:LINE` it came from), which loads in milliseconds and diffs
line by line; `untranslated.txt` lists what was read but not translated, `LICENSE` carries the
MIT notices of the sources. Everything is parsed before anything is written, and each file is
written to a temporary file and renamed, so a bad line leaves DIR as it was.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ...errors import InputError
from .dictionary import read_agents, read_discards, read_verbs

FORMAT = "kg-cameo-pack 1"


def _dump(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _licence(path: Path) -> str:
    """The MIT notice in a dictionary's header comment (from 'The MIT License' to its end)."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    out, on = [], False
    for line in lines:
        if not line.startswith("#"):
            if on:
                break
            continue
        text = line[1:].strip()
        if "MIT License" in text:
            on = True
        if on:
            out.append(text)
            if text.rstrip().endswith("SOFTWARE.") and "THE SOFTWARE" in text and len(out) > 5:
                break
    return "\n".join(out).strip()


def convert(verbs: str | Path, agents: str | Path | None = None, discards: str | Path | None = None,
            licence: str | Path | None = None) -> dict[str, str]:
    """The pack's files (name -> text), or InputError at the first line that cannot be read."""
    vp = Path(verbs)
    d = read_verbs(vp)
    vn = vp.name
    rows = [_dump({"format": FORMAT, "source": vn})]
    for s in d.synsets.values():
        rows.append(_dump({"synset": s.name, "phrases": s.phrases, "src": f"{vn}:{s.line}"}))
    blocks = {b.name: b for b in d.blocks}
    items = sorted([(b.line, 0, b) for b in d.blocks] + [(v.line, 1, v) for v in d.verbs]
                   + [(p.line, 2, p) for p in d.patterns], key=lambda x: (x[0], x[1]))
    for _, kind, x in items:
        if kind == 0:
            rows.append(_dump({"block": x.name, "code": x.code, "src": f"{vn}:{x.line}"}))
        elif kind == 1:
            rows.append(_dump({"verb": x.head, "block": x.block, "forms": x.forms, "before": x.before,
                               "after": x.after, "code": x.code, "src": f"{vn}:{x.line}"}))
        else:
            rows.append(_dump({"pattern": [[e, g] for e, g in x.elements], "block": x.block, "code": x.code,
                               "note": x.note, "src": f"{vn}:{x.line}"}))
    for t in d.transforms:
        rows.append(_dump({"transform": t.verb, "speech": t.speech, "self": t.self_, "form": t.form, "code": t.code,
                           "text": t.text, "src": f"{vn}:{t.line}"}))
    assert all(p.block in blocks for p in d.patterns)
    files = {"verbs.jsonl": "\n".join(rows) + "\n"}
    untranslated = [f"{vn}:{n}: {msg}" for n, msg in d.untranslated]
    sources = [vp]
    if agents is not None:
        ap = Path(agents)
        un: list[tuple[int, str]] = []
        ags = read_agents(ap, un)
        untranslated += [f"{ap.name}:{n}: {msg}" for n, msg in un]
        files["agents.jsonl"] = "".join(
            _dump({"agent": a.words, "code": a.code, "prefix": a.prefix, "src": f"{ap.name}:{a.line}"}) + "\n" for a in ags)
        sources.append(ap)
    if discards is not None:
        dp = Path(discards)
        files["discards.jsonl"] = "".join(
            _dump({"discard": x.words, "story": x.story, "src": f"{dp.name}:{x.line}"}) + "\n" for x in read_discards(dp))
        sources.append(dp)
    files["untranslated.txt"] = "".join(u + "\n" for u in untranslated)
    notices = []
    if licence is not None:
        notices.append(Path(licence).read_text(encoding="utf-8").strip())
    for sp in sources:
        n = _licence(sp)
        if n:
            notices.append(f"From {sp.name}:\n\n{n}")
    files["LICENSE"] = ("Converted by `kg rules import cameo` from the Open Event Data Alliance's PETRARCH2\n"
                        "dictionaries (https://github.com/openeventdata/petrarch2), MIT licence:\n\n"
                        + "\n\n".join(dict.fromkeys(notices)) + "\n")
    return files


def write_pack(files: dict[str, str], out: str | Path) -> None:
    """Write the pack's files into `out` (created if missing), each by temp file and rename."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(out, "cannot write: not a directory")
    if not out.parent.is_dir():
        raise InputError(out, f"cannot write: folder {out.parent} does not exist")
    out.mkdir(exist_ok=True)
    tmps = []
    try:
        for name, text in sorted(files.items()):
            fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".tmp")
            tmps.append((tmp, out / name))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            os.chmod(tmp, 0o644)
        for tmp, dest in tmps:
            os.replace(tmp, dest)
    finally:
        for tmp, _ in tmps:
            if os.path.exists(tmp):
                os.unlink(tmp)


def codes_of(files: dict[str, str]) -> set[str]:
    """The CAMEO codes (3-4 digits) a converted verb dictionary uses, both sides of a:b."""
    out: set[str] = set()
    for line in files.get("verbs.jsonl", "").splitlines():
        rec = json.loads(line)
        for c in str(rec.get("code") or "").split(":"):
            if c.isdigit() and len(c) in (3, 4):
                out.add(c)
    return out


def summary(files: dict[str, str]) -> str:
    v = files.get("verbs.jsonl", "")
    n = {"synset": 0, "block": 0, "verb": 0, "pattern": 0, "transform": 0}
    for line in v.splitlines():
        rec = json.loads(line)
        kind = next((k for k in ("pattern", "verb", "synset", "transform") if k in rec), "block" if "block" in rec else None)
        if kind:
            n[kind] += 1
    ag = files.get("agents.jsonl", "").count("\n")
    dc = files.get("discards.jsonl", "").count("\n")
    un = files.get("untranslated.txt", "").count("\n")
    return (f"{n['synset']} synsets, {n['block']} verb blocks, {n['verb']} verbs, {n['pattern']} patterns, "
            f"{n['transform']} transformations, "
            f"{ag} agent phrases, {dc} discards; {un} constructs not translated (untranslated.txt)")
