"""The rule language: patterns, validation of rule files, matching, overlap order, examples."""
from __future__ import annotations

import shutil
import textwrap

import pytest

from kg.errors import RuleError
from kg.rules.pack import Pack
from kg.rules.check import explain_text, run_rule_on, check_examples
from kg.rules.loader import load_rules
from kg.rules.pattern import PatternError, parse_pattern

from .conftest import ROOT, write_rules


@pytest.mark.parametrize("pattern, message", [
    ("", "empty pattern"),
    ("(met|meets", r"missing '\)'"),
    ("met | meets", "'|' must be inside"),
    ("{x:Potato} met", "unknown type 'Potato'"),
    ("{x:Person} ..", "a gap needs a bound"),
    ("[met]", "can match nothing"),
    ("? met", "'?' must follow"),
    ("{x:Person} met {x:Country}", "defined twice"),
    ("{x:text 9-2} met", "only text and clause take bounds"),
    ("{x} met", "bad slot"),
])
def test_bad_patterns(pattern, message):
    with pytest.raises(PatternError, match=message):
        parse_pattern(pattern, {"Person", "Country"})




def test_all_rule_errors_reported_at_once_with_file_line_and_id(tmp_path, pack):
    f = write_rules(tmp_path, """\
        rules:
          - id: r.one
            description: unknown key and bad pattern
            pattern: "{a:Person} (met"
            colour: red
            emit: [[a, org:headOf, a]]
            examples: {match: [{text: x, expect: ["a b c"]}]}
          - id: r.two
            description: undefined slot and unknown property
            pattern: "{a:Person} met {b:Person}"
            emit:
              - [a, org:metWith, c]
            examples: {match: [{text: x, expect: ["a b c"]}]}
          - id: r.three
            description: unknown class and unknown prefix
            pattern: "{a:Person} met {b:Person}"
            node: {class: kgo:Banana}
            emit:
              - [node, foo:bar, a]
            examples: {match: [{text: x, expect: ["a b c"]}]}
          - id: r.four
            description: no examples
            pattern: "{a:Person} met {b:Person}"
            emit: [[a, org:headOf, b]]
        """)
    with pytest.raises(RuleError) as e:
        load_rules([f], pack.vocabulary)
    msgs = [str(p) for p in e.value.problems]
    text = "\n".join(msgs)
    assert f"{f}:5: unknown key 'colour'" in text and "(rule r.one)" in text
    assert f"{f}:4: bad pattern: missing ')'" in text
    assert "undefined slot 'c'" in text and f"{f}:12" in text
    assert "unknown property 'org:metWith'" in text
    assert "unknown class 'kgo:Banana'" in text and "(rule r.three)" in text
    assert "undeclared prefix 'foo'" in text
    assert "'examples' is required" in text and "(rule r.four)" in text
    assert len(msgs) >= 8


def test_yaml_syntax_error_is_located(tmp_path, pack):
    f = write_rules(tmp_path, "rules:\n  - id: x\n    pattern: [unclosed\n")
    with pytest.raises(RuleError, match=r"bad.yaml:\d+: YAML syntax"):
        load_rules([f], pack.vocabulary)


def test_duplicate_rule_ids(tmp_path, pack):
    rule = """\
      - id: dup
        description: d
        pattern: "{a:Person} heads {b:Organization}"
        emit: [[a, org:headOf, b]]
        examples: {match: [{text: "Lavrov heads Hamas.", expect: ["sergei-lavrov org:headOf hamas"]}]}
    """
    f = write_rules(tmp_path, "rules:\n" + textwrap.indent(textwrap.dedent(rule), "  ") * 2)
    with pytest.raises(RuleError, match="already used"):
        load_rules([f], pack.vocabulary)


def test_shipped_rule_examples_pass(pack):
    results = check_examples(pack.rules, pack.finder, pack.layout, pack.vocabulary)
    assert results and all(r.ok for r in results), "\n".join(str(r) for r in results if not r.ok)


def test_rules_test_command(run):
    r = run("rules", "test")
    assert r.exit_code == 0, r.output
    assert r.output.strip().endswith("0 failed")


def test_rules_test_reports_a_failing_example(tmp_path, run):
    data = tmp_path / "pack"
    shutil.copytree(ROOT / "data", data)
    f = data / "rules" / "leadership.yaml"
    text = f.read_text(encoding="utf-8")
    assert '"khalid-mishal org:headOf hamas",' in text
    f.write_text(text.replace('"khalid-mishal org:headOf hamas",', '"hamas org:headOf khalid-mishal",', 1), encoding="utf-8")
    r = run("rules", "test", "--data", data)
    assert r.exit_code == 1
    assert "FAIL rules/leadership.yaml" in r.output and "leader.org-leader-name" in r.output


def test_overlap_longest_then_priority_then_order(tmp_path, pack):
    f = write_rules(tmp_path, """\
        rules:
          - id: short
            description: shorter match, high priority
            priority: 5
            pattern: "{p:Person} heads {o:Organization}"
            emit: [[p, org:headOf, o]]
            examples: {match: [{text: "Lavrov heads Hamas.", expect: ["sergei-lavrov org:headOf hamas"]}]}
          - id: long
            description: longer match wins despite lower priority
            pattern: "{p:Person} , [who] heads {o:Organization}"
            emit: [[o, org:hasMember, p]]
            examples: {match: [{text: "Lavrov, who heads Hamas.", expect: ["hamas org:hasMember sergei-lavrov"]}]}
          - id: same-length-first
            description: same span as short, same priority; the earlier rule wins
            priority: 5
            pattern: "{p:Person} heads {o:Organization}"
            emit: [[o, org:hasMember, p]]
            examples: {match: [{text: "Lavrov heads Hamas.", expect: ["hamas org:hasMember sergei-lavrov"]}]}
        """)
    rs = load_rules([f], pack.vocabulary)
    reps, _ = explain_text("Lavrov, who heads Hamas. Putin heads Hamas.", rs, pack.finder, pack.layout, pack.vocabulary)
    assert [f.rule.id for f in reps[0].fired] == ["long"]
    assert [f.rule.id for f in reps[1].fired] == ["short"]
    assert {f.rule.id for f in reps[1].suppressed} == {"same-length-first"}


def test_negation_inside_a_match_is_never_lost(tmp_path, pack):
    f = write_rules(tmp_path, """\
        rules:
          - id: heads
            description: a careless rule whose gap can swallow a negation
            pattern: "{p:Person} ..3 heads {o:Organization}"
            emit: [[p, org:headOf, o]]
            examples: {match: [{text: "Lavrov heads Hamas.", expect: ["sergei-lavrov org:headOf hamas"]}]}
        """)
    rule = load_rules([f], pack.vocabulary).rules[0]
    firings, text = run_rule_on(rule, "Lavrov no longer heads Hamas.", pack.finder, pack.layout, pack.vocabulary)
    assert len(firings) == 1 and firings[0].context.negated and not firings[0].context.asserted


def test_quoted_facts_become_claims_of_the_speaker(tmp_path, pack):
    f = write_rules(tmp_path, """\
        rules:
          - id: heads
            description: leadership
            pattern: "{p:Person} heads {o:Organization}"
            emit: [[p, org:headOf, o]]
            examples: {match: [{text: "Lavrov heads Hamas.", expect: ["sergei-lavrov org:headOf hamas"]}]}
          - id: said
            description: a quotation followed by its speaker
            group: speech
            pattern: "{q:quote} [,] {s:Person} said"
            attribution: {holder: s, content: q}
            emit: [[s, kgo:quote, q]]
            examples: {match: [{text: '"Hi," Lavrov said.', expect: ['sergei-lavrov kgo:quote "Hi,"']}]}
        """)
    rs = load_rules([f], pack.vocabulary)
    reps, _ = explain_text('"Putin heads Hamas," Lavrov said. "Arafat heads Hamas." Meshaal heads Hamas.', rs,
                           pack.finder, pack.layout, pack.vocabulary)
    heads = [f for r in reps for f in r.fired if f.rule.id == "heads"]
    assert [(f.bindings["p"].value.entity.id, f.context.holder and f.context.holder.id) for f in heads] == [
        ("vladimir-putin", "sergei-lavrov"),   # inside Lavrov's quotation: his claim
        ("yasser-arafat", "sergei-lavrov"),    # the quotation goes on in the same paragraph
        ("khalid-mishal", None),               # the article's own voice: asserted
    ]
