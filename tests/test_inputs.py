"""Real articles in (issue 16): saved web pages, RSS/Atom feeds and WARC web archives, language,
and bad input; disk full during a corpus write (issue 18, item 11). Real `kg` processes on the
real pages and feed of tests/data/ (see its README for where each comes from)."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from .conftest import ROOT, run_kg

DATA = Path(__file__).parent / "data"
VOA = DATA / "pages" / "voa-2007-02-22-hamas-leader-to-visit-moscow.html"
BBC = DATA / "pages" / "bbc-2006-03-04-hamas-hails-breakthrough-visit.html"
FEED = DATA / "feeds" / "bbc-news-world-2017-01-20.rss"
SCHEMA = "http://schema.org/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
VOA_FIRST = ("Russia says Khaled Mashaal, the political chief of the Islamic militant group Hamas, will visit "
             "Moscow beginning on Sunday.")
BBC_FIRST = ("Members of the Palestinian militant group Hamas have called their visit to Moscow an \"important "
             "breakthrough\" amid US attempts to isolate the group.")
# a real German article's first lines: https://www.wiwo.de/politik/ausland/gewalt-in-israel-putin-us-politik-im-nahen-osten-gescheitert/29438702.html
GERMAN = ("Russland hat nach Angaben des Außenministeriums in Moskau auch Kontakte zur Hamas, die von den USA, der EU "
          "und Israel als Terrororganisation eingestuft wird. So führte etwa der Nahost-Beauftragte des Kreml, "
          "Vizeaußenminister Michail Bogdanow, mehrfach in diesem Jahr Gespräche mit Hamas-Vertretern - am Telefon "
          "und bei persönlichen Begegnungen.\n")


def ok(r: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    return r


def store_of(path: Path) -> ox.Store:
    st = ox.Store()
    fmt = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}.get(path.suffix, ox.RdfFormat.TURTLE)
    st.load(path=str(path), format=fmt)
    return st


def articles(st: ox.Store) -> dict[str, dict[str, str]]:
    """Each article's headline, date, publisher, url, and its first body sentence with offsets."""
    q = f"""PREFIX schema: <{SCHEMA}> PREFIX nif: <{NIF}>
    SELECT ?a ?p ?o WHERE {{ ?a a schema:NewsArticle ; ?p ?o }}"""
    out: dict[str, dict[str, str]] = {}
    for r in st.query(q, use_default_graph_as_union=True):
        out.setdefault(r["a"].value, {})[r["p"].value.rsplit("/", 1)[-1]] = r["o"].value
    return out


def first_sentence(st: ox.Store) -> tuple[int, int, str, str]:
    """(begin, end, text, the context's text) of the body sentence that starts earliest."""
    q = f"""PREFIX nif: <{NIF}> PREFIX kgo: <https://w3id.org/kg-news/ontology#>
    SELECT ?b ?e ?t ?ctx WHERE {{ ?s a nif:Sentence ; nif:beginIndex ?b ; nif:endIndex ?e ;
        nif:anchorOf ?t ; kgo:segment "body" ; nif:referenceContext ?c . ?c nif:isString ?ctx }}
    ORDER BY ?b LIMIT 1"""
    (r,) = list(st.query(q, use_default_graph_as_union=True))
    return int(r["b"].value), int(r["e"].value), r["t"].value, r["ctx"].value


def test_saved_page_main_text_metadata_and_offsets(tmp_path):
    out = tmp_path / "voa.ttl"
    r = ok(run_kg("build", VOA, "-o", out))
    st = store_of(out)
    ((iri, a),) = articles(st).items()
    assert a["headline"] == "Hamas Leader to Visit Moscow"
    assert a["datePublished"] == "2007-02-22"  # htmldate, from the page's address
    assert a["url"] == "http://www.voanews.com/a/a-13-2007-02-22-voa56/336992.html"
    assert a["publisher"] in ("Voice of America", "https://w3id.org/kg-news/id/entity/voice-of-america"), a

    b, e, text, ctx = first_sentence(st)
    assert text == VOA_FIRST and ctx[b:e] == VOA_FIRST and (b, e) == (ctx.index(VOA_FIRST), ctx.index(VOA_FIRST) + len(VOA_FIRST))
    # boilerplate yields no facts: navigation, related links and the footer are not in the graph's text
    for junk in ("Subscribe", "Privacy policy", "Most popular", "Quartet meets in Berlin", "XS SM MD LG"):
        assert junk not in ctx
    assert "no date found" not in r.stderr


def test_page_by_htm_suffix_and_by_content(tmp_path):
    shutil.copy(BBC, tmp_path / "bbc.htm")
    shutil.copy(BBC, tmp_path / "saved-page")  # no suffix: sniffed as HTML
    outs = []
    for f in ("bbc.htm", "saved-page"):
        outs.append(tmp_path / f"{f}.nt")
        ok(run_kg("build", tmp_path / f, "-o", outs[-1]))
    st = store_of(outs[0])
    (a,) = articles(st).values()
    assert a["headline"] == "Hamas hails 'breakthrough' visit" and a["datePublished"] == "2006-03-04"
    assert a["url"] == "http://news.bbc.co.uk/2/hi/middle_east/4773594.stm"
    assert first_sentence(st)[2] == BBC_FIRST  # the table layout of 2006 read as paragraphs, latin-1 decoded
    st2 = store_of(outs[1])  # the same article (its id is the file's name)
    (a2,) = articles(st2).values()
    assert a2["headline"] == a["headline"] and first_sentence(st2) == first_sentence(st)


def test_feed_items_are_articles(tmp_path):
    out = tmp_path / "feed.nq"
    r = ok(run_kg("build", FEED, "-o", out, "-j", "2"))
    assert "3 article(s)" in r.stderr
    arts = articles(store_of(out))
    by_url = {a["url"]: a for a in arts.values()}
    a = by_url["http://www.bbc.co.uk/news/world-africa-38686144"]
    assert a["headline"] == "Gambia crisis: Jammeh given last chance to resign as troops close in"
    assert a["datePublished"] == "2017-01-20"
    assert a["publisher"] == "BBC News - World"  # the feed's title
    st = store_of(out)
    q = f"""PREFIX nif: <{NIF}> PREFIX schema: <{SCHEMA}> PREFIX kgo: <https://w3id.org/kg-news/ontology#>
    SELECT ?b ?e ?t WHERE {{ GRAPH ?g {{ ?s nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?t ; kgo:segment "body" ;
        nif:referenceContext ?c . ?c nif:isString ?ctx . FILTER(CONTAINS(?ctx, "Gambia crisis")) }} }}"""
    (row,) = list(st.query(q, use_default_graph_as_union=False))
    title = "Gambia crisis: Jammeh given last chance to resign as troops close in"
    first = "Regional leaders are in Gambia to persuade Yahya Jammeh to transfer power to his successor."
    assert row["t"].value == first and int(row["b"].value) == len(title) + 2
    # the manifest and the store work for feed items like any corpus input
    r = ok(run_kg("build", FEED, "-o", out, "--store", f"oxigraph:{tmp_path / 'db'}"))
    assert "3 unchanged" in r.stderr and "3 graph(s) into" in r.stderr
    assert (tmp_path / ".kg" / "feed.nq.manifest.jsonl").is_file()


def write_warc(path: Path, pages: list[tuple[Path, str]], cut: int = 0) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=path.suffix == ".gz")
    for page, url in pages:
        h = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        rec = w.create_warc_record(url, "response", payload=io.BytesIO(page.read_bytes()), http_headers=h)
        w.write_record(rec)
        rec.raw_stream.close()  # warcio buffers the payload in a temporary file
    data = buf.getvalue()
    path.write_bytes(data[: len(data) - cut] if cut else data)


def test_warc_records_are_articles_whatever_the_workers(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [(VOA, "http://www.voanews.com/a/a-13-2007-02-22-voa56/336992.html"),
                      (BBC, "http://news.bbc.co.uk/2/hi/middle_east/4773594.stm")])
    ok(run_kg("build", warc, "-o", tmp_path / "j1.nq", "-j", "1", "-q"))
    r = ok(run_kg("build", warc, "-o", tmp_path / "j2.nq", "-j", "2"))
    assert "2 article(s)" in r.stderr
    assert (tmp_path / "j1.nq").read_bytes() == (tmp_path / "j2.nq").read_bytes()
    arts = {a["url"]: a for a in articles(store_of(tmp_path / "j1.nq")).values()}
    assert arts["http://news.bbc.co.uk/2/hi/middle_east/4773594.stm"]["datePublished"] == "2006-03-04"
    assert arts["http://www.voanews.com/a/a-13-2007-02-22-voa56/336992.html"]["headline"] == "Hamas Leader to Visit Moscow"
    r = ok(run_kg("build", warc, "--store", f"oxigraph:{tmp_path / 'db'}"))
    assert "2 graph(s) into" in r.stderr


def test_a_language_the_pack_does_not_declare_is_skipped(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "de.txt").write_text(GERMAN, encoding="utf-8")
    shutil.copy(VOA, src / "voa.html")
    r = run_kg("build", src, "-o", tmp_path / "c.nq")
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert "de.txt: the article is in language 'de' (detected)" in r.stderr
    assert "1 article(s)" in r.stderr and "1 failed" in r.stderr
    # a pack that declares German reads it
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "data", pack)
    lay = pack / "layout.yaml"
    lay.write_text(lay.read_text(encoding="utf-8").replace("languages: [en]", "languages: [en, de]"), encoding="utf-8")
    ok(run_kg("build", src, "-o", tmp_path / "d.nq", "--data", pack))


def test_bad_inputs_are_reported_one_line_each_and_the_rest_builds(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(VOA, src / "good.html")
    shutil.copy(DATA / "pages" / "boilerplate-only.html", src / "nav.html")
    (src / "empty.rss").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing</title>'
                                   "<link>http://example.org/</link></channel></rss>\n", encoding="utf-8")
    write_warc(src / "cut.warc", [(VOA, "http://example.org/a"), (BBC, "http://example.org/b")], cut=500)
    (src / "big.html").write_bytes(VOA.read_bytes() * 3)  # over --max-bytes below
    (src / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out = tmp_path / "c.nq"
    r = run_kg("build", src, "-o", out, "--max-bytes", str(len(VOA.read_bytes()) * 2))
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert sum(x.startswith("kg: skipped") for x in lines) == 5, lines
    assert any("nav.html: no main text in this page" in x for x in lines)
    assert any("empty.rss: the feed has no items" in x for x in lines)
    assert any("cut.warc#record2: truncated record" in x for x in lines)
    assert any("big.html: file is" in x and "over the limit" in x for x in lines)
    assert any("photo.html: binary file" in x for x in lines)
    assert "2 article(s)" in lines[-1] and "5 failed" in lines[-1]  # good.html and the archive's first record
    assert len({q.graph_name for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)}) == 2
    assert [x.name for x in tmp_path.iterdir()] != [] and not any(
        x.name.endswith((".partial", ".journal", ".lock")) for x in (tmp_path / ".kg").iterdir())


def _fsize_limit(n: int):
    def set_limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
    return set_limit


def test_disk_full_during_a_corpus_write_leaves_nothing_partial(tmp_path):
    """Issue 18, item 11: a file size limit (as a full disk) stops the N-Quads write: one line,
    exit 2, the previous output untouched, no partial file, no journal, no stale lock."""
    from .bench.gen_corpus import generate

    src = tmp_path / "big.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in generate(40, seed=3)), encoding="utf-8")
    out = tmp_path / "c.nq"
    out.write_text("previous output\n", encoding="utf-8")
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(out), "-j", "1", "-q"],
                       capture_output=True, text=True, cwd=ROOT, env=env, preexec_fn=_fsize_limit(64_000), timeout=300)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith(f"kg: error: {out}: cannot write: File too large") and r.stderr.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "previous output\n"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["big.jsonl", "c.nq"]  # no .kg/ left at all


def test_disk_full_inside_the_build_lock_leaves_no_stale_lock(tmp_path):
    out = tmp_path / "c.nq"
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(ROOT / "data" / "articles"), "-o", str(out)],
                       capture_output=True, text=True, cwd=ROOT, env=env, preexec_fn=_fsize_limit(0), timeout=300)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert "cannot write: File too large" in r.stderr
    assert list(tmp_path.iterdir()) == []  # no lock, no .kg/, no output
