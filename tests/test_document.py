"""Reading articles: layout, sentences and their offsets, quotations, metadata."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from kg.reading.document import parse_article, read_article
from kg.errors import InputError

from .conftest import ROOT, SEED


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


# ---------------------------------------------------------------------------------------------
# Layouts of real publishers (issue 16). Each text is the first lines of a real article, quoted
# as stored (line breaks kept), with its address. Each test asserts the date (and where it came
# from), the headline, the publisher and the first body sentence's offsets.

def first_body(art):
    return next(s for s in art.sentences if s.kind == "body")


def check(art, *, date, headline, publisher, first, date_source=None, begin=None):
    assert art.date == date, (art.date, art.date_source)
    if date_source is not None:
        assert art.date_source == date_source
    assert art.meta.get("title") == headline
    assert art.meta.get("publisher") == publisher
    s = first_body(art)
    begin = art.text.index(first) if begin is None else begin
    assert (s.begin, s.end) == (begin, begin + len(first)) and s.text == first


def test_rferl_dateline_with_year(pack):
    # https://www.rferl.org/a/1066348.html (the seed article)
    art = read_article(SEED, layout=pack.layout)
    check(art, date=dt.date(2006, 3, 3), date_source="dateline", publisher="RFE/RL",
          headline="Russia: Hamas Retains Hard Line During Moscow Visit",
          first="Hamas leaders traveled to Moscow today for three days of talks, which the radical Islamic "
                "movement hopes will raise its international standing.")
    assert art.text[slice(*art.date_span)] == "March 3, 2006"


def test_rferl_date_only_dateline_after_the_photo_credit(pack):
    # https://www.rferl.org/a/1065681.html
    text = ("Accessibility links\n\nBreaking News\n\nRussia To Urge Hamas To Recognize Israel\n\n"
            "Israel has rejected any contact with Hamas (epa) 12 February 2006 -- Russia has again said it will "
            "press Hamas to recognize Israel and to reject terrorism when members of the militant group visit Moscow.\n\n"
            "Russia's special envoy to the Middle East, Aleksandr Kalugin, made the comment today following talks "
            "with Palestinian leader Mahmud Abbas.\n")
    art = parse_article(text, source="t", layout=pack.layout)
    check(art, date=dt.date(2006, 2, 12), date_source="dateline", publisher=None,
          headline="Russia To Urge Hamas To Recognize Israel",
          first="Russia has again said it will press Hamas to recognize Israel and to reject terrorism when members "
                "of the militant group visit Moscow.")
    assert ("caption", "Israel has rejected any contact with Hamas") in kinds(art)
    assert ("credit", "(epa)") in kinds(art) and ("dateline", "12 February 2006 -- ") in kinds(art)


def test_bbc_last_updated_and_sentence_case_headline(pack):
    # http://news.bbc.co.uk/2/hi/middle_east/4773594.stm
    text = ("[an error occurred while processing this directive]\nBBC News\nwatch One-Minute World News\n"
            "Last Updated: Saturday, 4 March 2006, 17:39 GMT\nHamas hails 'breakthrough' visit\n"
            "Khaled Meshaal (right) and Mufti Sheikh Ravil Gainutdin are greeted by worshippers at a Moscow mosque\n"
            "Mr Meshaal (left) of Hamas met Russian religious leaders\n"
            "Members of the Palestinian militant group Hamas have called their visit to Moscow an \"important "
            "breakthrough\" amid US attempts to isolate the group.\n\n"
            "One delegate, Mohammed Nazzal, said the US was trying to put Hamas under \"political siege\" following "
            "its victory in the Palestinian election last month.\n")
    art = parse_article(text, source="t", layout=pack.layout)
    check(art, date=dt.date(2006, 3, 4), date_source="publication line", publisher="BBC News",
          headline="Hamas hails 'breakthrough' visit",
          first="Members of the Palestinian militant group Hamas have called their visit to Moscow an \"important "
                "breakthrough\" amid US attempts to isolate the group.")
    k = kinds(art)
    assert ("publication", "Last Updated: Saturday, 4 March 2006, 17:39 GMT") in k
    assert ("caption", "Mr Meshaal (left) of Hamas met Russian religious leaders") in k
    assert ("furniture", "watch One-Minute World News") in k
    assert not any("Last Updated" in s.text or "BBC News" == s.text for s in art.sentences)


def test_daily_star_masthead_date_and_sentence_case_headline(pack):
    # Reuters copy in The Daily Star: https://tds-images.thedailystar.net/2006/03/04/d603041305104.htm
    text = ("Committed to PEOPLE'S RIGHT TO KNOW\nVol. 5 Num 627 Sat. March 04, 2006  \n   \nInternational\n\n\n"
            "Hamas leader, Russian officials begin talks\n\n\n"
            "Hamas leaders met senior Russian officials yesterday in their first talks with a major foreign power "
            "since winning a January 25 Palestinian election, but flatly rejected international demands to "
            "recognise Israel.\n")
    art = parse_article(text, source="t", layout=pack.layout)
    check(art, date=dt.date(2006, 3, 4), date_source="publication line", publisher="The Daily Star",
          headline="Hamas leader, Russian officials begin talks",
          first="Hamas leaders met senior Russian officials yesterday in their first talks with a major foreign "
                "power since winning a January 25 Palestinian election, but flatly rejected international demands "
                "to recognise Israel.")
    assert ("furniture", "International") in kinds(art)


def test_washington_post_byline_service_and_dateline_without_year(pack):
    # http://www.washingtonpost.com/wp-dyn/content/article/2006/01/31/AR2006013100700.html
    text = ("Putin Says Russia, U.S. Differ on Hamas Win\n\nBy Peter Finn\nWashington Post Foreign Service\n"
            "Wednesday, February 1, 2006\n\nMOSCOW, Jan. 31 -- Russian President Vladimir Putin described the "
            "electoral victory of the radical Islamic group Hamas in the Palestinian elections as \"a big blow to "
            "American efforts in the Middle East, a very serious blow,\" but he said Russia would not support any "
            "efforts to cut off financial assistance to the Palestinians.\n")
    art = parse_article(text, source="t", layout=pack.layout)
    check(art, date=dt.date(2006, 1, 31), date_source="dateline, year from the publication line",
          publisher="Washington Post", headline="Putin Says Russia, U.S. Differ on Hamas Win",
          first=text[text.index("Russian President"):].strip())
    assert art.meta["author"] == "Peter Finn" and art.meta["place"] == "Moscow"
    assert art.meta["published"] == dt.date(2006, 2, 1)
    assert ("byline", "By Peter Finn") in kinds(art)


def test_washington_post_one_line_publication_form(pack):
    # the one-line form quoted in issue 16 (a Washington Post article of 4 March 2006)
    text = ("Russia Presses Hamas\n\nBy NAME, Washington Post Foreign Service, Saturday, March 4, 2006; Page A12\n\n"
            "Hamas leaders held talks in Moscow on Friday.\n")
    art = parse_article(text, source="t", layout=pack.layout)
    check(art, date=dt.date(2006, 3, 4), date_source="publication line", publisher="Washington Post",
          headline="Russia Presses Hamas", first="Hamas leaders held talks in Moscow on Friday.")
    assert art.meta["author"] == "NAME"


def test_xinhua_source_line_at_the_end(pack):
    # http://china.org.cn/international/2006-03/04/content_1160107.htm (paragraphs one line each)
    text = ("Russian officials urged the Palestinian group Hamas on Friday to renounce violence, recognize Israel's "
            "right to exist and observe previous deals with the Jewish state in high-profile talks with the "
            "group's leaders in Moscow.\nRussia is a member of the quartet, which also includes the United Nations, "
            "the United States and the European Union.\n(Xinhua News Agency March 4, 2006)\n")
    art = parse_article(text, source="t", layout=pack.layout, meta={"title": "Russia urges Hamas to renounce violence"})
    check(art, date=dt.date(2006, 3, 4), date_source="source line", publisher="Xinhua News Agency",
          headline="Russia urges Hamas to renounce violence",
          first=text.split("\n")[0])
    assert ("source", "(Xinhua News Agency March 4, 2006)") in kinds(art)
    assert not any("Xinhua" in s.text for s in art.sentences)
    friday = [t for t in art.unresolved_times]  # dated: nothing left unresolved
    assert friday == []


def test_xinhua_dateline_takes_the_year_from_the_feed(pack):
    # http://article.wn.com/view/2009/06/18/President_Hu_confident_about_future_relations_with_Russia_En
    # (a 2009 Xinhua story: its dateline has no year, the feed item's date gives it)
    text = ("MOSCOW, June 18 (Xinhua) -- Chinese President Hu Jintao on Thursday expressed confidence in the future "
            "development of China-Russia relations.\n")
    art = parse_article(text, source="t", layout=pack.layout, meta={"date": dt.date(2009, 6, 19),
                        "title": "President Hu confident about future relations with Russia"}, date_source="feed")
    check(art, date=dt.date(2009, 6, 18), date_source="dateline, year from the feed", publisher="Xinhua",
          headline=None if False else "President Hu confident about future relations with Russia",
          first="Chinese President Hu Jintao on Thursday expressed confidence in the future development of "
                "China-Russia relations.")


@pytest.mark.parametrize("line, place, publisher, date", [
    ("MOSCOW (Reuters) - ", "Moscow", "Reuters", None),
    ("MOSCOW (AP) — ", "Moscow", "AP", None),
    ("MOSCOW, March 3 (AFP) - ", "Moscow", "AFP", dt.date(2006, 3, 3)),
    ("Moscow, March 3 (Xinhua) -- ", "Moscow", "Xinhua", dt.date(2006, 3, 3)),
    ("MOSCOW, March 3, 2006 (RFE/RL) -- ", "Moscow", "RFE/RL", dt.date(2006, 3, 3)),
])
def test_dateline_forms_of_issue_16(pack, line, place, publisher, date):
    """The dateline forms the issue lists; a year-less date takes the year of the feed's date."""
    text = "Talks In Moscow\n\n" + line + "Hamas leaders met Lavrov today.\n"
    art = parse_article(text, source="t", layout=pack.layout, meta={"date": dt.date(2006, 3, 4)}, date_source="feed")
    assert ("dateline", line) in kinds(art)
    assert art.meta["place"] == place and art.meta["publisher"] == publisher
    assert art.date == (date or dt.date(2006, 3, 4))
    check(art, date=art.date, headline="Talks In Moscow", publisher=publisher, first="Hamas leaders met Lavrov today.")


def test_reuters_dateline_after_a_teaser(pack):
    # https://www.iranfocus.com/en/nuclear/15008-un-official-in-iran-to-press-for-nuclear-answers/
    text = ("U.N. official in Iran to press for nuclear answers\n\n"
            "ImageReuters: The U.N. nuclear watchdog's top investigator arrived in Tehran on Monday to press Iran "
            "for answers to Western intelligence which suggested it covertly studied how to design atomic bombs.\n\n"
            "ImageTEHRAN (Reuters) – The U.N. nuclear watchdog's top investigator arrived in Tehran on Monday to "
            "press Iran for answers to Western intelligence which suggested it covertly studied how to design "
            "atomic bombs.\n")
    art = parse_article(text, source="t", layout=pack.layout)
    check(art, date=None, publisher="Reuters", headline="U.N. official in Iran to press for nuclear answers",
          first=text.split("– ")[1].strip(), begin=text.index("– ") + 2)
    assert art.meta["place"] == "Tehran"
    assert [p for _, _, p in art.unresolved_times] == ["on Monday", "on Monday"]  # no date: kept, unresolved


def test_ap_source_line_and_updated_line(pack):
    # http://www.chinadaily.com.cn/english/home/2006-02/12/content_519364.htm
    text = ("Home>News Center>World\n\nHamas expecting no conditions on talks in Moscow\n(AP)\n"
            "Updated: 2006-02-12 15:58\n\nHamas leaders said they don't expect Russia to impose conditions for "
            "their trip to Moscow this month for talks, while Israel's foreign minister cautioned the international "
            "community on Sunday against going down the \"slippery slope\" of legitimizing the violent Islamic group.\n")
    art = parse_article(text, source="t", layout=pack.layout, meta={"title": "Hamas expecting no conditions on talks in Moscow"})
    check(art, date=dt.date(2006, 2, 12), date_source="publication line", publisher="AP",
          headline="Hamas expecting no conditions on talks in Moscow",
          first=text[text.index("Hamas leaders said"):].strip())


def test_ap_place_and_country_dateline(pack):
    # http://politicsofreligion.blogspot.com/2005/12/iran-dog-ate-our-homework.html (AP copy)
    text = ("Iran Denies Getting Russia Nuke Proposal\nTEHRAN, Iran - Iran denied on Sunday that it received a "
            "proposal to move its uranium enrichment facilities to Russian soil, a compromise Europe is seeking to "
            "resolve a standoff over Iran's nuclear program.\n")
    art = parse_article(text, source="t", layout=pack.layout, meta={"date": dt.date(2005, 12, 25)})
    check(art, date=dt.date(2005, 12, 25), date_source="metadata", publisher=None,
          headline="Iran Denies Getting Russia Nuke Proposal", first=text.split(" - ", 1)[1].strip())
    assert art.meta["place"] == "Tehran"


def test_cnn_posted_line(pack):
    # http://edition.cnn.com/2006/WORLD/meast/03/03/russia.hamas/index.html (as stored by newsmine.org)
    text = ("Friday, March 3, 2006 Posted: 0933 GMT (1733 HKT)\nHamas repeats hard line in Moscow\n\n"
            "MOSCOW, Russia (CNN) -- Hamas's political leader has reaffirmed the organization's hard-line stance at "
            "the start of a three-day visit to Russia aimed at denting the Palestinian militant group's "
            "international isolation, saying that its refusal to recognize Israel was not up for negotiation.\n")
    art = parse_article(text, source="t", layout=pack.layout)
    check(art, date=dt.date(2006, 3, 3), date_source="publication line", publisher="CNN",
          headline="Hamas repeats hard line in Moscow", first=text.split("-- ", 1)[1].strip())


def test_lebanese_daily_star_byline_staff_line_and_place_colon_dateline(pack):
    # The Daily Star (Lebanon), 29 November 2006, as quoted by http://www.mybelovedlebanon.com/2006/11/
    text = ("Siniora vows to remain in office to prevent outbreak of civil war\n"
            "Hizbullah mp warns street protests are imminent\n\nBy Nada Bakri\nDaily Star staff.\n\n"
            "BEIRUT: Lebanon's prime minister said on Tuesday that political parties had turned the country into a "
            "battlefield for regional conflicts, and added he would remain in office to prevent the outbreak of "
            "civil war.\n")
    art = parse_article(text, source="t", layout=pack.layout, meta={"date": dt.date(2006, 11, 29)})
    check(art, date=dt.date(2006, 11, 29), date_source="metadata", publisher="Daily Star",
          headline="Siniora vows to remain in office to prevent outbreak of civil war",
          first=text.split("BEIRUT: ")[1].strip())
    assert art.meta["author"] == "Nada Bakri" and art.meta["place"] == "Beirut"
    assert ("caption", "Hizbullah mp warns street protests are imminent") in kinds(art)


def test_pravda_question_headline_and_no_date_found(pack):
    # https://english.pravda.ru/russia/76914-hamas_msocow
    text = ("What came of Hamas' visit to Moscow?\n\nDelegates of the Hamas movement yesterday completed their "
            "visit to Moscow. Little has been made of the visit in the USA and Europe.\n")
    art = parse_article(text, source="t", layout=pack.layout)
    check(art, date=None, publisher=None, headline="What came of Hamas' visit to Moscow?",
          first="Delegates of the Hamas movement yesterday completed their visit to Moscow.")
    assert art.date_source == "" and [p for _, _, p in art.unresolved_times] == ["yesterday"]


def test_al_jazeera_headline_and_boxed_quote_with_no_date(pack):
    # https://www.aljazeera.com/archive/2006/02/20084913553196158.html (indented lines as stored)
    text = ("Hamas team to visit Moscow soon\n\nAlexander Kalugin, Russia's envoy to the Middle East, has said he "
            "expects a delegation from Hamas to visit Moscow later this month.\n\n"
            "    Putin: We must recognise Hamas came to power via elections\n\n"
            "    Speaking to Aljazeera on Friday, Kalugin said \"the Russian side would urge Hamas to negotiate with "
            "Israel on the basis of previous agreements\".\n")
    art = parse_article(text, source="t", layout=pack.layout)
    check(art, date=None, publisher=None, headline="Hamas team to visit Moscow soon",
          first="Alexander Kalugin, Russia's envoy to the Middle East, has said he expects a delegation from Hamas "
                "to visit Moscow later this month.")
    assert art.date_source == "" and [p for _, _, p in art.unresolved_times] == ["on Friday"]
    assert ("body", "Putin: We must recognise Hamas came to power via elections") in kinds(art)


def test_voa_furniture_and_source_note(pack):
    # http://www.voanews.com/a/a-13-2007-02-22-voa56/336992.html (public domain)
    text = ("Accessibility links\n\nBreaking News\nNews\n\nHamas Leader to Visit Moscow\n\nupdate\n\n"
            "Russia says Khaled Mashaal, the political chief of the Islamic militant group Hamas, will visit Moscow "
            "beginning on Sunday.\n\nSome information for this report was provided by AFP and AP.\n\nXS\nSM\nMD\nLG")
    art = parse_article(text, source="t", layout=pack.layout, meta={"date": dt.date(2007, 2, 22)}, date_source="page address")
    check(art, date=dt.date(2007, 2, 22), date_source="page address", publisher=None,
          headline="Hamas Leader to Visit Moscow",
          first="Russia says Khaled Mashaal, the political chief of the Islamic militant group Hamas, will visit "
                "Moscow beginning on Sunday.")
    assert ("source", "Some information for this report was provided by AFP and AP.") in kinds(art)
    assert len(art.sentences) == 2  # the headline and the one body sentence


def test_guardian_date_line_and_photograph_credit(pack):
    # http://www.theguardian.com/news/blog+world/russia?page=4 (The Guardian's news blog, 2007)
    text = ("Tuesday 27 March 2007\n\nRussian riot police detain Kremlin opponents in Nizhny Novgorod. "
            "Photograph: Anton Belousov/AFP\n\nIt looks like the full array of political black arts will be swung "
            "into action over the coming months in order to stamp out any semblance of resistance.\n")
    art = parse_article(text, source="t", layout=pack.layout, meta={"title": "Russia", "publisher": "The Guardian"})
    check(art, date=dt.date(2007, 3, 27), date_source="publication line", publisher="The Guardian", headline="Russia",
          first=text.split("\n\n")[2].strip())
    assert ("credit", "Photograph: Anton Belousov/AFP") in kinds(art)


def test_editors_note_and_copyright_yield_no_facts(pack):
    text = ("Talks In Moscow\n\nMOSCOW (Reuters) - Hamas leaders met Lavrov today.\n\n"
            "(Editing by Jon Boyle)\n\nCopyright 2006 Reuters. All rights reserved.\n")
    art = parse_article(text, source="t", layout=pack.layout)
    assert ("note", "(Editing by Jon Boyle)") in kinds(art)
    assert [s.text for s in art.sentences] == ["Talks In Moscow", "Hamas leaders met Lavrov today."]


def test_cr_only_line_endings_are_line_ends(pack):
    """Issue 18, item 12: an article saved with CR line ends (old Mac) reads like LF."""
    lf = SEED.read_text(encoding="utf-8")
    cr = lf.replace("\n", "\r")
    a, b = parse_article(lf, source="lf", layout=pack.layout), parse_article(cr, source="cr", layout=pack.layout)
    assert [(s.begin, s.end, s.kind) for s in a.sentences] == [(s.begin, s.end, s.kind) for s in b.sentences]
    assert len(b.sentences) > 30 and b.date == a.date and b.meta["title"] == a.meta["title"]
    crlf = parse_article(lf.replace("\n", "\r\n"), source="crlf", layout=pack.layout)
    assert [s.text for s in crlf.sentences] == [s.text for s in a.sentences]


def test_layout_unions_agree_with_each_pattern(pack):
    """The layout tests a line with unions of its patterns and searches an unanchored furniture
    pattern only in a line holding its plain text (for speed): the same lines must come out as
    furniture, publication, note or source lines as when each pattern is tried alone."""
    from kg.reading.layout import _is_furniture, _required, _unions

    lay = pack.layout
    furniture, pubs, others, datelines = _unions(lay)
    assert furniture[0] is not None and pubs is not None and others is not None and datelines is not None
    files = sorted((ROOT / "data" / "articles").glob("*.txt")) + sorted((ROOT / "tests" / "bench" / "real").glob("*.txt"))
    lines = [line for p in files for line in p.read_text(encoding="utf-8").splitlines()]
    lines += ["MOSCOW (Reuters) - Hamas leaders met Lavrov today.", "Copyright 2006 Reuters. All rights reserved.",
              "ALL RIGHTS RESERVED", "Share", "(Editing by Jon Boyle)",
              "It has been declared an “undesirable organization” in Russia.", "All rights reſerved"]
    assert len(lines) > 100
    for line in lines:
        assert _is_furniture(line, lay) == any(rx.search(line) for rx in lay.furniture), line
        assert bool(pubs.match(line)) == any(lp.rx.match(line) for lp in lay.publication), line
        assert bool(others.match(line)) == any(rx.match(line) for rx in lay.notes + lay.sources), line
        assert bool(datelines.match(line)) == any(rx.match(line) for rx in lay.datelines), line
    assert _required(re.compile(r"\bAll rights reserved\b", re.I)) == "all rights reserved"
    assert _required(re.compile(r"^a|bcd")) is None  # an alternative at the top: nothing is required


def test_tokens_and_time_phrases_of_the_seed(pack):
    """Token offsets slice the article's text; the tokens' time phrases are find_times'."""
    from kg.reading.dates import find_times, token_times
    from kg.reading.text import tokenize

    art = read_article(SEED, layout=pack.layout)
    found = 0
    for s in art.sentences:
        toks = tokenize(s.text, s.begin)
        assert all(art.text[t.begin:t.end] == t.text for t in toks)
        times = token_times(toks, art.text, art.date)
        assert times == find_times([t.norm for t in toks], [(t.begin, t.end) for t in toks], art.text, art.date)
        found += len(times)
    assert found >= 3


def test_transcript_speaker_labels_are_no_datelines_and_read_in_title_case(pack):
    """Round 17: a transcript's turn label in capitals ("SECRETARY RICE:", "MR. CROWLEY:") is no
    dateline of the place "SECRETARY RICE"; its sentence reads the label in title case (the same
    offsets), so the name is the speaker's. A place and a colon stays a dateline."""
    text = ("Remarks After a Meeting With the Foreign Minister of Chile\n\n"
            "SECRETARY ALBRIGHT: Good morning. I am glad to welcome the Foreign Minister.\n\n"
            "FOREIGN MINISTER VALDES: Thank you. We had a very good talk.\n\n"
            "MR. O'NEILL: Two questions, please.\n\nQUESTION: Madame Secretary, what about trade?\n")
    art = parse_article(text, source="t", layout=pack.layout, meta={"date": dt.date(1998, 4, 2)})
    assert not any(s.kind == "dateline" for s in art.segments) and "place" not in art.meta
    firsts = {s.paragraph: s for s in reversed(art.sentences)}
    got = [s.text for _, s in sorted(firsts.items())]
    assert got[1:] == ["Secretary Albright: Good morning.", "Foreign Minister Valdes: Thank you.",
                       "Mr. O'Neill: Two questions, please.", "QUESTION: Madame Secretary, what about trade?"]
    for s in art.sentences:
        assert s.text.lower() == art.text[s.begin:s.end].lower()
    art = parse_article("Talks resume\n\nNICOSIA: Cypriot leaders met again on Monday.\n", source="t",
                        layout=pack.layout, meta={"date": dt.date(2008, 9, 8)})
    assert art.meta["place"] == "Nicosia"
    assert first_body(art).text == "Cypriot leaders met again on Monday."
