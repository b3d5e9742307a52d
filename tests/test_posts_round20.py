"""Round 20, posts and leads (data/rules/posts.yaml post.title-under-chief, post.elected): an
officer titled under an organisation's chief, and a post someone became, took for another term or
took over. Sentences of our own (none from a held-out or development set), with negatives; the
relations read back by the held-out scorer must be exactly the ones listed."""
from __future__ import annotations

import pytest

from .relations_check import unexpected_and_missed

KINDS = {"leads", "post"}

CASES = [
    ("The talks opened in the presence of UN Secretary-General's special representative Lars Ostberg.", "2007-05-02",
     ["post(Lars Ostberg, United Nations)"]),
    ("Under the accord, Raila Odinga became Kenya's prime minister in a coalition government.", "2008-04-17",
     ["leads(Raila Odinga, Kenya)"]),
    ("Abdullah Gul became the first Turkish president to visit Armenia.", "2008-09-06",
     ["leads(Abdullah Gul, Turkey)"]),
    ("Mwai Kibaki was sworn in for a second term as Kenya's president on Sunday.", "2007-12-30",
     ["leads(Mwai Kibaki, Kenya)"]),
    ("Raul Castro, who succeeded his brother Fidel as Cuba's president, received the delegation.", "2008-06-10",
     ["leads(Raul Castro, Cuba)"]),
    # negatives: a post someone else holds, a verb that is no taking of the post
    ("Lars Ostberg became a critic of Sweden's prime minister.", "2008-06-10", []),
    ("Lars Ostberg succeeded in persuading Sweden's prime minister to attend.", "2008-06-10", []),
    ("The UN Secretary-General's office said Lars Ostberg would attend.", "2008-06-10", []),
]


@pytest.mark.parametrize("text, date, expect", CASES, ids=[c[0][:60] for c in CASES])
def test_round20_posts_taken_and_held_under_a_chief(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name in KINDS, "posts-test-20")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"
