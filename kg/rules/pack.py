"""A rule pack: the data kg extracts with (vocabulary, gazetteer, rules, layout) and the ontology.

The default pack is the one shipped with kg (`data/` and `ontology/`); `--data DIR` points to
another folder with the same layout, so users extend kg by editing files, never code.
"""
from __future__ import annotations

import gc
import json
import os
import pickle
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

from .. import digest
from ..reading.document import Layout, load_layout
from ..errors import InputError
from ..knowing.gazetteer import Gazetteer, load_gazetteer
from ..knowing.mentions import MentionFinder
from .ruleset import LAZY, RuleSet, rule_files  # (kg.rules.loader, its frames, classes and checks: only to load the rules)
from ..knowing.vocab import Vocabulary, load_vocabulary


def _find(name: str) -> Path:
    here = Path(__file__).resolve().parent.parent  # kg/
    for cand in (here / name, here.parent / name):  # installed wheel, then a source checkout
        if cand.is_dir():
            return cand
    raise InputError(here, f"kg's {name}/ folder is missing from this installation")


def default_data_dir() -> Path:
    return _find("data")


def default_ontology_dir() -> Path:
    return _find("ontology")


def _hash_files(paths: Iterable[Path]) -> str:
    """A key of the files' names, sizes and modification and change times (as Python keys its
    bytecode caches and kg its own modules and the CAMEO pack): hashing the ~1.4 MB of the rule,
    gazetteer, ontology and vocabulary files cost every start ~20 M instructions (SHA-1 alone 16 M).
    An edit changes the modification time, a copy (even one that keeps it) the change time."""
    h = digest.sha1()
    for p in sorted(paths):
        st = p.stat()
        h.update(f"{p.name}\0{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}\0".encode())
    return h.hexdigest()[:16]


def _code_key() -> str:
    """A key of kg's own modules (all of kg/): their paths, sizes and modification times, walked
    with os.scandir (Path.rglob over ~100 files cost a one-article build ~1.5 ms)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found: list[str] = []
    cut = len(root) + 1  # a module's path below kg/
    todo = [root]
    while todo:
        with os.scandir(todo.pop()) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    if e.name != "__pycache__":
                        todo.append(e.path)
                elif e.name.endswith(".py"):
                    st = e.stat()
                    found.append(f"{e.path[cut:]}\0{st.st_size}:{st.st_mtime_ns}")
    found.sort()
    return digest.sha1("\0".join(found).encode()).hexdigest()[:16]


class _Trees:
    """The pattern trees of a pack read from its cache: one pickle for all rules (they share their
    nodes), unpickled when some code first asks a rule for its patterns; and each rule's slots,
    pickled apart (kg.graph.events asks those of the few CAMEO-coding rules that fire)."""

    __slots__ = ("rules", "blob")

    def __init__(self, rules: list, blob: bytes):
        self.rules, self.blob = rules, blob
        for r in rules:
            d = r.__dict__
            d["patterns"] = _LazyPatterns(self, r)
            slots = d.pop("_lazy_slots", None)
            if slots is not None:
                d["slots"] = _LazySlots(r, slots)

    def load(self) -> None:
        if self.blob is None:
            return
        was = gc.isenabled()
        gc.disable()  # many objects, no garbage
        try:
            trees = pickle.loads(self.blob)
        finally:
            if was:
                gc.enable()
        self.blob = None
        for r, t in zip(self.rules, trees):
            if type(r.__dict__.get("patterns")) is _LazyPatterns:  # (not replaced meanwhile)
                r.__dict__["patterns"] = t


class _Proxy:
    """A rule's field not yet read from the pack cache: any use reads it (`real`), and the rule
    holds the value itself from then on."""

    __slots__ = ()

    def real(self) -> Any:
        raise NotImplementedError

    def __getattr__(self, name: str) -> Any:  # (a list's or a dict's methods)
        return getattr(self.real(), name)

    def __iter__(self) -> Any:
        return iter(self.real())

    def __len__(self) -> int:
        return len(self.real())

    def __getitem__(self, k: Any) -> Any:
        return self.real()[k]

    def __contains__(self, k: Any) -> bool:
        return k in self.real()

    def __bool__(self) -> bool:
        return bool(self.real())

    def __eq__(self, other: object) -> bool:
        return self.real() == (other.real() if isinstance(other, _Proxy) else other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self.real())

    def __reduce__(self) -> Any:
        v = self.real()
        return type(v), (v,)


class _LazyPatterns(_Proxy):
    __slots__ = ("trees", "rule")

    def __init__(self, trees: _Trees, rule: Any):
        self.trees, self.rule = trees, rule

    def real(self) -> list:
        self.trees.load()
        return self.rule.__dict__["patterns"]


class _LazySlots(_Proxy):
    __slots__ = ("rule", "blob")

    def __init__(self, rule: Any, blob: Any):
        self.rule, self.blob = rule, blob

    def real(self) -> dict:
        if type(self.blob) is bytes:
            self.blob = pickle.loads(self.blob)
            if self.rule.__dict__.get("slots") is self:
                self.rule.__dict__["slots"] = self.blob
        return self.blob


def _share_terms(joins: list) -> None:
    """Equal terms and triple patterns of the join rules as one object (the loader makes one per
    mention: 1,284 terms were 88 distinct ones), so that the pack cache writes each once and a new
    process makes ~1,200 fewer objects at start-up. Terms are frozen values: equal ones answer alike."""
    same: dict[Any, Any] = {}

    def one(x: Any) -> Any:
        return same.setdefault(x, x)

    def triple(t: Any) -> Any:
        return one(tuple([one(x) for x in t])) if type(t) is tuple else t
    for j in joins:
        j.where = [triple(t) for t in j.where]
        j.unless = [[triple(t) for t in alt] for alt in j.unless]
        for e in j.emits:
            object.__setattr__(e, "s", one(e.s))  # (Emit is frozen)
            object.__setattr__(e, "o", one(e.o))


@dataclass
class Pack:
    """The files kg extracts with; each part is loaded and validated once, then cached."""

    data_dir: Path
    ontology_dir: Path
    rules_path: Path | None = None  # a rules folder or file other than data_dir/rules

    @classmethod
    def load(cls, data_dir: str | Path | None = None, ontology_dir: str | Path | None = None,
             rules: str | Path | None = None, cache: bool = True) -> "Pack":
        """Open a pack and validate all of it now, so that errors surface before any article is read.

        A pack that validated is cached (pickled, keyed by the content of every pack file and
        of kg's code) in KG_CACHE_DIR or ~/.cache/kg, which spares the next process the parsing
        of rules and ontology; set KG_CACHE_DIR=off to disable."""
        d = Path(data_dir) if data_dir else default_data_dir()
        if not d.is_dir():
            raise InputError(d, "data folder not found")
        pack = cls(d, Path(ontology_dir) if ontology_dir else default_ontology_dir(), Path(rules) if rules else None)
        path = pack._cache_file() if cache else None
        if path is not None and pack._read_cache(path):
            return pack
        pack.rules  # noqa: B018 - load and validate eagerly
        if path is not None:
            pack._write_cache(path)
        return pack

    @cached_property
    def components(self) -> dict[str, str]:
        """Content hashes of what a build's output depends on besides the article itself: kg's code,
        rules, gazetteer, ontology, vocabulary and layout. They key the pickled pack (which holds
        instances of kg's classes, so a changed kg must not read another's) and the corpus manifests."""
        from .. import __version__

        d = self.data_dir
        return {
            "kg": __version__ + "+" + _code_key(),
            "rules": _hash_files(rule_files(self.rules_path or d / "rules") + self._class_files()),
            "gazetteer": _hash_files((d / "gazetteer").rglob("*.yaml")),
            "ontology": _hash_files([*self.ontology_dir.rglob("*.ttl"), *self._own_ontology()]),
            "vocabulary": _hash_files([p for p in (d / "vocabulary.yaml", d / "layout.yaml", d / "names.yaml", d / "roles.yaml", d / "groups.yaml")
                                       if p.is_file()]),
            "cameo": _hash_files((d / "cameo").glob("*.*")),  # the CAMEO pack (kg.graph.events)
        }

    def _cache_file(self) -> Path | None:
        root = os.environ.get("KG_CACHE_DIR") or str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg")
        if root.lower() == "off":
            return None
        try:
            comps = json.dumps(self.components, sort_keys=True)
        except (OSError, InputError):
            return None  # a missing file or folder: load normally and report it
        where = f"{self.data_dir.resolve()}|{self.ontology_dir.resolve()}|{self.rules_path and self.rules_path.resolve()}"
        h = digest.sha256(f"{sys.version_info[:2]}|{where}|{comps}".encode())  # paths: rules keep their file names
        return Path(root) / f"pack-{h.hexdigest()[:32]}.pickle"

    def _read_cache(self, path: Path) -> bool:
        was = gc.isenabled()
        gc.disable()  # unpickling makes ~100k objects, none of them garbage: no collections meanwhile
        try:
            with open(path, "rb") as f:
                state = pickle.load(f)
        except Exception:  # absent, unreadable or from another kg: just load the pack
            return False
        finally:
            if was:
                gc.enable()
        trees = state.pop("_trees", None)
        self.__dict__.update(state)
        if trees is not None:
            _Trees(self.rules.rules, trees)
        return True

    def _write_cache(self, path: Path) -> None:
        # the mention finder too: building its tries from the gazetteer costs more than unpickling them
        state = {k: getattr(self, k) for k in ("vocabulary", "gazetteer", "rules", "layout", "finder")}
        from .engine import prepare  # the rule index and each pattern's needs travel in the cache too

        prepare(self.rules)
        try:
            _share_terms(self.rules.joins)
        except TypeError:  # (a term that is no value: kept as it is)
            pass
        # The index by entry (`prepare` keeps it on the rule set) is only what `prepare` itself
        # worked from: this process's kg.rules.index holds it, and a new process reads the plain
        # numbers and bits made from it. Left out, the cache is 5% smaller and reads ~7% faster.
        index = self.rules.__dict__.pop("_index", None)
        # Each rule's emits and examples are pickled apart, as bytes, which the cache reads as they
        # are (a copy) and kg.rules.ruleset.Rule unpickles when first asked: an article fires a few
        # dozen of the ~300 rules, and only `kg rules test` reads examples (~3,300 Emit and Term
        # and ~900 Example objects that a one-article build no longer makes).
        apart: list[tuple[dict[str, object], str, object]] = []
        trees: list[object] = []
        try:
            n = 0  # the number of the rule's first pattern in the pack (the order kg.rules.index numbers them in)
            for r in self.rules.rules:
                d = r.__dict__
                d["_mbase"] = (path.stem, n)  # the key of its patterns' matcher plans (kg.rules.matchgen), with their numbers
                n += len(r.patterns)
                for name in LAZY:
                    if d.get(name):
                        apart.append((d, name, d[name]))
                        d["_lazy_" + name] = pickle.dumps(d.pop(name), protocol=pickle.HIGHEST_PROTOCOL)
            # The pattern trees, all in one pickle (they share their nodes), read when some code first
            # asks a rule for its patterns: a build whose matchers come from plans kept in the code
            # cache (kg.rules.matchgen) never does, and the trees were ~40% of reading the cache.
            trees = [r.__dict__.pop("patterns") for r in self.rules.rules]
            for r in self.rules.rules:
                d = r.__dict__
                if d.get("slots"):
                    apart.append((d, "slots", d["slots"]))
                    d["_lazy_slots"] = pickle.dumps(d.pop("slots"), protocol=pickle.HIGHEST_PROTOCOL)
            state["_trees"] = pickle.dumps(trees, protocol=pickle.HIGHEST_PROTOCOL)
            path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile  # only when the cache is (re)written

            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".pack-", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            # caches of other packs and kg versions: keep the few used last, not every one ever made
            olds = sorted(path.parent.glob("pack-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in olds[8:]:
                old.unlink(missing_ok=True)
        except Exception:  # a cache that cannot be written costs speed, not correctness
            try:
                os.unlink(tmp)  # type: ignore[possibly-undefined]
            except Exception:
                pass
        finally:
            if index is not None:
                self.rules.__dict__["_index"] = index
            for d, name, value in apart:  # this process's rules as they were
                d[name] = value
                d.pop("_lazy_" + name, None)
            for r, t in zip(self.rules.rules, trees):
                r.__dict__["patterns"] = t
            for r in self.rules.rules:
                r.__dict__.pop("_mbase", None)

    def _own_ontology(self) -> list[Path]:
        """The pack's own ontology files, merged with kg's: DATA/ontology.ttl, DATA/ontology/*.ttl
        and DATA/rules/_ontology.ttl (and _ontology.ttl beside --rules), so that a rule pack
        declares its new classes and properties without copying kg's ontology."""
        d = self.data_dir
        found = [d / "ontology.ttl", *sorted((d / "ontology").glob("*.ttl")), d / "rules" / "_ontology.ttl"]
        if self.rules_path is not None:
            found.append((self.rules_path if self.rules_path.is_dir() else self.rules_path.parent) / "_ontology.ttl")
        out: list[Path] = []
        for f in found:
            if f.is_file() and not f.name.endswith("shapes.ttl") and f.resolve() not in {o.resolve() for o in out} \
                    and f.resolve().parent != self.ontology_dir.resolve():
                out.append(f)
        return out

    def _class_files(self) -> list[Path]:
        """Word classes (kg.rules.classes): the _classes.yaml beside --rules, else the pack's rules/_classes.yaml."""
        if self.rules_path is not None:  # another rules folder brings its own classes, if it has any
            d = self.rules_path if self.rules_path.is_dir() else self.rules_path.parent
            if (d / "_classes.yaml").is_file():
                return [d / "_classes.yaml"]
        own = self.data_dir / "rules" / "_classes.yaml"
        return [own] if own.is_file() else []

    @cached_property
    def vocabulary(self) -> Vocabulary:
        voc = load_vocabulary(self.data_dir, self.ontology_dir)
        own = self._own_ontology()
        if own:
            from ..knowing.vocab import _read_ontology  # one reader for kg's ontology and a pack's own
            import tempfile
            import shutil

            with tempfile.TemporaryDirectory(prefix="kg-ontology-") as tmp:  # the reader takes a folder
                for i, f in enumerate(own):
                    shutil.copyfile(f, Path(tmp) / f"{i:03d}.ttl")
                try:
                    _read_ontology(voc, Path(tmp))
                except InputError as e:
                    stem = Path(e.problem.path).stem
                    raise InputError(own[int(stem)] if stem.isdigit() and int(stem) < len(own) else e.problem.path,
                                     e.problem.message.replace(tmp, "")) from None
        return voc

    @cached_property
    def gazetteer(self) -> Gazetteer:
        files = sorted((self.data_dir / "gazetteer").rglob("*.yaml"))
        if not files:
            raise InputError(self.data_dir / "gazetteer", "no gazetteer files (*.yaml)")
        return load_gazetteer(files, self.vocabulary)

    @cached_property
    def rules(self) -> RuleSet:
        self.gazetteer  # noqa: B018 - report gazetteer errors first
        from .loader import load_rules

        return load_rules(rule_files(self.rules_path or self.data_dir / "rules"), self.vocabulary, self.data_dir,
                          classes=self._class_files())

    @cached_property
    def layout(self) -> Layout:
        return load_layout(self.data_dir / "layout.yaml")

    @cached_property
    def finder(self) -> MentionFinder:
        return MentionFinder(self.gazetteer, self.vocabulary, self.data_dir)
