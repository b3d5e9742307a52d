"""Corpus builds (issue 6): inputs, named graphs, merging, parallel, incremental, faults, Dask.

Real `kg` processes on small synthetic corpora (tests/bench/gen_corpus.py); no mocks, no timings.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from .bench.gen_corpus import generate
from .conftest import ROOT, SEED, run_kg

KGO = "https://w3id.org/kg-news/ontology#"
ID = "https://w3id.org/kg-news/id/"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """24 synthetic articles as a folder of .txt files and as one JSON Lines file."""
    d = tmp_path_factory.mktemp("corpus")
    arts = list(generate(24, seed=6))
    folder = d / "txt"
    (folder / "sub").mkdir(parents=True)
    for i, a in enumerate(arts):
        (folder / ("sub" if i % 3 == 0 else "") / f"{a['id']}.txt").write_text(a["text"], encoding="utf-8")
    jl = d / "corpus.jsonl"
    jl.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
    return {"dir": folder, "jsonl": jl, "root": d}


def quads(path: Path, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> set[ox.Quad]:
    return set(ox.parse(path=str(path), format=fmt))


def ok(r: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    return r


def test_folder_glob_and_file_list_give_the_same_named_graphs(corpus, tmp_path):
    files = sorted(str(p) for p in corpus["dir"].rglob("*.txt"))
    ok(run_kg("build", corpus["dir"], "-o", tmp_path / "a.nq", "-q"))
    ok(run_kg("build", str(corpus["dir"]) + "/**/*.txt", "-o", tmp_path / "b.nq", "-q"))
    ok(run_kg("build", *files, "-o", tmp_path / "c.nq", "-q"))
    a = quads(tmp_path / "a.nq")
    assert a == quads(tmp_path / "b.nq") == quads(tmp_path / "c.nq")
    graphs = {str(q.graph_name.value) for q in a}
    assert graphs == {f"{ID}article/synthetic-{i:07d}" for i in range(24)}  # one named graph per article
    # each graph carries its own article's provenance: its NIF context holds that article's text
    ctx = {str(q.graph_name.value): q.object.value for q in a if q.predicate.value.endswith("#isString")}
    assert len(ctx) == 24 and all("Synthetic Wire" in t for t in ctx.values())


def test_jsonl_file_and_stdin_are_the_same_and_keep_metadata(corpus, tmp_path):
    ok(run_kg("build", corpus["jsonl"], "-o", tmp_path / "f.nq", "-q"))
    with open(corpus["jsonl"], "rb") as fh:
        r = subprocess.run([sys.executable, "-m", "kg.cli", "build", "-", "-f", "nquads", "-q"], stdin=fh,
                           capture_output=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    (tmp_path / "s.nq").write_bytes(r.stdout)
    q = quads(tmp_path / "f.nq")
    assert q == quads(tmp_path / "s.nq")
    first = json.loads(corpus["jsonl"].read_text(encoding="utf-8").splitlines()[0])
    art = ox.NamedNode(f"{ID}article/{first['id']}")
    props = {(x.predicate.value.rsplit("/", 1)[-1], x.object.value) for x in q if x.subject == art}
    assert ("headline", first["title"]) in props and ("datePublished", first["date"]) in props
    assert ("url", first["url"]) in props


def test_trig_and_nquads_hold_the_same_quads(corpus, tmp_path):
    ok(run_kg("build", corpus["jsonl"], "-o", tmp_path / "c.trig", "-q"))
    ok(run_kg("build", corpus["jsonl"], "-o", tmp_path / "c.nq", "-q"))
    assert quads(tmp_path / "c.trig", ox.RdfFormat.TRIG) == quads(tmp_path / "c.nq")


def test_a_fact_in_two_articles_is_one_triple_with_evidence_from_each(tmp_path):
    s = "Hamas leader Khalid Mish'al met Lavrov."
    jl = tmp_path / "two.jsonl"
    jl.write_text("".join(json.dumps({"id": i, "text": f"{s}\n\nOther news from {i}.\n"}) + "\n"
                          for i in ("one", "two")), encoding="utf-8")
    r = ok(run_kg("build", jl, "-o", tmp_path / "two.nq"))
    store = ox.Store()
    store.load(path=str(tmp_path / "two.nq"), format=ox.RdfFormat.N_QUADS)
    # issue 17: the summary counts the merged graph: each fact record once, not once per article
    records = {r["f"] for r in store.query("SELECT DISTINCT ?f WHERE { GRAPH ?g { ?f "
                                           "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s } }")}
    assert records and f" {len(records)} facts," in r.stderr, r.stderr
    q = f"""PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX kgo: <{KGO}> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
    SELECT DISTINCT ?fact ?ctx WHERE {{ GRAPH ?g {{
        ?fact rdf:subject <{ID}entity/khalid-mishal> ; rdf:predicate <http://www.w3.org/ns/org#headOf> ;
              rdf:object <{ID}entity/hamas> ; prov:wasGeneratedBy ?f . ?f kgo:evidence/nif:referenceContext ?ctx }} }}"""
    rows = list(store.query(q, use_default_graph_as_union=False))
    assert len({r["fact"] for r in rows}) == 1  # one fact record, shared by both articles
    assert {r["ctx"].value.split("/article/")[1].split("#")[0] for r in rows} == {"one", "two"}
    plain = list(store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{ID}entity/khalid-mishal> "
                             f"<http://www.w3.org/ns/org#headOf> <{ID}entity/hamas> }} }}"))
    assert len(plain) == 2  # the plain triple is in both graphs: one triple in their union
    # the union graph (what `kg build -o x.ttl` writes) has it once
    ok(run_kg("build", jl, "-o", tmp_path / "two.nt", "-q"))
    assert (tmp_path / "two.nt").read_text(encoding="utf-8").count(
        f"<{ID}entity/khalid-mishal> <http://www.w3.org/ns/org#headOf> <{ID}entity/hamas> .") == 1


def test_same_bytes_whatever_the_number_of_workers(corpus, tmp_path):
    for fmt in ("nq", "trig", "ttl"):
        outs = []
        for j in ("1", "2", "3"):
            out = tmp_path / f"j{j}.{fmt}"
            ok(run_kg("build", corpus["dir"], "-o", out, "-j", j, "-q"))
            outs.append(out.read_bytes())
        assert outs[0] == outs[1] == outs[2], fmt


def test_single_article_output_unchanged_by_the_corpus_path(tmp_path, seed_result):
    """The seed built through kg.corpus gives the bytes of the in-memory serialisers."""
    from kg.graph.export import serialize
    b = seed_result.builder
    for fmt, ext in (("turtle", "ttl"), ("trig", "trig"), ("nquads", "nq"), ("nt", "nt")):
        ok(run_kg("build", SEED, "-o", tmp_path / f"s.{ext}", "-q"))
        assert (tmp_path / f"s.{ext}").read_text(encoding="utf-8") == serialize(b.triples, fmt, b.prefixes(),
                                                                               b.by_article), fmt


def test_incremental_rebuild_skips_unchanged_and_redoes_changed(corpus, tmp_path):
    import shutil
    src = tmp_path / "src"
    shutil.copytree(corpus["dir"], src)
    out = tmp_path / "c.nq"
    r = ok(run_kg("build", src, "-o", out))
    assert "unchanged" not in r.stderr and (tmp_path / ".kg" / "c.nq.manifest.jsonl").is_file()
    # issue 17: kg's bookkeeping is in one hidden folder, nothing else beside the output
    assert sorted(x.name for x in tmp_path.iterdir()) == [".kg", "c.nq", "src"]
    assert sorted(x.name for x in (tmp_path / ".kg").iterdir()) == ["c.nq.manifest.jsonl"]
    first = out.read_bytes()
    r = ok(run_kg("build", src, "-o", out))
    assert "24 unchanged" in r.stderr and out.read_bytes() == first
    art = src / "synthetic-0000005.txt"
    art.write_text(art.read_text(encoding="utf-8").replace("Synthetic Wire) --", "Synthetic Wire) -- Meshaal met Lavrov in Moscow.", 1),
                   encoding="utf-8")
    r = ok(run_kg("build", src, "-o", out))
    assert "23 unchanged" in r.stderr
    ok(run_kg("build", src, "-o", tmp_path / "fresh.nq", "--force"))
    assert out.read_bytes() == (tmp_path / "fresh.nq").read_bytes() != first
    r = ok(run_kg("build", src, "-o", out, "--force"))
    assert "unchanged" not in r.stderr
    # a change to the rules redoes everything
    data = tmp_path / "pack"
    shutil.copytree(ROOT / "data", data)
    rf = sorted((data / "rules").glob("*.yaml"))[0]
    rf.write_text(rf.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    r = ok(run_kg("build", src, "-o", out, "--data", data))
    assert "unchanged" not in r.stderr


def test_bad_articles_are_reported_and_skipped(corpus, tmp_path):
    import shutil
    src = tmp_path / "src"
    shutil.copytree(corpus["dir"], src)
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (src / "latin1.txt").write_bytes("Lavrov met Meshaal. Caf\u00e9".encode("latin-1"))
    (src / "feed.jsonl").write_text('{"id": "ok-1", "text": "Lavrov met Meshaal in Moscow."}\n{"id": "broken", \n'
                                    '{"text": "no id"}\n', encoding="utf-8")
    out = tmp_path / "c.nq"
    r = run_kg("build", src, "-o", out)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert any("binary.txt: binary file" in x for x in lines)
    assert any("latin1.txt:1: not valid UTF-8" in x for x in lines)
    assert any("feed.jsonl:2: invalid JSON" in x for x in lines)
    assert any("feed.jsonl:3: no article id" in x for x in lines)
    assert lines[-1].startswith("kg: 25 article(s)") and "4 failed" in lines[-1]
    graphs = {str(q.graph_name.value) for q in quads(out)}
    assert len(graphs) == 25 and f"{ID}article/ok-1" in graphs
    # failures are not remembered as done: the next run retries them (and skips the rest)
    r = run_kg("build", src, "-o", out)
    assert r.returncode == 1 and "25 unchanged" in r.stderr and "4 failed" in r.stderr


def test_duplicate_ids_keep_the_first(tmp_path):
    jl = tmp_path / "d.jsonl"
    jl.write_text("".join(json.dumps({"id": "same", "text": t}) + "\n" for t in
                          ("Lavrov met Meshaal in Moscow.", "Putin met Meshaal.")), encoding="utf-8")
    r = run_kg("build", jl, "-o", tmp_path / "d.nq")
    assert r.returncode == 1 and "d.jsonl:2: duplicate article id 'same'" in r.stderr, r.stderr


def _leftovers(folder: Path) -> list[str]:
    """Hidden files a build left beside its outputs: only manifests may stay (in .kg/)."""
    out = [x.name for x in folder.iterdir() if x.name.startswith(".") and x.name != ".kg"]
    kg = folder / ".kg"
    return out + ([f".kg/{x.name}" for x in kg.iterdir() if not x.name.endswith(".manifest.jsonl")] if kg.is_dir() else [])


def _journal_lines(out: Path) -> int:
    j = out.parent / ".kg" / f"{out.name}.journal"
    return j.read_text(encoding="utf-8").count("\n") if j.exists() else 0


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_killed_run_leaves_old_output_and_resumes(tmp_path, fmt):
    src = tmp_path / "big.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in generate(60, seed=9)), encoding="utf-8")
    ok(run_kg("build", src, "-o", tmp_path / f"ref.{fmt}", "-q", "-j", "2"))
    out = tmp_path / f"out.{fmt}"
    out.write_text("previous output\n", encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(out), "-j", "2"],
                         cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while _journal_lines(out) < 10 and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert p.poll() is None, "the build finished before it could be killed; make the corpus bigger"
    os.killpg(p.pid, signal.SIGKILL)  # the whole job: main process and workers
    p.wait()
    assert out.read_text(encoding="utf-8") == "previous output\n"  # never half a file
    r = ok(run_kg("build", src, "-o", out, "-j", "2"))
    assert " unchanged" in r.stderr  # resumed: the journaled articles were not redone
    assert out.read_bytes() == (tmp_path / f"ref.{fmt}").read_bytes()
    assert _leftovers(tmp_path) == []


def test_progress_is_silent_when_not_a_terminal(corpus, tmp_path):
    r = ok(run_kg("build", corpus["jsonl"], "-o", tmp_path / "c.nq"))
    assert r.stderr.count("\n") == 1 and "\r" not in r.stderr


def test_progress_on_a_terminal(corpus, tmp_path):
    import pty
    pid, fd = pty.fork()
    if pid == 0:  # child: stderr is the terminal
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "kg.cli", "build", str(corpus["jsonl"]), "-o",
                                  str(tmp_path / "p.nq"), "-j", "1", "--force"])
    out = b""
    while True:
        try:
            b = os.read(fd, 4096)
        except OSError:
            break
        if not b:
            break
        out += b
    os.waitpid(pid, 0)
    text = out.decode("utf-8", "replace")
    assert "24 article(s)" in text
    # the first article always draws the line (later ones at most every 0.1 s); close() erases it
    # on screen, but its bytes went through the terminal
    assert re.search(r"kg: \d+/24 articles +[\d,]+/s +ETA \d+:\d\d:\d\d", text), text


def test_dask_local_cluster_gives_the_same_quads(corpus, tmp_path):
    pytest.importorskip("dask.distributed")
    ok(run_kg("build", corpus["jsonl"], "-o", tmp_path / "local.nq", "-q", "-j", "1"))
    r = ok(run_kg("build", corpus["jsonl"], "-o", tmp_path / "dask.nq", "-q", "-j", "2", "--dask", "local"))
    assert (tmp_path / "dask.nq").read_bytes() == (tmp_path / "local.nq").read_bytes(), r.stderr


def test_dask_is_not_imported_without_dask(tmp_path):
    code = ("import sys; from kg.cli import main; sys.argv=['kg','build',%r,'-q','-o',%r]\n"
            "try: main()\nexcept SystemExit: pass\nassert 'dask' not in sys.modules and 'distributed' not in sys.modules"
            % (str(SEED), str(tmp_path / "x.nq")))
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


def test_bad_inputs_stop_everything(tmp_path):
    (tmp_path / "empty").mkdir()
    for args, needle in ((["nope.txt"], "no such file"), ([str(tmp_path / "empty")], "no articles in folder"),
                         ([str(tmp_path / "*.none")], "no files match"), (["--dask", "tcp://127.0.0.1:9"], "Dask")):
        r = run_kg("build", SEED, *args) if args[0] == "--dask" else run_kg("build", *args)
        assert r.returncode == 2 and r.stderr.startswith("kg: error: ") and needle in r.stderr, r.stderr


# -- into an Oxigraph store ----------------------------------------------------------------------

def store_quads(db: Path) -> tuple[set[ox.Quad], set[ox.Triple]]:
    """The named-graph quads of a store on disk, and its default graph (kept as their union)."""
    st = ox.Store.read_only(str(db))
    dg = ox.DefaultGraph()
    named = {q for q in st.quads_for_pattern(None, None, None, None) if q.graph_name != dg}
    default = {q.triple for q in st.quads_for_pattern(None, None, None, dg)}
    return named, default


def test_store_streams_the_corpus_paths_and_holds_the_nquads(corpus, tmp_path):
    """--store goes through the corpus path: folders and JSON Lines, one named graph per article,
    the same quads as the N-Quads output, the default graph their union; with -o both are written."""
    ok(run_kg("build", corpus["dir"], "-o", tmp_path / "dir.nq", "-q"))
    ref = quads(tmp_path / "dir.nq")
    r = ok(run_kg("build", corpus["dir"], "--store", f"oxigraph:{tmp_path / 'a'}", "-j", "2"))
    assert "24 graph(s) into" in r.stderr and r.stdout == ""
    assert store_quads(tmp_path / "a") == (ref, {q.triple for q in ref})
    ok(run_kg("build", corpus["jsonl"], "-o", tmp_path / "ref.nq", "-q"))
    ref = quads(tmp_path / "ref.nq")
    union = {q.triple for q in ref}
    ok(run_kg("build", corpus["jsonl"], "--store", f"oxigraph:{tmp_path / 'b'}", "-o", tmp_path / "b.nq", "-q"))
    assert store_quads(tmp_path / "b") == (ref, union) and quads(tmp_path / "b.nq") == ref
    r = ok(run_kg("build", corpus["jsonl"], "--store", f"oxigraph:{tmp_path / 'b'}"))
    assert "0 graph(s) into" in r.stderr and "24 unchanged" in r.stderr  # incremental, like the file


def test_store_rebuild_replaces_changed_articles(corpus, tmp_path):
    import shutil
    src, db = tmp_path / "src", tmp_path / "db"
    shutil.copytree(corpus["dir"], src)
    ok(run_kg("build", src, "--store", f"oxigraph:{db}", "-q"))
    art = src / "synthetic-0000005.txt"
    old = art.read_text(encoding="utf-8")
    art.write_text(old.replace("Synthetic Wire) --", "Synthetic Wire) -- Meshaal met Lavrov in Moscow.", 1),
                   encoding="utf-8")
    r = ok(run_kg("build", src, "--store", f"oxigraph:{db}", "-j", "2"))
    assert "1 graph(s) into" in r.stderr and "23 unchanged" in r.stderr
    ok(run_kg("build", src, "-o", tmp_path / "new.nq", "-q"))
    new = quads(tmp_path / "new.nq")
    named, default = store_quads(db)
    assert named == new and default == {q.triple for q in new}  # the old text left the union
    assert not any(q.object.value == old for q in named if isinstance(q.object, ox.Literal))
    r = ok(run_kg("build", src, "--store", f"oxigraph:{db}", "--force"))
    assert "24 graph(s) into" in r.stderr and store_quads(db) == (new, default)
    assert len((db / "kg-manifest.jsonl").read_text(encoding="utf-8").splitlines()) == 24  # compacted


def test_killed_store_build_resumes(tmp_path):
    src, db = tmp_path / "big.jsonl", tmp_path / "db"
    src.write_text("".join(json.dumps(a) + "\n" for a in generate(60, seed=9)), encoding="utf-8")
    ok(run_kg("build", src, "-o", tmp_path / "ref.nq", "-q", "-j", "2"))
    p = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(src), "--store", f"oxigraph:{db}", "-j", "2"],
                         cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    man, deadline = db / "kg-manifest.jsonl", time.monotonic() + 120
    while (not man.is_file() or man.read_bytes().count(b"\n") < 10) and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert p.poll() is None, "the build finished before it could be killed; make the corpus bigger"
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    r = ok(run_kg("build", src, "--store", f"oxigraph:{db}", "-j", "2"))
    assert " unchanged" in r.stderr  # the recorded articles were not redone
    ref = quads(tmp_path / "ref.nq")
    assert store_quads(db) == (ref, {q.triple for q in ref})


# -- two builds at once --------------------------------------------------------------------------

def test_a_second_build_of_the_same_output_or_store_stops_at_once(tmp_path):
    src = tmp_path / "big.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in generate(300, seed=5)), encoding="utf-8")
    out, db = tmp_path / "c.nq", tmp_path / "db"
    cmd = [sys.executable, "-m", "kg.cli", "build", str(src), "-j", "1", "-q"]
    first = [subprocess.Popen(cmd + ["-o", str(out)], cwd=ROOT, stderr=subprocess.PIPE, text=True),
             subprocess.Popen(cmd + ["--store", f"oxigraph:{db}"], cwd=ROOT, stderr=subprocess.PIPE, text=True)]
    try:
        deadline = time.monotonic() + 120  # both are writing once their journals have a line
        while (_journal_lines(out) < 1 or not (db / "kg-manifest.jsonl").is_file()
               or not (db / "kg-manifest.jsonl").read_bytes()) and time.monotonic() < deadline:
            assert all(p.poll() is None for p in first), "a first build ended early"
            time.sleep(0.02)
        for p, target, args in ((first[0], out, ["-o", out]), (first[1], db, ["--store", f"oxigraph:{db}"])):
            r = run_kg("build", src, *args)
            assert p.poll() is None, "the first build finished before the second started; make the corpus bigger"
            assert r.returncode == 2 and r.stderr == f"kg: error: another kg build is writing {target} (pid {p.pid})\n"
        for p in first:
            assert p.wait(300) == 0, p.stderr.read() if p.stderr else ""
    finally:
        for p in first:
            if p.poll() is None:
                p.kill()
                p.wait()
            if p.stderr:
                p.stderr.close()
    # the first builds were not disturbed, and the lock files are gone
    assert len({q.graph_name for q in quads(out)}) == 300
    r = ok(run_kg("build", src, "-o", out, "--store", f"oxigraph:{db}"))
    assert "300 unchanged" in r.stderr and "0 graph(s) into" in r.stderr
    assert _leftovers(tmp_path) == []


# -- a Dask cluster of separate processes on loopback --------------------------------------------

def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dask_cluster_of_separate_processes_gives_the_same_quads(corpus, tmp_path):
    """`dask scheduler` and two `dask worker` processes, as on a real cluster (but on 127.0.0.1):
    kg build --dask tcp://... writes the bytes of a local build."""
    pytest.importorskip("distributed")
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    dask = [sys.executable, "-m", "dask"]
    common = dict(cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    procs = [subprocess.Popen(dask + ["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              **common)]
    try:
        procs += [subprocess.Popen(dask + ["worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                                           "--host", "127.0.0.1", "--name", f"w{i}",
                                           "--local-directory", str(tmp_path / f"w{i}")], **common) for i in (1, 2)]
        with Client(address, timeout="60s") as client:  # the scheduler is up once this connects
            client.wait_for_workers(2, timeout=90)
        ok(run_kg("build", corpus["jsonl"], "-o", tmp_path / "local.nq", "-q", "-j", "1"))
        r = ok(run_kg("build", corpus["jsonl"], "-o", tmp_path / "dask.nq", "-j", "2", "--dask", address))
        assert "24 article(s)" in r.stderr
        assert (tmp_path / "dask.nq").read_bytes() == (tmp_path / "local.nq").read_bytes()
    finally:
        for p in reversed(procs):  # workers first, then the scheduler; each with its children
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
                try:
                    p.wait(20)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait(10)


def test_a_slow_article_fails_alone_under_the_article_time_limit(tmp_path):
    """Issue 18, item 7: a corpus build gives up on an article that takes too long (a failed
    article, not a hung run) and builds the rest."""
    seed = (ROOT / "data" / "articles" / "rferl-2006-03-03-hamas-moscow.txt").read_text(encoding="utf-8")
    src = tmp_path / "in"
    src.mkdir()
    (src / "big.txt").write_text("Big report\n\n" + "\n\n".join([seed.split("\n\n", 1)[1]] * 60), encoding="utf-8")
    (src / "small.txt").write_text("Talks\n\nLavrov met Meshaal in Moscow.\n", encoding="utf-8")
    out = tmp_path / "out.nq"
    r = run_kg("build", src, "-o", out, "-j", "1", "--article-timeout", "0.5")
    assert r.returncode == 1, r.stderr
    assert "big.txt" in r.stderr and "took longer than 0.5 s" in r.stderr, r.stderr
    assert "small" in out.read_text(encoding="utf-8")
    ok = run_kg("build", src / "small.txt", "-o", tmp_path / "small.ttl", "--article-timeout", "0")
    assert ok.returncode == 0, ok.stderr
