"""kg's outputs read back by independent parsers as the same graph: pyoxigraph (Rust), Raptor's
`rapper` (C, Debian raptor2-utils), Apache Jena `riot` (Java, Debian libapache-jena-java, when it
runs here), and pyld for JSON-LD (expanded, turned into RDF, compared triple by triple: kg writes no
blank nodes, so equal sets are isomorphic graphs)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

FILES = {"turtle": "seed.ttl", "trig": "seed.trig", "nt": "seed.nt", "nquads": "seed.nq", "json-ld": "seed.jsonld"}


@pytest.fixture(scope="module")
def outputs(seed_result, tmp_path_factory) -> dict[str, Path]:
    from kg.graph.export import serialize
    b = seed_result.builder
    d = tmp_path_factory.mktemp("interop")
    out = {}
    for fmt, name in FILES.items():
        (d / name).write_text(serialize(b.triples, fmt, b.prefixes(), b.by_article), encoding="utf-8")
        out[fmt] = d / name
    return out


def keys(triples) -> set[tuple[str, ...]]:
    from rdflib import Literal
    out = set()
    for t in triples:
        k = []
        for x in t:
            if isinstance(x, Literal):
                dt = str(x.datatype) if x.datatype and str(x.datatype) != "http://www.w3.org/2001/XMLSchema#string" else ""
                k.append(f"L|{x}|{x.language or ''}|{dt}")
            else:
                k.append(f"{type(x).__name__}|{x}")
        out.add(tuple(k))
    return out


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "nquads", "json-ld"])
def test_pyoxigraph_reads_the_same_graph(outputs, seed_result, fmt):
    import pyoxigraph as ox

    from kg.sparql.store import to_rdflib
    oxfmt = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
             "nquads": ox.RdfFormat.N_QUADS, "json-ld": ox.RdfFormat.JSON_LD}[fmt]
    quads = list(ox.parse(path=str(outputs[fmt]), format=oxfmt))
    got = {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads}
    assert keys(got) == keys(seed_result.builder.triples)
    if fmt in ("trig", "nquads"):
        graphs = {q.graph_name.value for q in quads}
        assert graphs == {str(g) for g in seed_result.builder.by_article}


def _rapper() -> str:
    path = shutil.which("rapper")
    if path is None:
        why = "rapper not found (Debian package raptor2-utils)"
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    return path


@pytest.mark.parametrize("fmt,syntax", [("turtle", "turtle"), ("trig", "trig"), ("nt", "ntriples"), ("nquads", "nquads")])
def test_rapper_accepts_and_counts(outputs, seed_result, fmt, syntax):
    """rapper parses every file without a warning and converts it to the same N-Triples."""
    rapper = _rapper()
    r = subprocess.run([rapper, "-q", "-i", syntax, "-o", "ntriples", str(outputs[fmt])],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and not r.stderr.strip(), r.stderr[:500]
    from rdflib import Graph
    g = Graph().parse(data=r.stdout, format="nt")
    assert keys(g) == keys(seed_result.builder.triples)


JENA_DEPS = ("commons-cli commons-codec commons-compress commons-csv commons-io commons-lang3 dexx.collection gson guava "
             "httpclient httpcore jackson-annotations jackson-core jackson-databind jakarta.json-api jsonld-java "
             "protobuf thrift titanium-json-ld slf4j-api slf4j-simple").split()


@pytest.fixture(scope="module")
def riot(tmp_path_factory) -> list[str]:
    """A command that runs Jena's riot, or a skip: Debian 12's jars need a workaround (measured in
    anchors-rdf.md 6.2): not every jar on the classpath (two SLF4J bindings), and jena-core's shaded
    Xerces resources copied to where its relocated classes look for them."""
    import zipfile
    if shutil.which("riot"):
        return [shutil.which("riot")]  # type: ignore[list-item]
    java, jars = shutil.which("java"), Path("/usr/share/java")
    if not java or not (jars / "jena-core.jar").exists():
        pytest.skip("Apache Jena riot not installed (optional: Debian libapache-jena-java and a JRE)")
    res = tmp_path_factory.mktemp("jena")
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(jars / "jena-core.jar") as z:
        for n in z.namelist():
            if n.startswith(prefix) and not n.endswith(("/", ".class")):
                dest = res / "xerces" / n[len(prefix):]
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(z.read(n))
    cp = [str(res)] + [str(p) for p in sorted(jars.glob("jena-*.jar")) if not re.search(r"-\d", p.name)]
    cp += [str(jars / f"{d}.jar") for d in JENA_DEPS if (jars / f"{d}.jar").exists()]
    cmd = [java, "-cp", ":".join(cp), "riotcmd.riot"]
    probe = subprocess.run([*cmd, "--version"], capture_output=True, text=True, timeout=120)
    if probe.returncode != 0 or "Jena" not in probe.stdout + probe.stderr:
        pytest.skip(f"riot does not run here: {(probe.stderr or probe.stdout).strip().splitlines()[-1:]}")
    return cmd


def test_jena_riot_validates_if_it_runs(outputs, riot):
    """riot --validate (strict: lexical forms of datatypes too) on all four files in one JVM."""
    files = [str(outputs[f]) for f in ("turtle", "trig", "nt", "nquads")]
    r = subprocess.run([*riot, "--validate", *files], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and not re.search(r"\b(ERROR|WARN)\b", r.stdout + r.stderr), (r.stdout + r.stderr)[:500]

def test_jena_riot_counts_the_same_quads(outputs, riot, seed_result):
    n = sum(len(ts) for ts in seed_result.builder.by_article.values())
    for fmt in ("trig", "nquads"):
        r = subprocess.run([*riot, "--count", str(outputs[fmt])], capture_output=True, text=True, timeout=300)
        m = re.search(r"(?:Quads|Triples) = ([\d,]+)", r.stdout + r.stderr)
        assert r.returncode == 0 and m and int(m.group(1).replace(",", "")) == n, (r.stdout + r.stderr)[:300]


def test_jsonld_expands_with_pyld_to_the_same_graph(outputs, seed_result):
    from pyld import jsonld
    from rdflib import Graph
    import json

    def no_fetch(url, options=None):  # every context is inline; a fetch would be a bug
        raise AssertionError(f"pyld tried to load {url}")
    jsonld.set_document_loader(no_fetch)
    doc = json.loads(outputs["json-ld"].read_text(encoding="utf-8"))
    expanded = jsonld.expand(doc)
    assert expanded and all("@id" in node for node in expanded)
    nq = jsonld.to_rdf(expanded, {"format": "application/n-quads"})
    g = Graph().parse(data=nq, format="nquads")
    assert keys(g) == keys(seed_result.builder.triples)
