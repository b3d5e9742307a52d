"""Round 22: sources after "according to" (data/rules/context.yaml context.according-to,
context.said-after): a body's acronym in parentheses after its name, an unnamed spokesman or
officials of a named body closing the sentence, a press release issued on a day by an actor.
Sentences written for these tests (none from the held-out or development sets); the relations read
back by the held-out scorer must be exactly the ones listed."""
from __future__ import annotations

import pytest

from .relations_check import unexpected_and_missed

KINDS = {"said"}

ACCORDING_CASES: list[tuple[str, str, list[str]]] = [
    ("According to the World Food Programme (WFP), about a million people need food aid in the region.", "2008-06-10",
     ["said(World Food Programme)"]),
    ("The envoy will return to Nairobi next week, according to a UN spokesperson.", "2008-06-10",
     ["said(United Nations)"]),
    ("The envoys will hold the meeting in Asmara, according to a press release issued today by the African Union.", "2008-06-10",
     ["said(African Union)"]),
    # negatives: a source whose name goes on past the match ("the UN-AU team") is not the body;
    # no source at all
    ("The envoys will hold the meeting in Asmara, according to a press release issued today by the UN-AU Mediation Team.", "2008-06-10",
     []),
    ("The envoy will return to Nairobi next week, according to the schedule.", "2008-06-10", []),
]


@pytest.mark.parametrize("text, date, expect", ACCORDING_CASES, ids=[c[0][:60] for c in ACCORDING_CASES])
def test_round22_sources_after_according_to(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name in KINDS, "speech-test-22")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"
