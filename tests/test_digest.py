"""kg/digest.py: the digests kg keys its caches and checks its outputs by are hashlib's, short
inputs and long, and a one-article `kg build` does not load OpenSSL for them."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from kg import digest

from .conftest import ROOT


@pytest.mark.parametrize("n", [0, 1, 63, 64, 1000, digest.LONG - 1, digest.LONG, 3 * digest.LONG + 5])
def test_the_same_digests_as_hashlib(n: int) -> None:
    data = bytes(range(256)) * (n // 256) + bytes(range(n % 256))
    assert digest.sha1(data).hexdigest() == hashlib.sha1(data).hexdigest()
    assert digest.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert digest.blake2b(data, digest_size=8).hexdigest() == hashlib.blake2b(data, digest_size=8).hexdigest()
    h, g = digest.sha1(), hashlib.sha1()
    for part in (data[:7], data[7:]):
        h.update(part)
        g.update(part)
    assert h.hexdigest() == g.hexdigest()


def test_a_one_article_build_does_not_load_openssl(tmp_path) -> None:
    code = ("import runpy, sys, os\n"
            "_exit = os._exit\n"
            "def ex(c):\n    print('_hashlib' in sys.modules, flush=True)\n    _exit(c)\n"
            "os._exit = ex  # (the kg command ends a build by os._exit)\n"
            "sys.argv = ['kg', 'build', sys.argv[1], '-o', sys.argv[2], '-q']\n"
            "try:\n    runpy.run_module('kg.cli', run_name='__main__')\nexcept SystemExit:\n"
            "    print('_hashlib' in sys.modules)\n")
    seed = ROOT / "data" / "articles" / "rferl-2006-03-03-hamas-moscow.txt"
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    for _ in range(2):  # the first builds the caches
        r = subprocess.run([sys.executable, "-c", code, str(seed), str(tmp_path / "seed.ttl")],
                           capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert r.stdout.strip() == "False"
