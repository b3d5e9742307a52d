"""The held-out evaluation runs, and the rule pack does not fall below the figures in the README."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from .conftest import ROOT


def _evaluate_module():
    spec = importlib.util.spec_from_file_location("heldout_evaluate", ROOT / "tests" / "heldout" / "evaluate.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up by name
    spec.loader.exec_module(mod)
    return mod


def test_heldout_precision_and_recall_do_not_regress(pack):
    report = _evaluate_module().evaluate(pack)
    p, r, _ = report.micro()
    assert report.sentences >= 60
    assert p >= 0.85 and r >= 0.70, report.table()


def test_scorer_is_exact_about_polarity_and_holders():
    ev = _evaluate_module()
    rep = ev.Report()
    rep.add("s", {"not recognizes(hamas, israel)", "met(b, a)"}, {"recognizes(hamas, israel)", ev.normalise("met(a, b)")})
    # the symmetric pair matches in any order; the lost negation is a false positive and a miss
    assert rep.fp["recognizes"] == 1 and rep.fn["recognizes"] == 1
    rep2 = ev.Report()
    rep2.add("s", {ev.normalise("met(b, a)")}, {ev.normalise("met(a, b)")})
    assert rep2.tp["met"] == 1


def test_scorer_reads_a_titled_gold_name_as_the_name():
    ev = _world_module()
    # annotators write "President Kikwete" where the text gives no first name: kg's short form matches
    assert ev.untitled("President Kikwete") == "kikwete"
    assert ev.untitled("U.S. Secretary of State Condoleezza Rice") == "condoleezza rice"
    assert ev.untitled("Foreign Minister Lavrov") == "lavrov"
    # a body's name is not a title and a name alone stays whole
    assert ev.untitled("General Assembly") == "general assembly"
    assert ev.untitled("Prime Minister") == "prime minister" and ev.untitled("Kikwete") == "kikwete"
    names = ev.Names()
    names.names["x/jakaya-kikwete"] |= {"jakaya kikwete", "kikwete"}
    assert names.matches("x/jakaya-kikwete", "President Kikwete")
    assert not names.matches("x/jakaya-kikwete", "President Kagame")


def test_scorer_keeps_parentheses_inside_names():
    ev = _world_module()
    # a party named "Communist Party of Nepal (Maoist)": only the relation's own parenthesis closes
    rel = ev.parse_rel("claim(Communist Party of Nepal (Maoist)) not leads(Prachanda, Communist Party of Nepal (Maoist))")
    assert rel.args == ("Prachanda", "Communist Party of Nepal (Maoist)")
    assert rel.claim == "Communist Party of Nepal (Maoist)" and rel.negated and rel.name == "leads"
    assert ev.parse_rel("said(Rice, Iran)").args == ("Rice", "Iran")


def _world_module():
    spec = importlib.util.spec_from_file_location("heldout_evaluate_world", ROOT / "tests" / "heldout" / "evaluate_world.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


# Each sentence set, its size and the floor it must keep. Sets 3, 5 and 8 were frozen before their
# rounds' tuning and never tuned on; sets 6 and 7 were frozen at the start of the eighth and ninth
# rounds, scored once at the end, and became development sets afterwards. A floor only keeps later
# changes from losing what was reached; the figures at each round's end are in docs/rules.md.
SENTENCE_FLOORS = [
    # set, at least so many sentences, precision floor, recall floor   # figures at the end of rounds
    ("sentences-3.yaml", 300, 0.88, 0.61),  # frozen: P 0.84 R 0.39, ... P 0.90 R 0.61; tenth round P 0.91 R 0.64
    ("sentences-5.yaml", 240, 0.90, 0.66),  # frozen: P 0.89 R 0.57, P 0.91 R 0.64; tenth round P 0.93 R 0.69
    ("sentences-6.yaml", 250, 0.92, 0.80),  # P 0.89 R 0.61 fresh; tuned in the ninth to eleventh rounds: P 0.95 R 0.83
    ("sentences-7.yaml", 220, 0.91, 0.76),  # P 0.88 R 0.56 fresh (ninth round); tuned in the tenth and eleventh: P 0.94 R 0.79
    ("sentences-8.yaml", 230, 0.90, 0.77),  # frozen at the tenth round's start: P 0.90 R 0.71 then, P 0.92 R 0.74 at its end; tuned in the eleventh: P 0.93 R 0.80
    ("sentences-9.yaml", 250, 0.89, 0.70),  # frozen at the eleventh round's start: P 0.86 R 0.57 then, P 0.87 R 0.59 at its end; tuned in the twelfth: P 0.92 R 0.74
    ("sentences-10.yaml", 250, 0.86, 0.67),  # frozen at the twelfth round's start: P 0.89 R 0.65 with its starting code, P 0.89 R 0.70 at its end; tuned in the thirteenth: P 0.95 R 0.78
    ("sentences-11.yaml", 220, 0.86, 0.62),  # frozen at the thirteenth round's start: P 0.86 R 0.62 with its starting code, P 0.89 R 0.65 at its end; tuned in the fourteenth: P 0.93 R 0.72
    ("sentences-12.yaml", 230, 0.90, 0.73),  # frozen at the fourteenth round's start: P 0.92 R 0.76 with its starting code, P 0.93 R 0.76 at its end; tuned in the fifteenth: P 0.93 R 0.78
    ("sentences-13.yaml", 230, 0.89, 0.68),  # frozen at the fifteenth round's start: P 0.87 R 0.59 with its starting code, P 0.87 R 0.60 at its end; tuned in the sixteenth: P 0.92 R 0.71
    ("sentences-14.yaml", 225, 0.90, 0.65),  # frozen at the sixteenth round's start: P 0.88 R 0.62 with its starting code, P 0.87 R 0.64 at its end; tuned in the seventeenth: P 0.93 R 0.68
    ("sentences-15.yaml", 300, 0.90, 0.63),  # frozen at the seventeenth round's start: P 0.92 R 0.65 with its starting code, P 0.93 R 0.65 at its end; tuned in the eighteenth: P 0.93 R 0.66
    ("sentences-16.yaml", 270, 0.93, 0.68),  # frozen at the eighteenth round's start: P 0.96 R 0.70 with its starting code, P 0.96 R 0.71 at its end; tuned in the nineteenth: P 0.96 R 0.72
    ("sentences-17.yaml", 235, 0.86, 0.57),  # frozen at the nineteenth round's start: P 0.89 R 0.59 with its starting code, P 0.89 R 0.60 at its end; tuned in the twentieth: P 0.92 R 0.62
    ("sentences-18.yaml", 230, 0.88, 0.60),  # frozen at the twentieth round's start: P 0.90 R 0.63 with its starting code, P 0.91 R 0.63 at its end; tuned in the twenty-first: P 0.92 R 0.64
    ("sentences-19.yaml", 235, 0.89, 0.64),  # frozen at the twenty-first round's start: P 0.91 R 0.64 with its starting code, P 0.91 R 0.65 at its end; tuned in the twenty-second: P 0.92 R 0.68
    ("sentences-20.yaml", 225, 0.88, 0.59),  # frozen at the twenty-second round's start: P 0.91 R 0.62 with its starting code and at its end
]


@pytest.mark.parametrize(("name", "items", "pmin", "rmin"), SENTENCE_FLOORS)
def test_sentence_sets_do_not_regress(pack, name, items, pmin, rmin):
    rep = _world_module().evaluate_sentences(pack, ROOT / "tests" / "heldout" / name)
    p, r, _ = rep.micro()
    assert rep.items >= items
    assert p >= pmin and r >= rmin, rep.table("sentences")


@pytest.mark.parametrize(("folder", "named", "right"), [("articles", 60, 0.96), ("articles-5", 60, 0.96),
                                                    ("articles-6", 25, 0.96), ("articles-7", 70, 0.96),
                                                    ("articles-8", 20, 0.96), ("articles-9", 15, 0.96),
                                                    ("articles-10", 40, 0.93), ("articles-11", 30, 0.96),
                                                    ("articles-12", 55, 0.93), ("articles-13", 180, 0.93),
                                                    ("articles-14", 190, 0.95),
                                                    ("articles-15", 175, 0.94),
                                                    ("articles-16", 125, 0.95),
                                                    ("articles-17", 165, 0.93),
                                                    ("articles-18", 190, 0.96),
                                                    ("articles-19", 150, 0.96),
                                                    ("articles-20", 125, 0.96)])
def test_real_articles_in_the_repo_name_their_actors(pack, folder, named, right):
    """The public-domain held-out articles: most named actors become entities, and links are right
    (articles/: 86% and 98% on its in-repo texts; articles-5/: 97% and 98%; articles-6/: all 30
    actors of its 3 in-repo texts found and linked right; articles-7/: 72 of the 73 actors of its 6
    in-repo texts found, 58 of 58 links right; articles-8/: all 24 actors of its 2 in-repo texts
    found, 20 of 20 links right in the eleventh round; articles-9/: 16 of the 17 actors of its 2
    in-repo texts found ("SADC troika" is not), 15 of 15 links right; articles-10/: all 48 actors of
    its 5 in-repo texts found, 39 of 41 links right at the twelfth round's end: "Lebanon" in "the
    Lebanese army" and an unnamed "Foreign Ministry" given to the article's most-named state are
    wrong, hence its lower floor; articles-11/: all 37 actors of its 3 in-repo texts found, 34 of 34
    links right at the thirteenth round's end; articles-12/: 61 of 62 actors of its 5 in-repo texts
    found, 53 of 56 links right at the fourteenth round's end: "Omar Hassan Al Bashir" cut before
    "Bashir", "UNMIS" and "Lebanon" in "the Lebanese army" are wrong, hence its lower floor; articles-13/, all
    19 texts in the repo: 184 of 187 actors found, 153 of 162 links right at the fifteenth round's
    start and end, 156 of 161 at the sixteenth's end with titled gold names read as names; articles-14/,
    all 19 texts in the repo: 194 of 198 actors found, 160 of 166 links right with the sixteenth
    round's starting code, 160 of 164 at its end; articles-15/, all 17 texts in the repo: 180 of 180 actors
    found, 140 of 147 links right by the scorer at the seventeenth round's start and end, 142 by hand,
    141 of 145 at the eighteenth's end; articles-16/, all 17 texts in the repo: 128 of 130 actors found,
    100 of 103 links right with the eighteenth round's starting code, 100 of 102 at its end; articles-17/,
    all 17 texts in the repo: 167 of 171 actors found, 129 of 135 links right by the scorer with the
    nineteenth round's starting code and at its end, 129 of 133 at the twentieth's end; articles-18/, all 21
    texts in the repo: 192 of 195 actors found, 167 of 170 links right by the scorer with the twentieth
    round's starting code and at its end, 193 and 167 of 169 at the twenty-first's end; articles-19/, all 19
    texts in the repo: 154 of 157 actors found, 132 of 133 links right with the twenty-first round's starting
    code and at its end; articles-20/, all 16 texts in the repo: 131 of 131 actors found, 110 of 111 links
    right with the twenty-second round's starting code and at its end: "the Khartoum government" linked
    to the city, not Sudan)."""
    t, rows = _world_module().evaluate_entities(pack, None, ROOT / "tests" / "heldout" / folder)
    assert t.named >= named, rows
    assert t.found / t.named >= 0.83 and t.linked_right / max(t.linked, 1) >= right, "\n".join(rows + t.wrong)


@pytest.mark.parametrize(("folder", "pmin", "rmin"), [("articles-13", 0.79, 0.39), ("articles-14", 0.78, 0.33),
                                                      ("articles-15", 0.72, 0.32), ("articles-16", 0.88, 0.24),
                                                      ("articles-17", 0.82, 0.41),
                                                      ("articles-18", 0.81, 0.45),
                                                      ("articles-19", 0.81, 0.33),
                                                      ("articles-20", 0.75, 0.27)])
def test_articles_in_the_repo_keep_their_relations(pack, folder, pmin, rmin):
    """Sets 13 to 20 are wholly redistributable texts kept in the repo, so the relations a reader
    lists are scored here as well as by hand. articles-13: P 0.78 R 0.31 with the fifteenth round's
    starting code, P 0.78 R 0.33 at its end, P 0.81 R 0.41 after the sixteenth tuned on it;
    articles-14: P 0.81 R 0.29 with the sixteenth round's starting code, P 0.80 R 0.29 at its end,
    P 0.82 R 0.36 after the seventeenth tuned on it (articles-13 then P 0.83 R 0.42); articles-15: P 0.68
    R 0.28 with the seventeenth round's starting code, P 0.68 R 0.29 at its end, P 0.78 R 0.35 after the
    eighteenth tuned on it; articles-16: P 0.92 R 0.24 with the eighteenth round's starting code, P 0.95 R 0.27
    at its end, P 0.96 R 0.31 after the nineteenth tuned on it; articles-17: P 0.83 R 0.38 with the nineteenth
    round's starting code and at its end, P 0.86 R 0.44 after the twentieth tuned on it; articles-18: P 0.83
    R 0.40 with the twentieth round's starting code and at its end, P 0.85 R 0.49 after the twenty-first tuned
    on it; articles-19: P 0.84 R 0.34 with the twenty-first round's starting code, P 0.84 R 0.35 at its end,
    P 0.85 R 0.36 after the twenty-second tuned on it; articles-20: P 0.78 R 0.30 with the twenty-second
    round's starting code, P 0.79 R 0.30 at its end (docs/rules.md, "The fifteenth round" to "The
    twenty-second round")."""
    rep, rows = _world_module().evaluate_relations_articles(pack, None, ROOT / "tests" / "heldout" / folder)
    p, r, _ = rep.micro()
    assert not [row for row in rows if "text not available" in row], rows
    assert p >= pmin and r >= rmin, "\n".join(rows)
