"""Headless Chromium for the tests that need a real browser (the network page, the query page).

Debian's `chromium` and `chromium-driver` (installed by .ci/run from .ci/apt-packages.txt), driven
through selenium with an explicit driver path, so selenium never tries to download a driver.
Every browser gets a new throwaway profile and the flags that keep Chromium off the network
(this machine's network is closed: without them Chromium retries blocked connections at start).

    from tests.browser import chromium

    def test_page(tmp_path):
        with chromium(tmp_path) as driver:
            driver.get(page.as_uri())

Outside CI a missing Chromium skips the test with the reason; in CI (CI=true) it fails, so a
broken install cannot pass as green.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                  "--no-first-run", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def find_chromium() -> tuple[str, str] | None:
    """(browser, driver) executables, or None when either is missing."""
    browser = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    driver = os.environ.get("KG_CHROMEDRIVER") or shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def require_chromium() -> tuple[str, str]:
    """The executables; skip (fail in CI) when Chromium, its driver or selenium is missing."""
    found = find_chromium()
    why = None
    if found is None:
        why = "Chromium not installed (Debian packages chromium and chromium-driver)"
    else:
        try:
            import selenium  # noqa: F401
        except ImportError:
            why = "selenium not installed (pip install -e '.[test]')"
    if why:
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    assert found is not None
    return found


@contextmanager
def chromium(profile_parent: str | Path | None = None, *, width: int = 1400, height: int = 900,
             offline: bool = True) -> Iterator[Any]:
    """A selenium WebDriver on headless Chromium with a new profile; `offline` also cuts the
    page's network through DevTools, so a page that needs a CDN fails visibly."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = require_chromium()
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=profile_parent)
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for flag in CHROMIUM_FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_argument(f"--window-size={width},{height}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=opts)
    try:
        if offline:
            driver.execute_cdp_cmd("Network.enable", {})
            driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
                "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver: Any) -> list[str]:
    """Severe messages from the page's console (script errors, failed loads)."""
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def artifact_path(name: str) -> Path:
    """Where a test keeps a screenshot for people to look at: tests/artifacts/ (git-ignored by
    its own .gitignore, written here so the folder never needs a line in the project's)."""
    ARTIFACTS.mkdir(exist_ok=True)
    ignore = ARTIFACTS / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    return ARTIFACTS / name
