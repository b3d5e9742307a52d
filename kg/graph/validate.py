"""`kg validate`: SHACL validation of a built graph against kg's shapes, with a readable report."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from ..errors import InputError
from .readable import Curies, display_prefixes


@dataclass(frozen=True)
class Violation:
    """One SHACL result, read as one line: the node, its class, what is wrong, the shape."""
    focus: str
    path: str
    message: str
    value: str
    shape: str
    severity: str
    focus_type: str = ""

    def __str__(self) -> str:
        typ = f" ({self.focus_type})" if self.focus_type else ""
        level = "" if self.severity in ("Violation", "") else f" [{self.severity}]"
        return f"{self.focus}{typ}: {self.message} ({self.shape}){level}"


_OFFLINE: list[bool] = []  # set while an offline() block runs
_NET_EVENTS = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request")


def _offline_hook(event: str, args: tuple) -> None:
    if _OFFLINE and event in _NET_EVENTS:
        target = args[0] if event == "urllib.Request" else args[1] if len(args) > 1 else ""
        raise PermissionError(f"no network access with --safe (asked for {str(target)[:100]})")


@contextmanager
def offline() -> Iterator[None]:
    """No network from Python code while the block runs (`kg validate --safe`, `kg query --safe`):
    a JSON-LD file from elsewhere may name remote @context URLs, which rdflib would fetch. An audit
    hook, installed once (hooks cannot be removed), refuses connections while the block runs."""
    import sys

    if not getattr(offline, "installed", False):
        sys.addaudithook(_offline_hook)
        offline.installed = True  # type: ignore[attr-defined]
    _OFFLINE.append(True)
    try:
        yield
    finally:
        _OFFLINE.pop()


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
    curie = Curies(display_prefixes(data.namespaces()))

    def show(t: object) -> str:
        if t is None:
            return ""
        return curie(str(t)) if isinstance(t, URIRef) else str(t)

    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(r, SH.focusNode)
        types = sorted(show(c) for c in data.objects(focus, RDF.type))
        out.append(Violation(show(focus), show(report.value(r, SH.resultPath)),
                             _reading(report, r, shapes, data, show), show(report.value(r, SH.value)),
                             _shape_name(report.value(r, SH.sourceShape), shapes),
                             str(report.value(r, SH.resultSeverity) or "").rsplit("#", 1)[-1],
                             ", ".join(t for t in types if t.startswith("kgo:")) or ", ".join(types[:1])))
    out = sorted(set(out), key=lambda v: (v.shape, v.focus, v.path, v.message))
    return bool(conforms), out


def _shape_name(shape: object, shapes: Graph) -> str:
    """The named node shape a result comes from (property shapes are blank nodes inside it)."""
    if isinstance(shape, URIRef):
        return str(shape).rsplit("#", 1)[-1]
    parent = shapes.value(None, SH.property, shape)
    return str(parent).rsplit("#", 1)[-1] if isinstance(parent, URIRef) else "shape"


def _rdf_list(g: Graph, head: object) -> list:
    return list(Collection(g, head)) if head is not None else []


def _reading(report: Graph, r: object, shapes: Graph, data: Graph, show: Callable[[object], str]) -> str:
    """What is wrong, in the shapes' own words when they have a sh:message, else from the kind of
    constraint: 'missing kgo:status', 'kgo:status kgo:Done is not one of kgo:Happened, kgo:Planned'.
    pySHACL's own text prints the constraint's blank nodes, which nobody can act on."""
    source = report.value(r, SH.sourceShape)
    own = shapes.value(source, SH.message) if source is not None else None
    comp = str(report.value(r, SH.sourceConstraintComponent) or "").rsplit("#", 1)[-1]
    path = show(report.value(r, SH.resultPath))
    value = show(report.value(r, SH.value))
    if own is not None:
        return str(own) + (f" (found {value})" if value and value != show(report.value(r, SH.focusNode)) else "")
    if comp == "MinCountConstraintComponent":
        return f"missing {path}"
    if comp == "MaxCountConstraintComponent":
        return f"more than {shapes.value(source, SH.maxCount)} {path}"
    if comp == "DatatypeConstraintComponent":
        return f"{path} {value!r} is not of type {show(shapes.value(source, SH.datatype))}"
    if comp == "ClassConstraintComponent":
        return f"{path} {value} is not a {show(shapes.value(source, SH['class']))}"
    if comp == "InConstraintComponent":
        allowed = ", ".join(show(x) for x in _rdf_list(shapes, shapes.value(source, SH["in"])))
        return f"{path} {value} is not one of {allowed}"
    if comp == "OrConstraintComponent":
        return _or_reading(report.value(r, SH.focusNode), source, shapes, data, show, path, value)
    first = str(report.value(r, SH.resultMessage) or comp).splitlines()[0]
    return first if len(first) <= 120 else first[:117] + "..."


def _or_reading(focus: object, source: object, shapes: Graph, data: Graph, show: Callable[[object], str],
                path: str, value: str) -> str:
    """An unmet sh:or, read from the alternatives the node fails: 'missing kgo:content, kgo:quote
    or kgo:description', 'kgo:factuality kgo:Claimed without kgo:claimedBy', 'sem:hasTimeStamp
    "x" is not of type xsd:date or xsd:gYear'. The result does not say which of a shape's sh:or
    lists failed, so each list is checked here against the node."""
    def names(xs: list[str]) -> str:
        return ", ".join(xs[:-1]) + " or " + xs[-1] if len(xs) > 1 else "".join(xs)

    readings = []
    for head in shapes.objects(source, SH["or"]):
        members = _rdf_list(shapes, head)
        types = [shapes.value(m, SH.datatype) for m in members]
        if value and all(x is not None for x in types):  # a value-level or: one of these datatypes
            readings.append(f"{path} {value!r} is not of type {names([show(x) for x in types])}")
            continue
        present, missing, ok = [], [], False
        for m in members:
            prop = shapes.value(m, SH.path)
            if prop is None:
                cls = shapes.value(m, SH["class"])
                ok = ok or (cls is not None and (focus, RDF.type, cls) in data)
                continue
            vals = list(data.objects(focus, prop))
            allowed = shapes.value(m, SH["in"])
            least, most = shapes.value(m, SH.minCount), shapes.value(m, SH.maxCount)
            holds = ((least is None or len(vals) >= int(least)) and (most is None or len(vals) <= int(most))
                     and (allowed is None or all(v in _rdf_list(shapes, allowed) for v in vals)))
            ok = ok or holds
            if allowed is not None and vals:
                present.append(f"{show(prop)} {' '.join(sorted(show(v) for v in vals))}")
            elif least is not None and len(vals) < int(least):
                missing.append(show(prop))
            elif most is not None:
                present.append(f"more than {most} {show(prop)}")
        if ok:
            continue
        if present and missing:
            readings.append(f"{', '.join(present)} without {names(missing)}")
        elif missing:
            readings.append(f"missing {names(missing)}")
        elif present:
            readings.append(", ".join(present))
    return "; ".join(readings) or "none of the shape's alternatives holds"
