"""The vocabulary rules may use: prefixes, entity types, and the terms the ontology declares.

Rules name classes and properties as CURIEs (`schema:Person`, `org:headOf`); a term is known when
`ontology/*.ttl` declares it (our own terms and the standard ones we reuse), so a typo in a
rule file is an error at load time instead of a silent new predicate in the output.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..yamlfile import LDict, load_yaml

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

_CLASS_TYPES = {OWL + "Class", RDFS + "Class"}
_PROP_TYPES = {OWL + "ObjectProperty", OWL + "DatatypeProperty", RDF + "Property", OWL + "AnnotationProperty"}
CURIE = re.compile(r"^([A-Za-z][\w.-]*):([\w.\-/#%]*)$")


@dataclass(frozen=True)
class EntityType:
    """A gazetteer type (Person, Country, ...) mapped to its RDF class, with its parent types."""

    name: str
    iri: str
    parents: tuple[str, ...]


@dataclass
class Vocabulary:
    """Prefixes, entity types and the ontology's terms that rules and the gazetteer may use."""

    prefixes: dict[str, str]
    types: dict[str, EntityType]
    classes: set[str] = field(default_factory=set)
    properties: set[str] = field(default_factory=set)
    individuals: set[str] = field(default_factory=set)
    owned: tuple[str, ...] = ()  # namespaces whose every term must be declared in the ontology
    labels: dict[str, str] = field(default_factory=dict)
    superclasses: dict[str, set[str]] = field(default_factory=dict)
    speaker_group: list[tuple[str, bool]] = field(default_factory=list)  # (property IRI, inverse)

    def is_a(self, cls: str, ancestor: str) -> bool:
        """Whether the ontology makes `cls` a (possibly indirect) subclass of `ancestor`."""
        seen, todo = set(), [cls]
        while todo:
            c = todo.pop()
            if c == ancestor:
                return True
            if c not in seen:
                seen.add(c)
                todo.extend(self.superclasses.get(c, ()))
        return False

    def expand(self, curie: str) -> str | None:
        m = CURIE.match(curie)
        if not m or m.group(1) not in self.prefixes:
            return None
        return self.prefixes[m.group(1)] + m.group(2)

    def ancestors(self, name: str) -> set[str]:
        """The type and every type above it (a Country is a Place and an Agent)."""
        out, todo = set(), [name]
        while todo:
            t = todo.pop()
            if t not in out and t in self.types:
                out.add(t)
                todo.extend(self.types[t].parents)
        return out

    def check_term(self, curie: str, role: str) -> str | None:
        """Problem text for a CURIE used as a class, property or constant, or None if it is known."""
        iri = self.expand(curie)
        if iri is None:
            m = CURIE.match(curie)
            if not m:
                return f"{role} {curie!r} is not a prefixed name like schema:Person"
            return f"{role} {curie!r} uses an undeclared prefix {m.group(1)!r}"
        if role == "property" and iri not in self.properties:
            return f"unknown property {curie!r}: not declared in the ontology"
        if role == "class" and iri not in self.classes:
            return f"unknown class {curie!r}: not declared in the ontology"
        if role == "constant" and iri.startswith(self.owned) and iri not in (self.classes | self.properties | self.individuals):
            return f"unknown term {curie!r}: not declared in the ontology"
        return None


def load_vocabulary(data_dir: Path, ontology_dir: Path) -> Vocabulary:
    path = data_dir / "vocabulary.yaml"
    d = load_yaml(path)
    if not isinstance(d, LDict) or "prefixes" not in d or "types" not in d:
        raise InputError(path, "must be a mapping with 'prefixes' and 'types'")
    prefixes = {str(k): str(v) for k, v in d["prefixes"].items()}
    voc = Vocabulary(prefixes, {}, owned=tuple(prefixes[p] for p in d.get("owned", []) if p in prefixes))
    problems = []
    for i, prop in enumerate(d.get("speaker_group", [])):
        inverse = str(prop).startswith("^")
        iri = voc.expand(str(prop).lstrip("^"))
        if iri is None:
            problems.append(Problem(str(path), d["speaker_group"].item_lines[i], f"speaker_group: {prop!r} has an undeclared prefix"))
        else:
            voc.speaker_group.append((iri, inverse))
    for name, spec in d["types"].items():
        line = d["types"].key_lines[name]
        if not isinstance(spec, dict) or "class" not in spec:
            problems.append(Problem(str(path), line, f"type {name}: needs a 'class'"))
            continue
        iri = voc.expand(spec["class"])
        if iri is None:
            problems.append(Problem(str(path), line, f"type {name}: class {spec['class']!r} has an undeclared prefix"))
            continue
        voc.types[name] = EntityType(name, iri, tuple(spec.get("is_a", [])))
    for t in voc.types.values():
        for p in t.parents:
            if p not in voc.types:
                problems.append(Problem(str(path), d["types"].key_lines[t.name], f"type {t.name}: unknown parent type {p!r}"))
    if problems:
        from ..errors import RuleError
        raise RuleError(problems)
    _read_ontology(voc, ontology_dir)
    return voc


def _read_ontology(voc: Vocabulary, ontology_dir: Path) -> None:
    import pyoxigraph as ox  # parses the ontology in a few ms; rdflib would take ~10x longer

    files = sorted(ontology_dir.glob("*.ttl"))
    if not files:
        raise InputError(ontology_dir, "no ontology (*.ttl) found")
    for f in files:
        if f.name.endswith("shapes.ttl"):
            continue
        try:
            quads = list(ox.parse(path=str(f), format=ox.RdfFormat.TURTLE))
        except (SyntaxError, ValueError, OSError) as e:
            raise InputError(f, f"ontology does not parse: {e}") from None
        for q in quads:
            s, p, o = q.subject, q.predicate.value, q.object
            if not isinstance(s, ox.NamedNode):
                continue
            if p == RDF + "type" and isinstance(o, ox.NamedNode):
                if o.value in _CLASS_TYPES:
                    voc.classes.add(s.value)
                elif o.value in _PROP_TYPES:
                    voc.properties.add(s.value)
                else:
                    voc.individuals.add(s.value)
            elif p == RDFS + "subClassOf" and isinstance(o, ox.NamedNode):
                voc.superclasses.setdefault(s.value, set()).add(o.value)
            elif p in (RDFS + "label", SKOS + "prefLabel") and isinstance(o, ox.Literal):
                voc.labels.setdefault(s.value, o.value)
    for t in voc.types.values():
        voc.classes.add(t.iri)
