"""Rule files: loading and validation against the rule schema.

Every problem in every file is collected and reported at once, each with its file, line and rule
id, so an analyst fixes a rule pack in one pass.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem, RuleError
from ..knowing.vocab import RDF, XSD, Vocabulary
from ..yamlfile import LDict, LList, load_yaml
from .classes import Classes, load_classes
from .frames import CLAUSE_FORMS, FrameError, expand_frame
from .match import at_start_only
from .pattern import Capture, Parsed, PatternError, Slot, cost, firsts, parse_pattern, required_words
from .pattern import compatible as _compatible
from .ruleset import Emit, Example, JoinRule, Pattern, Rule, RuleSet, Term  # noqa: F401  (re-exported: kg.rules.loader.Rule ...)
from .ruleset import fold_name, rule_files  # noqa: F401  (rule_files re-exported: kg.rules.pack reads it without importing the loader)

RULE_KEYS = {"id", "description", "pattern", "patterns", "frame", "priority", "group", "segments", "node", "emit",
             "attribution", "hypothetical", "negation", "default", "examples", "note", "background", "own_act"}
MAX_PATTERN_COST = 10 ** 7  # kg.rules.pattern.cost: ways a pattern may try from one token
START_FACTOR = 40  # a pattern that opens with `^` is tried from one token of a sentence, not from each (~40)
JOIN_KEYS = {"id", "description", "where", "unless", "emit", "examples", "note"}
NODE_KEYS = {"class", "key", "scope"}
EXAMPLE_KEYS = {"text", "expect", "date"}
SLOT_ATTRS = {"text", "begin", "end", "value", "relation", "items"}
REF_RX = re.compile(r"^([A-Za-z][\w.-]*:[\w.-]+)\(\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*\)$")
SEGMENTS = {"headline", "caption", "standfirst", "heading", "body", "pullquote"}
ID_RX = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
VAR_RX = re.compile(r"[A-Za-z_]\w*")  # a join rule's variable
LITERAL_RX = re.compile(r'^"(.*)"(?:@([A-Za-z-]+)|\^\^(\S+))?$', re.S)


def class_files(paths: list[Path]) -> list[Path]:
    """The `_classes.yaml` beside the rule files (once per folder, in order)."""
    out: list[Path] = []
    for p in paths:
        c = p.parent / "_classes.yaml"
        if c.is_file() and c not in out:
            out.append(c)
    return out


DEFAULT_CLASSES = {"LIGHT": ["also", "again"], "NOUN_MOD": ["first"], "TITLE": ["president"]}  # what frames use, if a pack has none


def load_rules(paths: list[Path], voc: Vocabulary, root: Path | None = None,
               classes: list[Path] | None = None) -> RuleSet:
    """Load, compile and validate rule files (in the given order, which is the tie-break order).
    Word classes come from `classes` (default: the `_classes.yaml` beside the rule files) and
    from `classes:` sections of the rule files, and are visible to every rule."""
    problems: list[Problem] = []
    rules: list[Rule] = []
    joins: list[JoinRule] = []
    seen: dict[str, str] = {}
    wc = load_classes(class_files(paths) if classes is None else classes, root, problems, _shown)
    docs: list[tuple[Path, str, Any]] = []
    for path in paths:
        shown = _shown(path, root)
        try:
            doc = load_yaml(path)
        except InputError as e:
            problems.append(Problem(shown, e.problem.line, e.problem.message))
            continue
        docs.append((path, shown, doc))
        if isinstance(doc, LDict) and "classes" in doc:
            wc.add_section(doc["classes"], shown, doc.key_lines["classes"], problems)
    for name, words in DEFAULT_CLASSES.items():
        if name not in wc.classes:
            wc.add_section(_ldict({name: words}), "(kg)", 0, problems)
    refused: dict[str, frozenset[str]] = {}  # property -> names its object never is (`not_named`)
    for path, shown, doc in docs:
        items = doc.get("rules") if isinstance(doc, LDict) else None
        if not isinstance(items, LList):
            problems.append(Problem(shown, 1, "a rule file is a mapping with a list under 'rules'"))
            continue
        for k in sorted(set(doc) - {"rules", "note", "define", "classes", "not_named"}):
            problems.append(Problem(shown, doc.key_lines[k], f"unknown top-level key {k!r} (known: rules, define, classes, "
                                                             "not_named, note)"))
        for prop, names in _not_named(doc.get("not_named", {}), shown, doc.key_lines.get("not_named", 1), voc,
                                      problems).items():
            refused[prop] = refused.get(prop, frozenset()) | names
        defines = doc.get("define", {})
        if not isinstance(defines, dict) or not all(isinstance(v, str) and re.fullmatch(r"[a-z][a-z0-9_-]*", k)
                                                    for k, v in defines.items()):
            problems.append(Problem(shown, doc.key_lines.get("define", 1),
                                    "'define' maps lower-case names to pattern fragments, used as <name> in patterns"))
            defines = {}
        for i, spec in enumerate(items):
            rule: Rule | JoinRule | None
            if isinstance(spec, LDict) and "where" in spec:
                rule = _join_rule(spec, shown, items.item_lines[i], len(joins), voc, problems)
            else:
                rule = _rule(spec, shown, items.item_lines[i], len(rules), path.stem, voc, problems, defines, wc)
            if rule is None:
                continue
            if rule.id in seen:
                problems.append(Problem(shown, rule.line, f"rule id {rule.id!r} already used at {seen[rule.id]}", rule.id))
                continue
            seen[rule.id] = f"{shown}:{rule.line}"
            if isinstance(rule, JoinRule):
                joins.append(rule)
            else:
                rules.append(rule)
                rules.extend(rule.variants)
    if problems:
        raise RuleError(problems)
    if refused:  # every rule of the pack whose slot is the object of a refusing property
        for r in rules:
            r.not_named = {e.o.value: refused[e.p] for e in r.emits if e.p in refused and e.o.kind == "slot"}
    return RuleSet(rules, [_shown(p, root) for p in paths], joins)


def _not_named(spec: Any, shown: str, line: int, voc: Vocabulary, problems: list[Problem]) -> dict[str, frozenset[str]]:
    """A file's `not_named`: property -> names (folded, without a leading "the") that no rule of the
    pack gives as that property's object from a slot ("a visit's destination is never a continent")."""
    if not isinstance(spec, dict) or not all(isinstance(k, str) and isinstance(v, list) and all(isinstance(w, str) for w in v)
                                             for k, v in spec.items()):
        problems.append(Problem(shown, line, "'not_named' maps properties (kgo:destination) to lists of names"))
        return {}
    out = {}
    for k, v in spec.items():
        err = voc.check_term(k, "property")
        if err:
            problems.append(Problem(shown, line, f"not_named: {err}"))
            continue
        out[voc.expand(k) or k] = frozenset(fold_name(w) for w in v)
    return out


def _shown(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def _ldict(d: dict[str, Any]) -> LDict:
    out = LDict(d)
    out.line, out.key_lines = 0, {k: 0 for k in d}
    return out


def expand_defines(pattern: str, defines: dict[str, str]) -> str:
    """Replace <name> by its definition (in parentheses), so a file can share fragments such as
    titles; an unknown name is left as is and fails to parse with a clear message."""
    def sub(m: re.Match[str]) -> str:
        return f"({defines[m.group(1)]})" if m.group(1) in defines else m.group(0)
    for _ in range(5):  # definitions may use definitions, a few levels deep
        new = re.sub(r"<([a-z][a-z0-9_-]*)>", sub, pattern)
        if new == pattern:
            break
        pattern = new
    return pattern


def _rule(spec: Any, path: str, line: int, order: int, stem: str, voc: Vocabulary, problems: list[Problem],
          defines: dict[str, str] | None = None, wc: Classes | None = None) -> Rule | None:
    rid = spec.get("id") if isinstance(spec, dict) and isinstance(spec.get("id"), str) else None
    n0 = len(problems)

    def bad(msg: str, key: str | None = None, at: int | None = None) -> None:
        kl = at or (spec.key_lines.get(key, line) if isinstance(spec, LDict) and key else line)
        problems.append(Problem(path, kl, msg, rid))

    if not isinstance(spec, LDict):
        bad("a rule is a mapping (id, description, pattern, emit, examples)")
        return None
    for k in sorted(set(spec) - RULE_KEYS):
        bad(f"unknown key {k!r} (known: {', '.join(sorted(RULE_KEYS))})", k)
    if rid is None or not ID_RX.match(rid):
        bad("'id' is required: lower-case letters, digits, '.', '_' and '-'", "id")
    if not isinstance(spec.get("description"), str) or not spec["description"].strip():
        bad("'description' is required: say what the rule captures and why", "description")
    # patterns
    raw = spec.get("patterns", spec.get("pattern", []))
    if "pattern" in spec and "patterns" in spec or not ({"pattern", "patterns", "frame"} & set(spec)):
        bad("give one of 'pattern' (a string) or 'patterns' (a list of strings), and/or a 'frame'", "pattern")
        raw = []
    plist = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else None
    if plist is None or not all(isinstance(p, str) for p in plist):
        bad("patterns must be strings", "patterns" if "patterns" in spec else "pattern")
        plist = []
    parsed: list[Parsed] = []
    forms: list[str] = []
    sources: list[str] = []
    slots: dict[str, Slot | Capture] = {}
    pkey = "patterns" if "patterns" in spec else "pattern"
    todo = [(p, "", spec[pkey].item_lines[j] if isinstance(spec.get(pkey), LList) else spec.key_lines.get(pkey, line))
            for j, p in enumerate(plist)]
    frame = spec.get("frame")
    if frame is not None:
        try:
            todo += [(p, form, spec.key_lines["frame"]) for form, p in expand_frame(frame)]
        except FrameError as e:
            bad(str(e), "frame")
    for p, form, at in todo:
        try:
            text = expand_defines(p, defines or {})
            if re.search(r"<[a-z][a-z0-9_-]*>", text):
                raise PatternError(f"undefined fragment {re.search(r'<[a-z][a-z0-9_-]*>', text).group()} "  # type: ignore[union-attr]
                                   "(define it under 'define' at the top of the file)", 1)
            try:
                text = (wc or Classes()).expand(text)
            except ValueError as e:
                raise PatternError(str(e), 1) from None
            pp = parse_pattern(text, set(voc.types))
        except PatternError as e:
            bad(f"bad pattern{f' (frame form {form})' if form else ''}: {e}", at=at)
            continue
        for name, s in pp.slots.items():
            prev = slots.get(name, s)
            if not _compatible(prev, s):
                bad(f"slot {name!r} has different types in different patterns", at=at)
            slots[name] = s
        c = cost(pp.root)
        limit = MAX_PATTERN_COST * (START_FACTOR if at_start_only(pp.root) else 1)
        if c > limit and form in CLAUSE_FORMS and form not in (frame.get("forms") or ()):
            continue  # a clause form every frame gains unasked: left out where the frame's own parts are too wide
        if c > limit:
            bad(f"bad pattern{f' (frame form {form})' if form else ''}: it may try {c:.1e} ways from each token "
                f"(the limit is {limit:.0e}): narrow its gaps (..N) and text slots, or split it into several patterns", at=at)
            continue
        parsed.append(pp)
        forms.append(form)
        sources.append(" ".join(p.split()))
    # node
    node_classes: list[str] = []
    node_key = None
    node_scope = "article"
    node = spec.get("node")
    if node is not None:
        if not isinstance(node, LDict):
            bad("'node' is a mapping with 'class' and optional 'key'", "node")
        else:
            for k in sorted(set(node) - NODE_KEYS):
                bad(f"node: unknown key {k!r} (known: class, key, scope)", at=node.key_lines[k])
            node_scope = node.get("scope", "article")
            if node_scope not in ("article", "world") or node_scope == "world" and node.get("key") is None:
                bad("node: 'scope' is article (the default) or world, and world needs a 'key'", at=node.key_lines.get("scope"))
            cls = node.get("class")
            for c in [cls] if isinstance(cls, str) else cls if isinstance(cls, list) else [None]:
                if not isinstance(c, str):
                    bad("node: 'class' is a class name or a list of them", at=node.line)
                    continue
                err = voc.check_term(c, "class")
                if err:
                    bad(f"node: {err}", at=node.key_lines.get("class"))
                else:
                    node_classes.append(voc.expand(c))  # type: ignore[arg-type]
            key = node.get("key")
            if key is not None:
                if not isinstance(key, list) or not all(isinstance(x, str) for x in key):
                    bad("node: 'key' is a list of slot names", at=node.key_lines.get("key"))
                else:
                    node_key = list(key)
                    for x in key:
                        if ":" in x:  # a constant, e.g. the role of a post
                            err = voc.check_term(x, "constant")
                            if err:
                                bad(f"node: key {err}", at=node.key_lines.get("key"))
                        elif x not in slots and x != "holder":
                            bad(f"node: key uses undefined slot {x!r}", at=node.key_lines.get("key"))
    # emits
    emits: list[Emit] = []
    raw_emits = spec.get("emit", [])
    if not isinstance(raw_emits, list):
        bad("'emit' is a list of [subject, predicate, object]", "emit")
        raw_emits = []
    for j, t in enumerate(raw_emits):
        at = raw_emits.item_lines[j] if isinstance(raw_emits, LList) else line
        when = None
        if isinstance(t, list) and len(t) == 4 and isinstance(t[3], str) and re.fullmatch(r"(if|unless) [a-z-]+", t[3]):
            w0, w1 = t[3].split()
            if w1 not in {f for f in forms if f}:
                bad(f"emit: '{t[3]}' names a form this rule's frame does not have (forms: {', '.join(sorted({f for f in forms if f})) or 'none'})", at=at)
                continue
            when, t = (w0, w1), t[:3]
        if not isinstance(t, list) or len(t) not in (3, 4) or len(t) == 4 and t[3] != "not":
            bad("each emit is [subject, predicate, object], with 'not' or 'if FORM' / 'unless FORM' as a fourth item", at=at)
            continue
        s = _term(t[0], slots, bool(node_classes), voc, "subject", bad, at)
        p = _predicate(t[1], voc, bad, at)
        o = _term(t[2], slots, bool(node_classes), voc, "object", bad, at, cls=(p == RDF + "type"))
        if s and p and o:
            if s.kind == "literal":
                bad("a literal cannot be a subject", at=at)
                continue
            emits.append(Emit(s, p, o, at, len(t) == 4, when))
    # attribution, hypothetical, negation
    attribution = None
    att = spec.get("attribution")
    if att is not None:
        if not isinstance(att, dict) or "holder" not in att or not set(att) <= {"holder", "content"}:
            bad("'attribution' is a mapping {holder: slot, content: slot} (content optional)", "attribution")
        else:
            for k in ("holder", "content"):
                if k in att and att[k] not in slots:
                    bad(f"attribution: {k} uses undefined slot {att[k]!r}", "attribution")
            attribution = (att["holder"], att.get("content", ""))
    hyp = spec.get("hypothetical", [])
    if isinstance(hyp, str):
        hyp = [hyp]
    if not isinstance(hyp, list) or any(h not in slots for h in hyp):
        bad("'hypothetical' lists slots of this rule whose text is not asserted", "hypothetical")
        hyp = []
    if not emits and not node_classes and attribution is None and not hyp:
        bad("the rule does nothing: add 'emit' triples, a 'node', 'attribution' or 'hypothetical'", "emit")
    neg = spec.get("negation")
    if neg == "neg" and frame is not None:
        neg = None  # the frame's own negation slot
    if neg is not None and neg not in slots:
        bad(f"'negation' names undefined slot {neg!r}", "negation")
    defaults = spec.get("default", {})
    if not isinstance(defaults, dict) or any(not isinstance(v, str) or v != "article.date" or not isinstance(slots.get(k), Slot)
                                             or slots[k].kind != "time" for k, v in defaults.items()):
        bad("'default' maps a time slot to article.date (its value when the sentence gives no time)", "default")
        defaults = {}
    segs = spec.get("segments")
    if segs is not None and (not isinstance(segs, list) or not set(segs) <= SEGMENTS):
        bad(f"'segments' lists some of: {', '.join(sorted(SEGMENTS))}", "segments")
    prio = spec.get("priority", 0)
    if not isinstance(prio, int) or isinstance(prio, bool):
        bad("'priority' is a whole number", "priority")
        prio = 0
    background = spec.get("background", False)
    if not isinstance(background, bool):
        bad("'background' is true or false", "background")
        background = False
    own_act = spec.get("own_act", False)
    if not isinstance(own_act, bool):
        bad("'own_act' is true or false", "own_act")
        own_act = False
    group = spec.get("group", stem)
    if not isinstance(group, str):
        bad("'group' is a name", "group")
    examples = _examples(spec.get("examples"), bad, spec)
    if len(problems) > n0:
        return None
    rule = Rule(rid, spec["description"].strip(), path, line, order, str(group), prio, parsed,  # type: ignore[arg-type]
                [required_words(p.root) for p in parsed], emits, [firsts(p.root) for p in parsed], node_classes,
                node_key, attribution, list(hyp), neg, frozenset(segs) if segs else None, examples, slots,
                node_scope=node_scope, forms=forms, frame=dict(frame) if isinstance(frame, dict) else None, sources=sources,
                defaults=dict(defaults), background=background, own_act=own_act)
    return _variants(rule)


def _variants(rule: Rule) -> Rule:
    """A rule whose emits depend on the form (`if planned`) becomes one rule per set of emits:
    the rule as written keeps the patterns of its first set, variants (same id, `parent` set) the
    others; the graph builder and explanations see ordinary rules. The clause forms (coordinated,
    participle: kg.rules.frames.CLAUSE_FORMS) are variants in a group of their own (`GROUP/clauses`):
    their match runs from the sentence's start over the first verb's, and must not hide it
    ("Lavrov met Abbas and urged Meshaal ...": the meeting and the appeal)."""
    if not any(e.when for e in rule.emits) and not any(f in CLAUSE_FORMS for f in rule.forms):
        return rule

    def applies(e: Emit, form: str) -> bool:
        return e.when is None or (form == e.when[1]) == (e.when[0] == "if")

    groups: dict[tuple[object, ...], list[int]] = {}
    for i, form in enumerate(rule.forms):
        groups.setdefault((form in CLAUSE_FORMS,) + tuple(j for j, e in enumerate(rule.emits) if applies(e, form)), []).append(i)
    every = list(rule.emits)
    pats, req, fsts, forms, srcs = list(rule.patterns), list(rule.required), list(rule.firsts), list(rule.forms), list(rule.sources)
    for n, (keep, idx) in enumerate(groups.items()):
        target = rule if n == 0 else Rule(**{**rule.__dict__, "variants": [], "parent": rule})
        target.patterns = [pats[i] for i in idx]
        target.required = [req[i] for i in idx]
        target.firsts = [fsts[i] for i in idx]
        target.forms = [forms[i] for i in idx]
        target.sources = [srcs[i] for i in idx]
        target.emits = [every[j] for j in keep[1:]]  # type: ignore[index]
        if keep[0]:
            target.group = f"{rule.group}/clauses"
        if n:
            rule.variants.append(target)
    return rule


def _join_rule(spec: LDict, path: str, line: int, order: int, voc: Vocabulary, problems: list[Problem]) -> JoinRule | None:
    rid = spec.get("id") if isinstance(spec.get("id"), str) else None
    n0 = len(problems)

    def bad(msg: str, key: str | None = None, at: int | None = None) -> None:
        problems.append(Problem(path, at or (spec.key_lines.get(key, line) if key else line), msg, rid))

    for k in sorted(set(spec) - JOIN_KEYS):
        hint = " (a join rule has 'where' instead of patterns)" if k in RULE_KEYS else ""
        bad(f"unknown key {k!r} in a join rule{hint} (known: {', '.join(sorted(JOIN_KEYS))})", k)
    if rid is None or not ID_RX.match(rid):
        bad("'id' is required: lower-case letters, digits, '.', '_' and '-'", "id")
    if not isinstance(spec.get("description"), str) or not spec["description"].strip():
        bad("'description' is required: say what the rule captures and why", "description")

    def triples(key: str) -> list[tuple[list[Any], int]]:
        raw = spec.get(key)
        if not isinstance(raw, LList) or not raw:
            bad(f"'{key}' is a non-empty list of [subject, predicate, object]", key)
            return []
        out = []
        for j, t in enumerate(raw):
            if not isinstance(t, list) or len(t) != 3:
                bad(f"each '{key}' item is [subject, predicate, object]", at=raw.item_lines[j])
                continue
            out.append((t, raw.item_lines[j]))
        return out

    where: list[Pattern] = []
    bound: set[str] = set()
    for t, at in triples("where"):
        names = {x for x in (t[0], t[2]) if isinstance(x, str) and VAR_RX.fullmatch(x)}
        if where and not names & bound:
            bad("this pattern shares no variable with the ones before it (a join would pair every match "
                "of each): order the patterns so each one follows from the previous", at=at)
        bound |= names
        s, p = _join_term(t[0], names, voc, "subject", bad, at), _predicate(t[1], voc, bad, at)
        o = _join_term(t[2], names, voc, "object", bad, at, cls=p == RDF + "type")
        if s and p and o:
            where.append((s, p, o))
    unless: list[list[Pattern]] = []
    raw_unless = spec.get("unless")
    if raw_unless is not None and (not isinstance(raw_unless, LList) or not raw_unless):
        bad("'unless' is a list of alternatives, each a list of [subject, predicate, object]", "unless")
    for j, alt in enumerate(raw_unless if isinstance(raw_unless, LList) else []):
        at = raw_unless.item_lines[j]
        alt = [alt] if isinstance(alt, list) and len(alt) == 3 and not any(isinstance(x, list) for x in alt) else alt
        if not isinstance(alt, list) or not alt or not all(isinstance(t, list) and len(t) == 3 for t in alt):
            bad("each 'unless' alternative is [subject, predicate, object] or a list of them", at=at)
            continue
        pats: list[Pattern] = []
        local = set(bound)
        for t in alt:
            names = {x for x in (t[0], t[2]) if isinstance(x, str) and VAR_RX.fullmatch(x)}
            if not names & local:
                bad("this 'unless' pattern shares no variable with the ones before it", at=at)
            local |= names
            us, up = _join_term(t[0], local, voc, "subject", bad, at), _predicate(t[1], voc, bad, at)
            uo = _join_term(t[2], local, voc, "object", bad, at, cls=up == RDF + "type")
            if us and up and uo:
                pats.append((us, up, uo))
        unless.append(pats)
    emits = []
    for t, at in triples("emit"):
        s, p = _join_term(t[0], bound, voc, "subject", bad, at), _predicate(t[1], voc, bad, at)
        o = _join_term(t[2], bound, voc, "object", bad, at, cls=p == RDF + "type")
        if s and p and o:
            if s.kind == "literal":
                bad("a literal cannot be a subject", at=at)
                continue
            emits.append(Emit(s, p, o, at))
    examples = _examples(spec.get("examples"), bad, spec)
    if len(problems) > n0:
        return None
    return JoinRule(rid, spec["description"].strip(), path, line, order, where, emits, examples, unless)  # type: ignore[arg-type]


def _join_term(t: Any, variables: set[str], voc: Vocabulary, pos: str, bad: Any, at: int, cls: bool = False) -> Term | None:
    """A variable, a prefixed name or a literal: what a join rule's triples hold."""
    if isinstance(t, str) and not LITERAL_RX.match(t):
        if t in ("node", "holder", "article.date") or REF_RX.match(t) or ":" not in t and not VAR_RX.fullmatch(t):
            bad(f"{pos} {t!r}: a join rule's triples hold variables, prefixed names and literals only", at=at)
            return None
        if ":" not in t and t not in variables:
            bad(f"{pos} uses variable {t!r} that no 'where' pattern binds", at=at)
            return None
    return _term(t, dict.fromkeys(variables), False, voc, pos, bad, at, cls)


def _predicate(p: Any, voc: Vocabulary, bad: Any, at: int) -> str | None:
    if p == "a":
        return RDF + "type"
    if not isinstance(p, str):
        bad(f"predicate {p!r} must be a prefixed name like org:headOf", at=at)
        return None
    err = voc.check_term(p, "property")
    if err:
        bad(err, at=at)
        return None
    return voc.expand(p)


def _term(t: Any, slots: dict[str, Any], has_node: bool, voc: Vocabulary, pos: str, bad: Any, at: int,
          cls: bool = False) -> Term | None:
    if isinstance(t, bool) or isinstance(t, (int, float)):
        return Term("literal", str(t).lower() if isinstance(t, bool) else str(t), datatype=XSD + (
            "boolean" if isinstance(t, bool) else "integer" if isinstance(t, int) else "decimal"))
    if not isinstance(t, str):
        bad(f"{pos} {t!r} is not a slot, node, prefixed name or literal", at=at)
        return None
    m = LITERAL_RX.match(t)
    if m:
        dt = ""
        if m.group(2):
            dt = "@" + m.group(2)
        elif m.group(3):
            err = voc.check_term(m.group(3), "constant")
            if err or voc.expand(m.group(3)) is None:
                bad(f"literal datatype: {err}", at=at)
                return None
            dt = voc.expand(m.group(3)) or ""
        return Term("literal", m.group(1), datatype=dt)
    if t == "article.date":
        return Term("docdate")
    if t == "holder":
        return Term("holder")
    ref = REF_RX.match(t)
    if ref:
        err = voc.check_term(ref.group(1), "class")
        keys = tuple(x.strip() for x in ref.group(2).split(","))
        missing = [k for k in keys if k not in slots and k != "holder"]
        if err or missing:
            bad(err or f"{pos} {t!r} uses undefined slot(s) {', '.join(missing)}", at=at)
            return None
        return Term("ref", voc.expand(ref.group(1)) or "", key=keys)
    if t == "node":
        if not has_node:
            bad("'node' is used but the rule defines no 'node'", at=at)
            return None
        return Term("node")
    name, _, attr = t.partition(".")
    if ":" not in t:
        if name not in slots:
            bad(f"{pos} uses undefined slot {name!r} (slots: {', '.join(sorted(slots)) or 'none'})", at=at)
            return None
        if attr and attr not in SLOT_ATTRS:
            bad(f"{pos} {t!r}: unknown slot attribute {attr!r} (known: {', '.join(sorted(SLOT_ATTRS))})", at=at)
            return None
        return Term("slot", name, attr)
    err = voc.check_term(t, "class" if cls else "constant")
    if err:
        bad(err, at=at)
        return None
    return Term("iri", voc.expand(t) or "")


def _examples(ex: Any, bad: Any, spec: LDict) -> list[Example]:
    out: list[Example] = []
    if not isinstance(ex, LDict):
        bad("'examples' is required: {match: [{text, expect}], no_match: [text]}", "examples")
        return out
    for k in sorted(set(ex) - {"match", "no_match"}):
        bad(f"examples: unknown key {k!r} (known: match, no_match)", at=ex.key_lines[k])
    matches = ex.get("match", [])
    if not isinstance(matches, LList) or not matches:
        bad("examples: 'match' needs at least one sentence the rule must match", at=ex.line)
        matches = []
    for i, m in enumerate(matches):
        at = matches.item_lines[i]
        if not isinstance(m, LDict) or not isinstance(m.get("text"), str):
            bad("examples: each match is {text: ..., expect: [...]}", at=at)
            continue
        for k in sorted(set(m) - EXAMPLE_KEYS):
            bad(f"examples: unknown key {k!r} (known: text, expect, date)", at=m.key_lines[k])
        exp = m.get("expect")
        if not isinstance(exp, list) or not exp or not all(isinstance(x, str) for x in exp):
            bad("examples: 'expect' lists the triples the rule must emit, as 's p o' strings", at=at)
            continue
        out.append(Example(m["text"], tuple(" ".join(x.split()) for x in exp), str(m["date"]) if m.get("date") else None, at))
    nos = ex.get("no_match", LList())
    if not isinstance(nos, LList):
        bad("examples: 'no_match' is a list of sentences", at=ex.line)
        nos = []
    for i, t in enumerate(nos):
        if not isinstance(t, str):
            bad("examples: each no_match is a sentence", at=nos.item_lines[i])
            continue
        out.append(Example(t, None, None, nos.item_lines[i]))
    return out
