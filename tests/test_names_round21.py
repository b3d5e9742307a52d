"""Round 21, names: a press statement's signature line names its signer (kg.knowing.names
`_signature`), and a State Department bureau after an assistant secretary's title belongs to the
title (data/roles.yaml). Texts of our own."""
from __future__ import annotations

from kg.reading.document import parse_article


def ids(pack, text, day=None):
    art = parse_article(text, source="t", layout=pack.layout, meta={"id": "a", "date": day} if day else {"id": "a"})
    return [(m.text, m.entity.id) for sa in pack.finder.analyse(art) for m in sa.mentions if m.kind != "role"]


def test_a_signature_line_names_its_signer(pack):
    got = ids(pack, "Elections in Sudan\nPress Statement\nJane Roberts, Deputy Spokesman\n\nWe welcome the vote.")
    assert ("Jane Roberts", "unlinked/jane-roberts") in got
    got = ids(pack, "Office of the Spokesman\n\nStatement by Peter Lindqvist, Spokesman\n\nThe Secretary will travel.")
    assert ("Peter Lindqvist", "unlinked/peter-lindqvist") in got


def test_a_heading_that_is_no_signature_names_no_one_new(pack):
    # a title-case heading with a comma but no title at its end, or a one-word name: still tentative
    got = ids(pack, "Rebels Regroup, Villages Burn\n\nFighting went on in the north.")
    assert not any(i.startswith("unlinked/") for _, i in got)
    got = ids(pack, "Press Statement\nRoberts, Spokesman\n\nWe welcome the vote.")
    assert ("Roberts", "unlinked/roberts") not in got


def test_a_bureau_after_an_assistant_secretarys_title_is_not_a_name(pack):
    got = ids(pack, "Assistant Secretary of State for Near Eastern Affairs Daniel Okafor met the king.")
    assert ("Daniel Okafor", "unlinked/daniel-okafor") in got
    assert not any("affairs" in i for _, i in got)


def test_a_first_name_put_in_parentheses_joins_no_other_person(pack):
    text = ("Sudan's President Omar al-Bashir arrived in Dakar. Also present were President Wade and "
            "President (Omar) Tembo of Lusaka, Zambia.")
    got = ids(pack, text, "2008-03-14")
    assert ("Omar", "omar-al-bashir") not in got
    assert ("Omar al-Bashir", "omar-al-bashir") in got
    # a first name alone, not in parentheses, still shortens the full name named before it
    got = ids(pack, "Ban Ki-moon arrived in Nairobi. Ban said the talks would resume.", "2008-02-01")
    assert ("Ban", "ban-ki-moon") in got
