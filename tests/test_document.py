"""Reading articles: layout, sentences and their offsets, quotations, metadata."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.reading.document import parse_article, read_article
from kg.errors import InputError

from .conftest import SEED


def kinds(art):
    return [(s.kind, art.text[s.begin:s.end]) for s in art.segments]


def test_seed_layout(pack):
    art = read_article(SEED, layout=pack.layout)
    segs = kinds(art)
    assert ("headline", "Russia: Hamas Retains Hard Line During Moscow Visit") in segs
    assert ("credit", "(epa)") in segs
    assert ("dateline", "MOSCOW, March 3, 2006 (RFE/RL) -- ") in segs
    headings = [t for k, t in segs if k == "heading"]
    assert headings == ["Controversial Moscow Invitation", "Hamas Lays Out Peace Terms", "Assurances To Palestinian Funders"]
    furniture = [t for k, t in segs if k == "furniture"]
    assert "Accessibility links" in furniture and "To find out more, click here." in furniture
    assert any(t.startswith("SUBSCRIBE") for t in furniture)
    caption = next(t for k, t in segs if k == "caption")
    assert caption.startswith("Palestinian Hamas leaders") and caption.endswith("in Moscow today")
    assert [k for k, _ in segs].count("pullquote") == 1
    assert art.meta["date"] == dt.date(2006, 3, 3)
    assert art.meta["place"] == "Moscow" and art.meta["publisher"] == "RFE/RL"
    assert art.meta["credit"] == "epa"


def test_furniture_yields_no_sentences(pack):
    art = read_article(SEED, layout=pack.layout)
    assert not any("undesirable" in s.text or "SUBSCRIBE" in s.text or "Accessibility" in s.text for s in art.sentences)


def test_every_sentence_is_its_span(pack):
    art = read_article(SEED, layout=pack.layout)
    assert len(art.sentences) > 30
    for s in art.sentences:
        assert art.text[s.begin:s.end] == s.text
        assert s.text == s.text.strip()


def test_splitter_abbreviations_and_quotes(pack):
    text = ('Mr. Smith met Dr. Jones in the U.S. capital on Jan. 5. He left.\n\n'
            '"We will not go," he said. "Never." Then Gen. Ivanov spoke to J. Doe.')
    art = parse_article(text, source="t", layout=pack.layout)
    got = [s.text for s in art.sentences]
    assert got == ["Mr. Smith met Dr. Jones in the U.S. capital on Jan. 5.", "He left.",
                   '"We will not go," he said.', '"Never."', "Then Gen. Ivanov spoke to J. Doe."]


def test_quotes_pair_curly_and_straight(pack):
    text = 'He said “expect that Hamas will change overnight." Then "Arafat sat there,” he told them.'
    art = parse_article(text, source="t", layout=pack.layout)
    assert [text[b:e] for b, e in art.quotes] == ['“expect that Hamas will change overnight."', '"Arafat sat there,”']


def test_front_matter_gives_metadata(pack):
    text = "---\ntitle: Talks in Moscow\ndate: 2006-03-04\nplace: Moscow\npublisher: Example Wire\n---\nLavrov met Meshaal today.\n"
    art = parse_article(text, source="t", layout=pack.layout)
    assert art.meta["date"] == dt.date(2006, 3, 4) and art.meta["title"] == "Talks in Moscow"
    s = art.sentences[-1]
    assert s.text == "Lavrov met Meshaal today." and text[s.begin:s.end] == s.text


def test_sidecar_metadata(tmp_path, pack):
    a = tmp_path / "story.txt"
    a.write_text("Lavrov met Meshaal today.\n", encoding="utf-8")
    (tmp_path / "story.txt.meta.yaml").write_text("id: story-1\ndate: 2006-03-05\npublisher: Wire\n", encoding="utf-8")
    art = read_article(a, layout=pack.layout)
    assert art.id == "story-1" and art.meta["date"] == dt.date(2006, 3, 5)


def test_bad_metadata_is_named(tmp_path, pack):
    a = tmp_path / "story.txt"
    a.write_text("Text.\n", encoding="utf-8")
    (tmp_path / "story.txt.meta.yaml").write_text("dat: 2006-03-05\n", encoding="utf-8")
    with pytest.raises(InputError, match="story.txt.meta.yaml.*unknown metadata key"):
        read_article(a, layout=pack.layout)
