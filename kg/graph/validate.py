"""`kg validate`: SHACL validation of a built graph against kg's shapes, with a readable report."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from ..errors import InputError


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    value: str
    shape: str
    severity: str

    def __str__(self) -> str:
        where = f"{self.focus}" + (f" {self.path}" if self.path else "")
        val = f" (value: {self.value})" if self.value else ""
        return f"[{self.severity}] {where}: {self.message}{val}  <{self.shape}>"


def load_shapes(ontology_dir: Path) -> tuple[Graph, Graph]:
    shapes_file = ontology_dir / "shapes.ttl"
    if not shapes_file.is_file():
        raise InputError(shapes_file, "no SHACL shapes found")
    shapes, ont = Graph(), Graph()
    shapes.parse(shapes_file, format="turtle")
    for f in sorted(ontology_dir.glob("*.ttl")):
        if f.name != "shapes.ttl":
            ont.parse(f, format="turtle")
    return shapes, ont


def validate(data: Graph, ontology_dir: Path) -> tuple[bool, list[Violation]]:
    """Validate with pySHACL (no inference; the ontology is mixed in for subclass targets)."""
    import pyshacl  # heavy: imported only for validation

    shapes, ont = load_shapes(ontology_dir)
    merged = Graph()  # the data plus the ontology: subclass targets, CAMEO concepts and roles are known
    for p, ns in data.namespaces():
        merged.bind(p, ns, override=True, replace=True)
    for t in data:
        merged.add(t)
    for t in ont:
        merged.add(t)
    conforms, report, _ = pyshacl.validate(merged, shacl_graph=shapes, inference="none",
                                           abort_on_first=False, allow_warnings=True, advanced=False)
    nm = data.namespace_manager

    def show(t: object) -> str:
        if t is None:
            return ""
        if isinstance(t, URIRef):
            try:
                return nm.normalizeUri(t)
            except Exception:
                return str(t)
        return str(t)

    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        out.append(Violation(show(report.value(r, SH.focusNode)), show(report.value(r, SH.resultPath)),
                             str(report.value(r, SH.resultMessage) or ""), show(report.value(r, SH.value)),
                             _shape_name(report.value(r, SH.sourceShape), shapes),
                             show(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]))
    out.sort(key=lambda v: (v.shape, v.focus, v.path, v.message))
    return bool(conforms), out


def _shape_name(shape: object, shapes: Graph) -> str:
    """The named node shape a result comes from (property shapes are blank nodes inside it)."""
    if isinstance(shape, URIRef):
        return str(shape).rsplit("#", 1)[-1]
    parent = shapes.value(None, SH.property, shape)
    return str(parent).rsplit("#", 1)[-1] if isinstance(parent, URIRef) else "shape"
