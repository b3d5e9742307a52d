"""Round 22, posts. data/rules/links.yaml link.post-cabinet-of-*: a minister or speaker whose title
names no state, in a sentence that names a president or prime minister of one state and the state,
is that state's ("met Chilean President X, Prime Minister Y and Foreign Minister Z"). posts.yaml
post.counterpart-apposed*: a counterpart of a state or body with the holder apposed after a comma
("their Russian counterparts, Foreign Minister X and Defense Minister Y"). Sentences of our own (none
from a held-out or development set), with negatives; the relations read back by the held-out
scorer must be exactly the ones listed."""
from __future__ import annotations

import pytest

from .relations_check import unexpected_and_missed

KINDS = {"leads", "post"}

CASES = [
    ("The envoy held talks with Chilean President Tomas Vidal, Foreign Minister Odd Brekke and Interior Minister Lars Ostberg.",
     "2008-07-01", ["leads(Tomas Vidal, Chile)", "post(Odd Brekke, Chile)", "post(Lars Ostberg, Chile)"]),
    ("The delegation met Norwegian Prime Minister Jens Stoltenberg, as well as Parliament Speaker Odd Brekke.",
     "2008-07-01", ["leads(Jens Stoltenberg, Norway)", "post(Odd Brekke, Norway)"]),
    ("Chilean President Tomas Vidal fired Defense Minister Odd Brekke on Monday.",
     "2008-07-01", ["leads(Tomas Vidal, Chile)", "post(Odd Brekke, Chile)"]),
    # negatives: two states in the sentence; no head of state or government in it; an envoy is no
    # cabinet member; a deputy minister of a state is no head (the seed's Lavrov stays unplaced)
    ("Chilean President Tomas Vidal and Egyptian Foreign Minister Ahmed Aboul Gheit met Foreign Minister Odd Brekke.",
     "2008-07-01", ["leads(Tomas Vidal, Chile)", "post(Ahmed Aboul Gheit, Egypt)"]),
    ("The envoy met Foreign Minister Odd Brekke and Interior Minister Lars Ostberg in the capital.",
     "2008-07-01", []),
    ("Chilean President Tomas Vidal received Special Envoy Odd Brekke.",
     "2008-07-01", ["leads(Tomas Vidal, Chile)"]),
    # a head named by his surname alone in a sentence that does not name his state
    ("Chilean President Tomas Vidal spoke on Monday. Vidal sent an aide to meet Foreign Minister Odd Brekke in Lima.",
     "2008-07-01", ["leads(Tomas Vidal, Chile)"]),
    ("The delegation met first with Ivan Dorov, a deputy Chilean foreign minister, before holding talks with Foreign Minister Odd Brekke.",
     "2008-07-01", ["post(Ivan Dorov, Chile)"]),
]

COUNTERPART_CASES = [
    ("The two ministers will hold talks with their Chilean counterparts, Foreign Minister Odd Brekke and Defense Minister Lars Ostberg.",
     "2008-07-01", ["post(Odd Brekke, Chile)", "post(Lars Ostberg, Chile)"]),
    ("The envoy met on Saturday with his Norwegian counterpart at the regional talks, Odd Brekke.",
     "2008-07-01", ["post(Odd Brekke, Norway)"]),
    ("Mette Olsgaard, who will lead the mediation with her African Union counterpart, Tariq Benhima, flew to Khartoum.",
     "2008-07-01", ["post(Tariq Benhima, African Union)"]),
    # negatives: no state or body before "counterpart"; the name is no apposition
    ("The envoy met on Saturday with his counterpart at the regional talks, Odd Brekke.", "2008-07-01", []),
    ("The envoy met his Chilean counterpart in Santiago, the capital, on Saturday.", "2008-07-01", []),
]

CASES = CASES + COUNTERPART_CASES


@pytest.mark.parametrize("text, date, expect", CASES, ids=[c[0][:60] for c in CASES])
def test_round22_cabinet_named_with_its_head(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name in KINDS, "posts-test-22")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


CABINET = {"kgo:DeputyPrimeMinister", "kgo:Minister", "kgo:ForeignMinister", "kgo:DeputyForeignMinister", "kgo:DeputyMinister",
           "kgo:DefenseMinister", "kgo:InteriorMinister", "kgo:FinanceMinister", "kgo:Speaker"}


def test_round22_every_role_is_cabinet_or_excluded():
    """link.post-cabinet-of-* place every unplaced role its `unless` does not list: a role added to
    roles.yaml must be listed there or be a cabinet's, by decision."""
    from pathlib import Path

    import yaml
    root = Path(__file__).resolve().parents[1]
    roles = {r["iri"] for r in yaml.safe_load((root / "data" / "roles.yaml").read_text(encoding="utf-8"))["roles"]}
    rules = yaml.safe_load((root / "data" / "rules" / "links.yaml").read_text(encoding="utf-8"))["rules"]
    for rid in ("link.post-cabinet-of-president", "link.post-cabinet-of-primeminister"):
        rule = next(r for r in rules if r["id"] == rid)
        excluded = {alt[2] for alt in rule["unless"] if isinstance(alt[0], str) and alt[0] == "n" and alt[1] == "org:role"}
        assert not CABINET & excluded, rid
        assert roles <= CABINET | excluded, f"{rid}: roles neither cabinet nor excluded: {sorted(roles - CABINET - excluded)}"
