"""What a pattern node can begin with (its first words, whether it fails at once where it cannot
begin), worked out once per node: kg.rules.match builds its matchers from these."""
from __future__ import annotations

from .pattern import Alt, Capture, Firsts, Node, Seq, Slot, Word, by_node


@by_node
def _quiet_head(n: Node) -> bool:
    """Whether `n` fails at a token where it cannot begin without spending any step budget:
    its first part is a word, a slot other than text, or a group of those (not an optional
    part, a gap or a text slot, which count a step before looking at the token)."""
    t = type(n)
    if t is Word:
        return True
    if t is Slot:
        return n.kind not in ("text", "clause")
    if t is Alt:
        return all(_quiet_head(o) for o in n.options)
    if t is Capture:
        return _quiet_head(n.body)
    if t is Seq:
        return bool(n.items) and _quiet_head(n.items[0])
    return False


def _begin_test(f: Firsts) -> tuple[frozenset[str], tuple[str, ...], bool, bool, bool, bool]:
    return f.words, f.prefixes, f.entity, f.time, f.quote, f.number


_DISPATCH: dict[int, tuple[Alt, dict[str, tuple[int, ...]], tuple[int, ...]]] = {}


def _dispatch(node: Alt) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """For each word, the options of `node` that can begin there, and the options that can begin
    anywhere: once per node (a shared fragment is built into many patterns)."""
    hit = _DISPATCH.get(id(node))
    if hit is None or hit[0] is not node:
        heads = [_heads(o) for o in node.options]
        others = tuple(i for i, h in enumerate(heads) if h is None)
        table: dict[str, list[int]] = {}
        for i, h in enumerate(heads):  # each option's words once (not every word against every option)
            for w in h or ():
                at = table.get(w)
                if at is None:
                    table[w] = [i]
                else:
                    at.append(i)
        hit = _DISPATCH[id(node)] = (node, {w: tuple(sorted(at + list(others)) if others else at)
                                            for w, at in table.items()}, others)
    return hit[1], hit[2]


_HEADS: dict[int, tuple[Node, frozenset[str] | None]] = {}


def _heads(n: Node) -> frozenset[str] | None:
    """The words any match of `n` must begin with (None: not only plain words, or it may be empty)."""
    hit = _HEADS.get(id(n))
    if hit is None or hit[0] is not n:
        hit = _HEADS[id(n)] = (n, _heads_of(n))
    return hit[1]


def _heads_of(n: Node) -> frozenset[str] | None:
    t = type(n)  # (`is` tests: the node classes have no subclasses)
    if t is Alt:
        out: set[str] = set()
        for o in n.options:
            h = _heads(o)
            if h is None:
                return None
            out |= h
        return frozenset(out)
    if t is Capture:
        return _heads(n.body)
    if t is Seq:
        return _heads(n.items[0]) if n.items else None
    return n.forms if t is Word and not n.prefix else None
