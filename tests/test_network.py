"""The network view of the seed graph: projection, exports that Gephi/Cytoscape read, the picture,
the offline page in a real browser, and `kg network` / `kg stats`."""
from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, URIRef

from .browser import artifact_path, chromium, console_errors
from .conftest import ROOT, SEED, run_kg

ENT = "https://w3id.org/kg-news/id/entity/"
ORG = "http://www.w3.org/ns/org#"
KGO = "https://w3id.org/kg-news/ontology#"
MISHAL, HAMAS, LAVROV, QUARTET = (ENT + x for x in ("khalid-mishal", "hamas", "sergei-lavrov", "middle-east-quartet"))
LEADER_SENTENCE = "The six-member delegation, led by the movement’s top leader, Khalid Mish'al,"
NON_ACTOR_TYPES = {KGO + "RuleFiring", KGO + "Rule", "http://schema.org/NewsArticle", "http://schema.org/ImageObject",
                   "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Sentence",
                   "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context",
                   "http://www.w3.org/2004/02/skos/core#Concept"}

# A claimed fact, a negated event and a conditional fact, in kg's model (records and nodes, no plain
# triple), added to the seed graph: the seed's rules may or may not produce such facts today.
MARKED_TTL = f"""
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix kgo: <{KGO}> .
@prefix org: <{ORG}> .
@prefix ent: <{ENT}> .
@prefix ex: <https://w3id.org/kg-news/id/> .
@prefix schema: <http://schema.org/> .
ex:fact-claim rdf:subject ent:israel ; rdf:predicate kgo:killed ; rdf:object ent:yasser-arafat ;
    kgo:factuality kgo:Claimed ; kgo:claimedBy ent:khalid-mishal .
ex:node-neg a kgo:Designation ; kgo:factuality kgo:Asserted ; kgo:polarity kgo:Negative ;
    kgo:holder ent:russia ; kgo:designee ent:hamas .
ex:fact-if rdf:subject ent:hamas ; rdf:predicate kgo:recognizes ; rdf:object ent:israel ;
    kgo:factuality kgo:Hypothetical ; kgo:condition "if Israel withdraws" .
"""


@pytest.fixture(scope="module")
def seed_graph(seed_result) -> Graph:
    return seed_result.graph


@pytest.fixture(scope="module")
def G(seed_graph):
    import kg

    return kg.network(seed_graph)


@pytest.fixture(scope="module")
def seed_ttl(tmp_path_factory, seed_turtle) -> Path:
    p = tmp_path_factory.mktemp("net") / "seed.ttl"
    p.write_text(seed_turtle, encoding="utf-8")
    return p


def assert_actor(g: Graph, n: str, d: dict) -> None:
    """An entity, or a node a rule minted for a collective actor (a delegation); never a firing,
    rule, sentence, article, fact record, event or ontology term."""
    assert n.startswith(ENT) or d["category"] in ("group", "organisation", "body", "person"), n
    assert (URIRef(n), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"), None) not in g
    assert not n.startswith(KGO)


def edges_between(G, a: str, b: str) -> list[dict]:
    return [d for s, o, d in G.edges(data=True) if {s, o} == {a, b}]


# -- projection --------------------------------------------------------------------------------

def test_nodes_are_actors_with_their_attributes(G, seed_graph):
    assert G.number_of_nodes() >= 8
    for n, d in G.nodes(data=True):
        assert_actor(seed_graph, n, d)
        types = {str(t) for t in seed_graph.objects(URIRef(n), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))}
        assert types and not types & NON_ACTOR_TYPES
        assert d["iri"] == n and d["label"] and d["type"] and d["degree"] == G.degree(n)
        assert d["degree"] >= 1 or d["_solo"]  # kept for a relation, or for a statement of its own
        assert isinstance(d["betweenness"], float) and isinstance(d["community"], int)
    assert G.nodes[MISHAL]["label"] == "Khalid Mish'al" and G.nodes[MISHAL]["type"] == "Person"
    assert G.nodes[HAMAS]["type"] == "Organization"


def test_a_fact_edge_carries_predicate_label_and_evidence(G):
    text = SEED.read_text(encoding="utf-8")
    heads = [d for s, o, d in G.edges(data=True) if (s, o) == (MISHAL, HAMAS) and d["predicate"] == ORG + "headOf"]
    assert len(heads) == 1
    d = heads[0]
    assert d["label"] == "head of" and d["factuality"] == "asserted" and d["negated"] is False
    assert LEADER_SENTENCE in d["sentences"]
    assert d["rules"] and all(re.fullmatch(r"[\w.-]+", r) for r in d["rules"].split())
    ev = [e for e in d["_evidence"] if LEADER_SENTENCE in e["text"]]
    assert ev and text[ev[0]["begin"]:ev[0]["end"]] == ev[0]["text"]  # offsets index the article exactly
    assert ev[0]["sentence"] in d["evidence"].split()


def test_folded_events_join_their_actors(G, seed_graph):
    members = {o for s, o, d in G.edges(data=True) if s == QUARTET and d["predicate"] == ORG + "hasMember"}
    assert members == {ENT + x for x in ("russia", "united-states", "european-union", "united-nations")}
    met = [d for d in edges_between(G, MISHAL, LAVROV) if d["kind"] == "event"]
    assert met, "the delegation's talks with Lavrov are an edge between Mish'al and Lavrov"
    urged = [d for s, o, d in G.edges(data=True) if (s, o) == (QUARTET, HAMAS) and d["kind"] == "event"]
    assert urged, "the Quartet urged Hamas: speaker -> addressee"
    for d in urged:  # a speech act reads as the text's verb, its class stays in event_type and predicate
        cue = [str(c) for c in seed_graph.objects(URIRef(d["event"]), URIRef(KGO + "cue"))]
        assert d["relation"] == (min(cue) if cue else d["event_type"]) and d["predicate"].startswith(KGO)
    for s, o, d in G.edges(data=True):
        if d["kind"] != "event":
            continue
        node = URIRef(d["event"])
        assert (node, URIRef(KGO + "factuality"), None) in seed_graph  # an n-ary node of the graph ...
        around = {str(x) for x in seed_graph.objects(node, None)} | {str(x) for x in seed_graph.subjects(None, node)}
        assert s in around and o in around  # ... whose roles the edge joins
        assert d["evidence"] and d["rules"]


def test_unfolded_keeps_events_as_nodes(seed_graph, G):
    import kg

    H = kg.network(seed_graph, fold=False)
    # the events and statements, found in the RDF (not in the network): nodes under node/ with a
    # factuality and at least one role (not the claim's holder) filled by an actor of the network
    # whose class is an event or a speech act in the ontology
    onto = Graph()
    for f in sorted((ROOT / "ontology").glob("*.ttl")):
        onto.parse(f)
    sub = URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")
    kinds = set(onto.transitive_subjects(sub, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event")))
    kinds |= set(onto.transitive_subjects(sub, URIRef(KGO + "SpeechAct")))
    kinds -= {URIRef(KGO + "CodedEvent")}  # the CAMEO coding restates the rules' events: left out unless asked for
    not_roles = {URIRef(KGO + "claimedBy"), URIRef(KGO + "reportedIn")}
    events = {str(s) for s in seed_graph.subjects(URIRef(KGO + "factuality"), None)
              if set(seed_graph.objects(s, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))) & kinds
              and (s, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(KGO + "CodedEvent")) not in seed_graph
              and any(str(o) in G for p, o in seed_graph.predicate_objects(s) if p not in not_roles)}
    assert len(events) >= 10
    assert events <= set(H.nodes), sorted(events - set(H.nodes))[:5]
    for n in events:
        assert H.nodes[n]["category"] in ("event", "statement"), (n, H.nodes[n]["category"])
        assert H.degree(n) >= 1 and H.nodes[n]["label"]
    assert not any(d["kind"] == "event" for _, _, d in H.edges(data=True))  # nothing folded
    assert set(G.nodes) <= set(H.nodes)


def test_claims_negations_and_conditions_are_marked_never_plain(seed_graph):
    import kg

    g = Graph()
    for t in seed_graph:
        g.add(t)
    g.parse(data=MARKED_TTL, format="turtle")
    H = kg.network(g)
    claim = [d for d in edges_between(H, ENT + "israel", ENT + "yasser-arafat") if d["event"].endswith("/fact-claim")]
    assert [(d["factuality"], d["claimed_by"], d["label"]) for d in claim] == [("claimed", "Khalid Mish'al", "claim: killed")]
    neg = [d for d in edges_between(H, ENT + "russia", HAMAS) if d["predicate"] == KGO + "Designation"]
    assert [(d["negated"], d["label"]) for d in neg if d["event"].endswith("/node-neg")] == [(True, "not designation")]
    assert all(d["negated"] and d["label"].startswith("not ") for d in neg)  # Russia does not regard Hamas so
    cond = [d for d in edges_between(H, HAMAS, ENT + "israel") if d["event"].endswith("/fact-if")]
    assert [(d["factuality"], d["condition"], d["label"]) for d in cond] == [
        ("hypothetical", "if Israel withdraws", "if: recognizes")]
    # every edge's marks agree with the graph: an unmarked edge is backed by an asserted, positive record or node
    for _, _, d in H.edges(data=True):
        if d["factuality"] == "asserted" and not d["negated"] and d["event"]:
            node = URIRef(d["event"])
            assert (node, URIRef(KGO + "factuality"), URIRef(KGO + "Asserted")) in g
            assert (node, URIRef(KGO + "polarity"), URIRef(KGO + "Negative")) not in g
    plain = kg.network(g, asserted_only=True)
    assert all(d["factuality"] == "asserted" and not d["negated"] for _, _, d in plain.edges(data=True))
    assert not [d for d in edges_between(plain, ENT + "israel", ENT + "yasser-arafat") if d["predicate"] == KGO + "killed"]


def test_type_and_predicate_filters(seed_graph):
    import kg

    people = kg.network(seed_graph, types=["Person"])
    assert people.number_of_nodes() >= 2 and all(d["type"] == "Person" for _, d in people.nodes(data=True))
    orgs = kg.network(seed_graph, types=["schema:Organization"])  # GovernmentOrganization is below it
    assert {d["type"] for _, d in orgs.nodes(data=True)} >= {"Organization"}
    assert "Person" not in {d["type"] for _, d in orgs.nodes(data=True)}
    heads = kg.network(seed_graph, predicates=["org:headOf"])
    assert {(s, o) for s, o in heads.edges()} >= {(MISHAL, HAMAS)}
    assert {d["predicate"] for _, _, d in heads.edges(data=True)} == {ORG + "headOf"}
    everyone = kg.network(seed_graph, isolated=True)
    assert everyone.number_of_nodes() > kg.network(seed_graph).number_of_nodes()
    for n, d in everyone.nodes(data=True):
        assert_actor(seed_graph, n, d)


def test_import_kg_stays_light_and_kg_network_is_callable():
    code = ("import sys, kg; assert 'networkx' not in sys.modules and 'matplotlib' not in sys.modules; "
            "import kg.network; assert callable(kg.network) and callable(kg.network.network); print('ok')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


# -- exports -------------------------------------------------------------------------------------

def _same(a: dict, b: dict) -> bool:
    return {k: v for k, v in a.items()} == {k: v for k, v in b.items()}


def test_graphml_round_trip_keeps_every_attribute(G, tmp_path):
    from kg.network import flat, write

    path = tmp_path / "seed.graphml"
    write(G, path)
    root = ET.parse(path).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = [e.get("id") for e in root.iterfind(".//g:edge", ns)]
    assert len(ids) == len(set(ids)) == G.number_of_edges()  # unique edge ids (Gephi needs them)
    assert {k.get("attr.name") for k in root.iterfind("g:key[@for='node']", ns)} >= {"label", "type", "iri", "degree"}
    keys = [k.get("id") for k in root.iterfind("g:key", ns)]
    assert len(keys) == len(set(keys))  # the schema's key_id_key constraint
    back = nx.read_graphml(path, force_multigraph=True)
    F = flat(G)
    assert sorted(back.nodes) == sorted(F.nodes)
    for n in F.nodes:
        assert _same(back.nodes[n], F.nodes[n]), n
    want = {k: d for _, _, k, d in F.edges(keys=True, data=True)}
    got = {k: d for _, _, k, d in back.edges(keys=True, data=True)}
    assert got.keys() == want.keys()
    for k in want:
        assert _same(got[k], want[k]), k


def test_gexf_round_trip_keeps_every_attribute(G, tmp_path):
    from kg.network import flat, write

    path = tmp_path / "seed.gexf"
    write(G, path)
    root = ET.parse(path).getroot()
    assert root.tag == "{http://gexf.net/1.2}gexf" or root.tag.endswith("}gexf")
    labels = {n.get("label") for n in root.iter() if n.tag.endswith("}node")}
    assert "Khalid Mish'al" in labels
    back = nx.read_gexf(path)
    F = flat(G)
    assert sorted(back.nodes) == sorted(F.nodes)
    for n in F.nodes:
        assert _same(back.nodes[n], F.nodes[n]), n
    want = sorted((s, o, d["label"], d["event"], d["evidence"]) for s, o, d in F.edges(data=True))
    got = sorted((s, o, d["label"], d["event"], d["evidence"]) for s, o, d in back.edges(data=True))
    assert got == want
    for _, _, d in back.edges(data=True):
        assert set(d) >= {"predicate", "factuality", "negated", "claimed_by", "rules", "sentences"}


def test_json_node_link_and_cytoscape(G, tmp_path):
    from kg.network import write

    write(G, tmp_path / "seed.json")
    data = json.loads((tmp_path / "seed.json").read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert back.number_of_nodes() == G.number_of_nodes() and back.number_of_edges() == G.number_of_edges()
    head = [e for e in data["edges"] if e["source"] == MISHAL and e["target"] == HAMAS and e["predicate"] == ORG + "headOf"]
    assert any(LEADER_SENTENCE in ev["text"] for ev in head[0]["evidence_detail"])
    write(G, tmp_path / "seed.cyjs")
    cy = json.loads((tmp_path / "seed.cyjs").read_text(encoding="utf-8"))
    names = {n["data"]["name"] for n in cy["elements"]["nodes"]}
    assert "Khalid Mish'al" in names and len(cy["elements"]["edges"]) == G.number_of_edges()


def test_outputs_are_deterministic(tmp_path):
    """Byte-identical files from two separate processes with different hash seeds (set and dict
    order, object ids and hashing all differ between processes, not within one)."""
    ttl = tmp_path / "seed.ttl"
    assert run_kg("build", SEED, "-o", ttl, "-q").returncode == 0
    for ext in ("graphml", "gexf", "json", "html", "png"):
        outs = []
        for seed in ("1", "2"):
            out = tmp_path / f"{seed}.{ext}"
            r = run_kg("network", ttl, "-o", out, env={"PYTHONHASHSEED": seed})
            assert r.returncode == 0, r.stderr
            outs.append(out.read_bytes())
        assert outs[0] == outs[1], ext


def test_png_and_svg_pictures_are_not_blank(G, tmp_path):
    import numpy as np
    from matplotlib.image import imread

    from kg.network import colours, write

    write(G, tmp_path / "seed.png")
    img = imread(tmp_path / "seed.png")[..., :3]
    assert img.shape[0] > 500 and img.shape[1] > 700
    assert img.std() > 0.05  # not a blank page
    ink = (img < 0.9).any(axis=2).mean()
    assert 0.01 < ink < 0.6  # drawn, not flooded
    present = {tuple(np.round(px, 2)) for px in img.reshape(-1, 3)[:: 7]}
    for colour in colours(G).values():  # every type's colour appears (nodes and legend)
        rgb = tuple(round(int(colour[i:i + 2], 16) / 255, 2) for i in (1, 3, 5))
        assert any(max(abs(a - b) for a, b in zip(rgb, px)) < 0.03 for px in present), colour
    write(G, tmp_path / "seed.svg")
    svg = (tmp_path / "seed.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Khalid Mish" in svg and "head of" in svg and "person" in svg  # labels, edge labels, legend as text


# -- the interactive page, in headless Chromium with the network cut --------------------------

def test_page_works_offline_in_chromium(G, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from kg.network import write

    page = tmp_path / "seed.html"
    write(G, page, title="Seed network")
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    with chromium(tmp_path) as driver:
        driver.get(page.as_uri())
        assert driver.execute_script("return document.body.dataset.ready") == "1"
        assert driver.execute_script("return kgNetwork.cy.nodes().length") == G.number_of_nodes()
        assert driver.execute_script("return kgNetwork.cy.edges().length") == G.number_of_edges()
        assert driver.find_element(By.ID, "counts").get_attribute("data-nodes") == str(G.number_of_nodes())
        fetched = driver.execute_script(
            "return performance.getEntriesByType('resource').map(function (r) { return r.name; })")
        assert not [u for u in fetched if not u.startswith(("file:", "data:", "blob:"))]
        assert console_errors(driver) == []

        # a real click on Mish'al's node shows the sentence that makes him Hamas's leader
        x, y = driver.execute_script(
            "var p = kgNetwork.cy.getElementById(arguments[0]).renderedPosition(); return [p.x, p.y];", MISHAL)
        box = driver.find_element(By.ID, "cy")
        ActionChains(driver).move_to_element_with_offset(box, int(x - box.size["width"] / 2),
                                                         int(y - box.size["height"] / 2)).click().perform()
        details = driver.find_element(By.ID, "details")
        assert details.get_attribute("data-shown") == MISHAL
        assert LEADER_SENTENCE in details.text and "head of" in details.text
        rule = next(d for s, o, d in G.edges(data=True) if (s, o) == (MISHAL, HAMAS) and d["predicate"] == ORG + "headOf")
        assert rule["rules"].split()[0] in details.text
        driver.execute_script("""var s = arguments[0], f = [].slice.call(document.querySelectorAll('#details .fact'))
            .filter(function (e) { return e.textContent.indexOf(s) >= 0 &&
                                          e.querySelector('.rel').textContent === 'head of'; })[0];
            f.scrollIntoView();""", LEADER_SENTENCE)
        shot = artifact_path("network-page.png")
        driver.save_screenshot(str(shot))
        print(f"\nscreenshot of the network page: {shot}")

        # search by an alias, Enter selects; filter a type away; a date range with no event hides dated relations
        search = driver.find_element(By.ID, "search")
        search.send_keys("Meshaal", Keys.ENTER)
        assert driver.execute_script("return kgNetwork.cy.$('node.match').map(function (n) { return n.id(); })") == [MISHAL]
        persons = sum(1 for _, d in G.nodes(data=True) if d["type"] == "Person")
        driver.find_element(By.CSS_SELECTOR, "#types input[data-type='Person']").click()
        assert driver.find_element(By.ID, "counts").get_attribute("data-nodes") != str(G.number_of_nodes())
        assert driver.execute_script("return kgNetwork.cy.nodes('[type = \"Person\"].hidden').length") == persons
        driver.find_element(By.ID, "reset").click()
        assert driver.find_element(By.ID, "counts").get_attribute("data-nodes") == str(G.number_of_nodes())
        dated = sum(1 for _, _, d in G.edges(data=True) if d["date"] or d["published"])
        driver.find_element(By.ID, "date-from").clear()
        driver.find_element(By.ID, "date-from").send_keys("1990")
        driver.find_element(By.ID, "date-to").clear()
        driver.find_element(By.ID, "date-to").send_keys("1990")
        assert driver.execute_script("return kgNetwork.cy.edges('.hidden').length") == dated
        assert console_errors(driver) == []


# -- commands --------------------------------------------------------------------------------------

def test_kg_network_command_writes_each_format(seed_ttl, tmp_path):
    for ext in ("graphml", "gexf", "json", "html", "png"):
        out = tmp_path / f"net.{ext}"
        r = run_kg("network", seed_ttl, "-o", out)
        assert r.returncode == 0, r.stderr
        assert out.stat().st_size > 500 and f"-> {out}" in r.stderr
    r = run_kg("network", seed_ttl, "--events", "-t", "Person", "-t", "Meeting")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {n["type"] for n in data["nodes"]} <= {"Person", "Meeting"} and data["nodes"]


def test_kg_network_bad_input_is_one_line_naming_the_file(seed_ttl, tmp_path):
    for args, needle in (((seed_ttl, "-o", tmp_path / "net.docx"), "net.docx"),
                         ((tmp_path / "missing.ttl", "-o", tmp_path / "n.json"), "missing.ttl"),
                         ((seed_ttl, "-o", tmp_path / "no" / "n.json"), "n.json")):
        r = run_kg("network", *args)
        assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
        assert r.stderr.startswith("kg: error: ") and needle in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = run_kg("network", seed_ttl, "-t", "Persn")
    assert r.returncode == 2 and "Persn" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    r = run_kg("stats", bad)
    assert r.returncode == 2 and "bad.ttl" in r.stderr and "Traceback" not in r.stderr


def test_kg_stats(seed_ttl, G):
    r = run_kg("stats", seed_ttl, "--top", "5")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    for section in ("classes", "predicates", "rule firings", "most central actors", "communities"):
        assert section in out
    assert "schema:Person" in out and "org:headOf" in out and "Khalid Mish'al" in out
    r = run_kg("stats", seed_ttl, "--json")
    st = json.loads(r.stdout)
    top = max(G.nodes, key=lambda n: (G.nodes[n]["degree"], G.nodes[n]["betweenness"]))
    assert st["central"][0]["degree"] == G.nodes[top]["degree"]
    assert st["network"]["nodes"] == G.number_of_nodes() and sum(st["rule_firings"].values()) > 0
    assert sorted(x for c in st["communities"] for x in c) == sorted(d["label"] for _, d in G.nodes(data=True))


def test_picture_labels_do_not_overlap(G):
    """No two labels of the picture (actors' names, relations) share a pixel, and most relation
    labels still fit (a picture that dropped them all would pass the first check)."""
    from kg.network.draw import _overlap, figure

    fig, labels = figure(G, "seed")
    boxes = labels.boxes(fig.canvas.get_renderer())
    clashes = [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1:] if _overlap(ba, bb)]
    assert not clashes, clashes[:5]
    assert {a.get_text() for a in labels.nodes} == {d["label"] for _, d in G.nodes(data=True)}
    assert len(labels.edges) >= 3 * labels.hidden and len(labels.edges) >= 20, (len(labels.edges), labels.hidden)


def test_readme_figure_is_made_by_its_caption(tmp_path):
    """The README's picture is what its caption's command makes (`make figures` runs that command)."""
    import numpy as np
    from matplotlib.image import imread

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (cmd,) = re.findall(r"made by `(kg network [^`]+)`", readme)
    assert cmd in (ROOT / "Makefile").read_text(encoding="utf-8"), "make figures must run the caption's command"
    (figure_path,) = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", readme)
    assert f"-o {figure_path} " in cmd
    argv = shlex.split(cmd)
    argv[argv.index("-o") + 1] = str(tmp_path / "made.png")
    assert run_kg("build", SEED, "-o", tmp_path / "seed.ttl", "-q").returncode == 0
    r = run_kg(*argv[1:], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    made, shown = imread(tmp_path / "made.png")[..., :3], imread(ROOT / figure_path)[..., :3]
    # the same picture: the same size within 5%, and nearly the same pixels (the rule pack may have
    # moved a label since; a figure from another command or an old layout differs far more)
    assert abs(made.shape[0] - shown.shape[0]) <= 0.05 * shown.shape[0], (made.shape, shown.shape, "run: make figures")
    assert abs(made.shape[1] - shown.shape[1]) <= 0.05 * shown.shape[1], (made.shape, shown.shape, "run: make figures")
    h, w = min(made.shape[0], shown.shape[0]), min(made.shape[1], shown.shape[1])
    diff = np.abs(made[:h, :w].mean(axis=2) - shown[:h, :w].mean(axis=2)).mean()
    assert diff < 0.03, f"{figure_path} differs from what its caption makes ({diff:.3f}): run make figures"


def test_page_is_legible_at_the_default_zoom(G, tmp_path):
    """At the zoom the page opens with, actors' names are drawn at 10 px or more and relation labels
    are hidden (they were about 5 px); pointing at an actor shows its relations' labels, legibly."""
    from kg.network import write

    page = tmp_path / "seed.html"
    write(G, page, title="Seed network")
    with chromium(tmp_path) as driver:
        driver.set_window_size(1400, 900)
        driver.get(page.as_uri())
        js = """var cy = kgNetwork.cy, z = cy.zoom(), e = cy.edges()[0], n = cy.getElementById(arguments[0]);
                var out = {zoom: z, node: parseFloat(n.style('font-size')) * z,
                           edgeVisible: e.visible() && parseFloat(e.style('font-size')) * Math.pow(2, Math.ceil(Math.log2(z)))
                                        >= parseFloat(e.style('min-zoomed-font-size'))};
                n.emit('mouseover');
                var near = n.connectedEdges();
                out.near = near.length;
                out.nearShown = near.filter(function (x) { return parseFloat(x.style('min-zoomed-font-size')) === 0; }).length;
                out.nearPx = parseFloat(near[0].style('font-size')) * z;
                return out;"""
        r = driver.execute_script(js, MISHAL)
        shot = artifact_path("network-page-default-zoom.png")
        driver.save_screenshot(str(shot))
    assert r["zoom"] < 1, "the seed's page opens zoomed out: the case this test is about"
    assert r["node"] >= 10, r
    assert not r["edgeVisible"], r
    assert r["near"] and r["nearShown"] == r["near"] and r["nearPx"] >= 9.5, r
