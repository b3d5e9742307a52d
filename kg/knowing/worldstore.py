"""The world gazetteer's ~26,000 imported entities in a compact, mappable store: marshalled
records in one blob, decoded when asked for, and hash indexes of ids, names (with every proper
prefix, so the longest name at a token is found in a few lookups) and codes."""
from __future__ import annotations

import marshal
from datetime import date
from pathlib import Path
from zlib import crc32

from ..reading.text import tokenize
from .entity import Affiliation, Code, Entity, plain


class BlobMap:
    """A read-only str -> value map stored as one bytes blob and one offset array, so that pickling
    and unpickling it cost a copy, not one object per key (a dict of the world's ~100k names
    takes ~60 ms to unpickle; this takes well under one). Lookup: crc32 of the key picks a bucket,
    a few marshalled (key, value) pairs are decoded and compared: a hash lookup, never a scan.
    Values are marshal-able (tuples of ints and strings)."""

    __slots__ = ("blob", "offsets")

    def __init__(self, items: dict[str, object]):
        import marshal
        from array import array
        from zlib import crc32

        n = 1
        while n < max(len(items), 1):
            n *= 2
        buckets: list[list[tuple[str, object]]] = [[] for _ in range(n)]
        for k, v in items.items():
            buckets[crc32(k.encode("utf-8")) & (n - 1)].append((k, v))
        parts, offsets, at = [], array("I", [0]), 0
        for b in buckets:
            data = marshal.dumps(tuple(b)) if b else b""
            parts.append(data)
            at += len(data)
            offsets.append(at)
        self.blob, self.offsets = b"".join(parts), offsets

    def get(self, key: str, default: object = None) -> object:
        o = self.offsets
        h = crc32(key.encode("utf-8")) & (len(o) - 2)
        a, b = o[h], o[h + 1]
        if a == b:
            return default
        for k, v in marshal.loads(self.blob[a:b]):
            if k == key:
                return v
        return default

    def __getstate__(self) -> tuple[bytes, object]:
        return self.blob, self.offsets

    def __setstate__(self, state: tuple[bytes, object]) -> None:
        self.blob, self.offsets = state


def _pack_entity(e: Entity) -> bytes:
    import marshal

    return marshal.dumps((e.id, e.type, e.label, e.aliases, e.demonyms,
                          tuple((c.code, _ord(c.start), _ord(c.end)) for c in e.codes),
                          tuple((a.of, a.sector, a.code, _ord(a.start), _ord(a.end)) for a in e.affiliations),
                          e.located_in, e.capital, e.origin, e.source, e.descriptions, e.same_as, e.gender, e.part_of))


def _ord(d: date | None) -> int:
    return d.toordinal() if d else 0


def _day(n: int) -> date | None:
    return date.fromordinal(n) if n else None


def _unpack_entity(data: bytes) -> Entity:
    import marshal

    (i, t, label, aliases, demonyms, codes, affs, located_in, capital, origin, source, descriptions,
     same_as, gender, part_of) = marshal.loads(data)
    return Entity(i, t, label, aliases, descriptions, same_as, gender, source, demonyms,
                  tuple(Code(c, _day(a), _day(b)) for c, a, b in codes),
                  tuple(Affiliation(o, s, c, _day(a), _day(b)) for o, s, c, a, b in affs),
                  located_in, capital, origin, part_of)


class _Slice:
    """A window on a memory-mapped file that slices like bytes (what BlobMap and WorldStore use)."""

    __slots__ = ("mm", "at", "n")

    def __init__(self, mm: object, at: int, n: int):
        self.mm, self.at, self.n = mm, at, n

    def __getitem__(self, s: slice) -> bytes:
        return self.mm[self.at + s.start:self.at + s.stop]  # type: ignore[index]

    def __len__(self) -> int:
        return self.n


def _spill(blobs: tuple) -> str | None:
    """Write the blobs to `world-<hash>.bin` in kg's cache folder (KG_CACHE_DIR, else
    ~/.cache/kg; none when it is `off`), once; the path, or None if it cannot be written."""
    import hashlib
    import os

    root = os.environ.get("KG_CACHE_DIR") or str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg")
    if root.lower() == "off" or any(isinstance(b, _Slice) for b in blobs):
        return None
    h = hashlib.sha1()
    for b in blobs:
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    path = Path(root) / f"world-{h.hexdigest()[:24]}.bin"
    try:
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as f:
                for b in blobs:
                    f.write(b)
            os.replace(tmp, path)
            olds = sorted(path.parent.glob("world-*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in olds[8:]:  # like the pack caches: the few used last
                old.unlink(missing_ok=True)
        return str(path)
    except OSError:
        return None


class WorldStore:
    """The imported (world) entities, kept as marshalled records in one blob and decoded when
    asked for: a process that builds one article touches a few dozen of ~26,000 entities, so it
    should not pay for creating all of them. Indexes: id -> record, name key -> records (with
    whether the name matches only in capitals, like an acronym), name-key prefixes (so the longest
    match walks token by token and stops early, like a trie), and own code -> records."""

    __slots__ = ("blob", "offsets", "ids", "names", "codes", "surnames", "short", "_memo", "_side", "_keys")

    def __init__(self, entities: list[Entity]):
        from array import array

        parts, offsets, at = [], array("I", [0]), 0
        for e in entities:
            data = _pack_entity(e)
            parts.append(data)
            at += len(data)
            offsets.append(at)
        self.blob, self.offsets = b"".join(parts), offsets
        self.ids = BlobMap({e.id: i for i, e in enumerate(entities)})
        names: dict[str, list] = {}
        codes: dict[str, list[int]] = {}
        for i, e in enumerate(entities):
            for n in dict.fromkeys((e.label, *e.aliases, *e.demonyms)):
                toks = [t for t in tokenize(n) if t.norm != "-"]  # "Frank-Walter" = "Frank Walter"
                if not toks:
                    continue
                k = " ".join(plain(t.norm) for t in toks)
                hits = names.setdefault(k, [[], False])[0]
                # a place has no acronym: the dictionary's capitals of a short name ("GAZA", "RAFAH",
                # "GUAM") are no reason to match only in capitals
                acronym = _is_acronym(n) and not (e.type in _PLACES and len(n) >= 4)
                hit = (i, " ".join(t.folded for t in toks) if acronym else "")
                if hit not in hits:
                    hits.append(hit)
                words = k.split(" ")
                for j in range(1, len(words)):  # every proper prefix: the walk may go on
                    names.setdefault(" ".join(words[:j]), [[], False])[1] = True
            for c in e.codes:
                if i not in codes.setdefault(c.code, []):
                    codes[c.code].append(i)
        self.names = BlobMap({k: (tuple(h), more) for k, (h, more) in names.items()})
        self.codes = BlobMap({k: tuple(v) for k, v in codes.items()})
        self.surnames = BlobMap(_surnames(entities, names))
        self.short: dict[tuple[int, str], Entity] = {}  # (index, surname as written) -> the leader with it as an alias
        self._memo: dict[int, Entity] = {}
        self._keys: dict[str, object] = {}  # name key -> its names entry or None (see longest)
        self._side: str | None = None  # the mapped side file, once read from one

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getstate__(self) -> tuple:
        """Pickled with the rule pack. The ~8 MB of blobs go to a side file in kg's cache folder
        (named by their hash) that the next process maps into memory instead of reading: a build
        touches a few pages of it, not all (without a cache folder they are pickled inline)."""
        blobs = (self.blob, self.ids.blob, self.names.blob, self.codes.blob, self.surnames.blob)
        offsets = (self.offsets, self.ids.offsets, self.names.offsets, self.codes.offsets, self.surnames.offsets)
        side = self._side or _spill(blobs)  # pickled again (a worker): the same file
        if side is None and self._side is None and any(isinstance(b, _Slice) for b in blobs):
            blobs = tuple(b[0:len(b)] for b in blobs)
        return (side, tuple(len(b) for b in blobs), offsets) if side else (None, blobs, offsets)

    def __setstate__(self, state: tuple) -> None:
        side, blobs, offsets = state
        if side is not None:  # a missing or changed file fails the unpickling: the pack is then rebuilt
            import mmap

            with open(side, "rb") as f:
                mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            if len(mm) != sum(blobs):
                raise ValueError(f"{side}: not the world store the pack cache expects")
            parts, at = [], 0
            for n in blobs:
                parts.append(_Slice(mm, at, n))
                at += n
            blobs = parts
        self.blob = blobs[0]
        self.ids, self.names, self.codes, self.surnames = (BlobMap.__new__(BlobMap) for _ in range(4))
        for m, b, o in zip((self.ids, self.names, self.codes, self.surnames), blobs[1:], offsets[1:]):
            m.blob, m.offsets = b, o
        self.offsets = offsets[0]
        self.short = {}
        self._memo = {}
        self._keys = {}
        self._side = side

    def at(self, i: int) -> Entity:
        e = self._memo.get(i)
        if e is None:
            e = self._memo[i] = _unpack_entity(self.blob[self.offsets[i]:self.offsets[i + 1]])
        return e

    def get(self, entity_id: str) -> Entity | None:
        i = self.ids.get(entity_id)
        return None if i is None else self.at(i)  # type: ignore[arg-type]

    def __iter__(self):  # every entity: slow (decodes all), for tools, not for a build
        return (self.at(i) for i in range(len(self)))

    def named(self, key: str) -> list[Entity]:
        """The entities with this name (a `name_key`; hyphens and diacritics do not count)."""
        hit = self.names.get(" ".join(plain(w) for w in key.split(" ") if w != "-"))
        return [self.at(i) for i, _ in hit[0]] if hit else []  # type: ignore[index]

    def longest(self, norms: list[str], folded: list[str], i: int) -> tuple[int, list[Entity]] | None:
        """The longest name starting at token i (tokens given by their normal and folded forms),
        and its entities; a name that is an acronym (US, EU) matches only in capitals. A hyphen
        inside a name does not count and letters match without their diacritics ("Frank-Walter
        Steinmeier" is the dictionary's FRANK_WALTER_STEINMEIER, "Erdogan" its ERDOĞAN)."""
        best, key, j = None, "", i
        used: list[str] = []  # the folded forms of the tokens in the name
        if norms[i] == "-":
            return None
        keys = self._keys  # the keys asked for recur (every capitalised word is one): each decoded once
        if len(keys) > 200_000:  # a long corpus: bound the memo
            keys.clear()
        while j < len(norms):
            if norms[j] == "-":
                j += 1
                continue
            w = norms[j]
            if not w.isascii():
                w = plain(w)
            key = w if not used else key + " " + w
            hit = keys.get(key, keys)
            if hit is keys:
                hit = keys[key] = self.names.get(key)
            if hit is None:
                break
            used.append(folded[j])
            j += 1
            hits, more = hit  # type: ignore[misc]
            if hits:
                ok = [x for x, f in hits if not f or f == " ".join(used)]
                if ok:
                    best = (j, [self.at(x) for x in ok])
            if not more:
                break
        return best


_PLACES = frozenset({"Place", "City", "Region"})
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _surnames(entities: list[Entity], names: dict[str, list]) -> dict[str, tuple]:
    """The surnames a leader may be named by alone ("Mugabe was declared the winner"): surname key
    -> ((entity index, whether one of the person's affiliations is the plain government code of a
    state (ZWEGOV: head of state or government, foreign minister), its periods as (from, to)
    ordinals, the periods of all the person's dated affiliations), ...) for every person of that
    surname with a dated affiliation. Left out: a surname that is some entity's whole name already
    (the name index finds it), a word that opens another person's name ("Hassan", "Bill"), and
    short or non-alphabetic words. The mention finder links a surname only to the one person of
    it who leads on the article's date, when no other person of it is active then."""
    firsts: set[str] = set()
    people: dict[str, dict[tuple, list]] = {}
    for i, e in enumerate(entities):
        if e.type != "Person":
            continue
        words = [plain(w) for w in e.label.casefold().split() if w not in _SUFFIXES]
        if len(words) < 2:
            continue
        firsts.add(words[0])
        k = words[-1]
        if len(k) < 4 or not k.isalpha():
            continue
        dated = [a for a in e.affiliations if a.dated]
        if not dated:
            continue
        lead = tuple(sorted({(_ord(a.start), _ord(a.end)) for a in dated
                             if a.sector == "GOV" and len(a.code) == 6 and a.code.endswith("GOV")}))
        act = tuple(sorted({(_ord(a.start), _ord(a.end)) for a in dated}))
        # one person entered twice (THABO_MBEKI_, THABO_MVUYELWA_MBEKI_): one given name, the same dated record
        record = tuple(sorted((a.of or "", a.code or "", _ord(a.start), _ord(a.end)) for a in dated))
        people.setdefault(k, {}).setdefault((words[0], record), (i, lead, act))
    return {k: tuple(v.values()) for k, v in people.items()
            if k not in firsts and not (names.get(k) or [[]])[0] and any(p[1] for p in v.values())}


def leader_on(entry: tuple, day: date) -> int | None:
    """The entity index of the one person of a `surnames` entry who leads on `day` while no
    other person of the surname holds a dated affiliation then; else None."""
    n = day.toordinal()

    def within(periods: tuple) -> bool:
        return any((a == 0 or a <= n) and (b == 0 or n <= b) for a, b in periods)
    active = [p for p in entry if within(p[2])]
    return active[0][0] if len(active) == 1 and within(active[0][1]) else None


def _is_acronym(name: str) -> bool:
    """Like mention finding's rule: 2-6 letters, all capitals (US, EU, NATO) match only in capitals."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(letters) <= 6
