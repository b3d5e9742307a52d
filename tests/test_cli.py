"""Bad input: one clear line naming the file, a non-zero exit, no traceback, no partial output."""
from __future__ import annotations

import os
import shutil

import pytest

from .conftest import ROOT, SEED, run_kg


def assert_clean_failure(r, *needles: str):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    err = r.stderr.strip()
    assert err.startswith("kg: error: "), err
    for n in needles:
        assert n in err, err


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("latin1.txt", "Mish'al met Lavrov in Moscow. Caf\u00e9".encode("latin-1"), "not valid UTF-8"),
])
def test_unreadable_articles(tmp_path, name, content, message):
    f = tmp_path / name
    f.write_bytes(content)
    out = tmp_path / "out.ttl"
    r = run_kg("build", f, "-o", out)
    assert_clean_failure(r, str(f), message)
    assert len(r.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_missing_path_and_directory(tmp_path):
    assert_clean_failure(run_kg("build", tmp_path / "nope.txt"), "nope.txt", "no such file")
    # a folder is a corpus (issue 6); one without articles is the error
    assert_clean_failure(run_kg("build", tmp_path), str(tmp_path), "no articles in folder")


def test_file_over_the_size_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("Lavrov met Meshaal. " * 100, encoding="utf-8")
    assert_clean_failure(run_kg("build", f, "--max-bytes", "1000"), "big.txt", "over the limit")


def test_unwritable_output_leaves_nothing(tmp_path):
    assert_clean_failure(run_kg("build", SEED, "-o", tmp_path / "no" / "such" / "dir.ttl"), "does not exist")
    assert_clean_failure(run_kg("build", SEED, "-o", tmp_path), "is a directory")
    if os.geteuid() != 0:  # root may write anywhere
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        assert_clean_failure(run_kg("build", SEED, "-o", ro / "x.ttl"), "permission denied")


def test_failure_after_start_leaves_old_output_intact(tmp_path):
    out = tmp_path / "out.ttl"
    out.write_text("previous", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    assert_clean_failure(run_kg("build", SEED, bad, "-o", out), "bad.txt")
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _pack_copy(tmp_path):
    data = tmp_path / "pack"
    shutil.copytree(ROOT / "data", data)
    return data


def test_malformed_rule_file(tmp_path):
    data = _pack_copy(tmp_path)
    (data / "rules" / "broken.yaml").write_text("rules:\n  - id: x\n    description: d\n    pattern: '{a:Person'\n",
                                                encoding="utf-8")
    r = run_kg("build", SEED, "--data", data, "-o", tmp_path / "o.ttl")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "rules/broken.yaml:4: bad pattern" in r.stderr and "(rule x)" in r.stderr
    assert not (tmp_path / "o.ttl").exists()


def test_malformed_gazetteer(tmp_path):
    data = _pack_copy(tmp_path)
    g = data / "gazetteer" / "extra.yaml"
    g.write_text("entities:\n  - id: Bad Id\n    type: Planet\n    label: X\n", encoding="utf-8")
    r = run_kg("build", SEED, "--data", data)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"{g}:2: id 'Bad Id' must be lower-case" in r.stderr
    assert "unknown type 'Planet'" in r.stderr
    g.write_text("entities: [unclosed\n", encoding="utf-8")
    r = run_kg("build", SEED, "--data", data)
    assert_clean_failure(r, "extra.yaml", "YAML syntax")


def test_bad_options():
    r = run_kg("build", SEED, "--format", "rdfxml")
    assert_clean_failure(r, "unknown format")
    r = run_kg("build", SEED, "--base", "not-an-iri")
    assert r.returncode == 2 and "--base" in r.stderr


def test_python_dash_m_kg_is_the_kg_command(tmp_path):
    """`python -m kg` (a Python whose scripts folder is not on PATH) builds the seed as `kg` does."""
    import subprocess
    import sys
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(SEED), "-q"], capture_output=True, text=True,
                       cwd=tmp_path, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout == run_kg("build", SEED, "-q").stdout and "Khalid Mish'al" in r.stdout
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "nope.txt")], capture_output=True,
                       text=True, cwd=tmp_path, timeout=120)
    assert r.returncode == 2 and r.stderr.startswith("kg: error: ") and "nope.txt" in r.stderr


def test_stdout_output_and_formats(tmp_path):
    r = run_kg("build", SEED, "-q")
    assert r.returncode == 0 and r.stdout.startswith("@prefix") and r.stderr == ""
    r = run_kg("build", SEED, "-o", tmp_path / "x.nq")
    assert r.returncode == 0
    assert (tmp_path / "x.nq").read_text(encoding="utf-8").count("<https://w3id.org/kg-news/id/article/") > 100


def test_explain_entity_and_fact(tmp_path, run):
    out = tmp_path / "seed.ttl"
    assert run("build", SEED, "-o", out).exit_code == 0
    r = run("explain", out, "Meshaal")  # an alias
    assert r.exit_code == 0
    assert "ent:khalid-mishal org:headOf ent:hamas" in r.output
    assert "rule leader.org-leader-name (rules/leadership.yaml:" in r.output
    assert "The six-member delegation, led by the movement’s top leader, Khalid Mish'al" in r.output
    r = run("explain", out, "khalid-mishal org:headOf hamas")
    assert r.exit_code == 0 and "[Asserted]" in r.output and "sentence 797-1001" in r.output
    r = run_kg("explain", out, "Nobody Atall")
    assert_clean_failure(r, "no entity named")


def test_rules_list_and_explain(run):
    r = run("rules", "list")
    assert r.exit_code == 0 and "leader.org-leader-name\trules/leadership.yaml:" in r.output
    r = run("rules", "explain", "Hamas leader Khaled Meshaal met Sergey Lavrov on Friday.", "--date", "2006-03-03")
    assert r.exit_code == 0
    assert "mention 'Khaled Meshaal' -> khalid-mishal (Person, name)" in r.output
    assert "time 'on Friday' -> 2006-03-03 (xsd:date" in r.output
    assert "FIRED leader.org-leader-name" in r.output and "khalid-mishal org:headOf hamas" in r.output


def test_every_command_has_help(run):
    from kg.cli import main
    for name, cmd in main.commands.items():
        assert cmd.help, name
        assert run(name, "--help").exit_code == 0
