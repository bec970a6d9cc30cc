"""`vanban serve` as a person uses it: a real headless chromium (Debian's, driven by its
chromedriver through selenium) against the command started on a free port over the web
tests' store. Under CI=true a missing browser or driver fails the test."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.web.conftest import DISTRICT_12, NINH_THUAN_35

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"browser test cannot run under CI: {reason} "
                    "(apt-get install -y chromium chromium-driver, or bash tools/install.sh)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(web_db, tmp_path_factory):
    """Base URL of `vanban serve --db web_db` running in a child process."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log = open(tmp_path_factory.mktemp("serve") / "serve.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from vanban.cli import main; main()", "serve", "--db",
         str(web_db), "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"vanban serve did not start: {log.read()}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not Path(CHROMIUM).is_file():
        _unavailable(f"no chromium at {CHROMIUM}")
    if not Path(CHROMEDRIVER).is_file():
        _unavailable(f"no chromedriver at {CHROMEDRIVER}")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed (pip install -e '.[test]')")
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1300,1800",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _wait(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def test_search_open_the_directive_follow_via_and_export(served, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(served + "/")
    box = browser.find_element(By.CSS_SELECTOR, "input#q")
    assert browser.find_element(By.CSS_SELECTOR, "label[for=q]").text
    box.send_keys("CT 33", Keys.ENTER)
    _wait(lambda: "/search" in browser.current_url)

    # the 2021 directive among the results; open it
    results = browser.find_elements(By.CSS_SELECTOR, "ol.results li")
    directive = next(li for li in results if "2021-11-26" in li.text)
    directive.find_element(By.LINK_TEXT, "33/CT-TTg").click()
    _wait(lambda: "/doc/" in browser.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("33/CT-TTg")

    # its implementers, each with the evidence sentence and the cue marked
    section = browser.find_element(By.ID, "implementers")
    items = section.find_elements(By.CSS_SELECTOR, "li.implementer")
    assert len(items) >= 3
    first = items[0]
    assert first.find_element(By.CSS_SELECTOR, "blockquote.evidence mark").text
    district = next(li for li in items if "12-KH/HU" in li.text.split("\n")[0])
    assert district.get_attribute("data-depth") == "2"

    # open one implementer: the district plan says what it implements
    district.find_element(By.LINK_TEXT, "12-KH/HU").click()
    _wait(lambda: "12-KH" in browser.current_url)
    assert "35-CT/TU" in browser.find_element(By.ID, "ancestors").text
    browser.back()

    # follow "via": the provincial directive the district plan goes through
    section = browser.find_element(By.ID, "implementers")
    district = next(li for li in section.find_elements(By.CSS_SELECTOR, "li.implementer")
                    if "12-KH/HU" in li.text.split("\n")[0])
    district.find_element(By.CSS_SELECTOR, "a.via-link").click()
    _wait(lambda: "35-CT" in browser.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("35-CT/TU")
    assert "Ninh Thuận" in browser.find_element(By.ID, "facts").text

    # export its implementers as CSV
    browser.find_element(By.ID, "implementers").find_element(By.LINK_TEXT, "CSV").click()
    csv_file = _wait(lambda: next((p for p in browser.downloads.glob("*.csv")), None))
    assert csv_file, "no CSV downloaded"
    text = _wait(lambda: csv_file.read_text(encoding="utf-8-sig") or None)
    header, *rows = text.splitlines()
    assert header.startswith("implements,depth,via,key")
    assert any(DISTRICT_12 in row and NINH_THUAN_35 in row for row in rows)


def test_neighbourhood_picture_nodes_are_clickable(served, browser):
    from selenium.webdriver.common.by import By
    from urllib.parse import quote
    browser.get(served + "/doc/" + quote(NINH_THUAN_35, safe=""))
    links = browser.find_elements(By.CSS_SELECTOR, ".picture svg a")
    assert len(links) >= 3
    target = next(a for a in links if "12-KH" in (a.get_attribute("href") or "")
                  or "12-KH" in a.text)
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                           target)
    _wait(lambda: "12-KH" in browser.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("12-KH/HU")


def test_coverage_of_the_directive_and_a_province_page(served, browser):
    from selenium.webdriver.common.by import By
    from urllib.parse import quote

    from tests.web.conftest import CT33_KEY

    # the directive's page links to its coverage in the 34 provinces
    browser.get(served + "/doc/" + quote(CT33_KEY, safe=""))
    browser.find_element(By.CSS_SELECTOR, "a.coverage-link").click()
    _wait(lambda: "/coverage" in browser.current_url)
    rows = {r.find_element(By.TAG_NAME, "th").text.split("\n")[0]: r
            for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr")}
    assert len(rows) == 34
    khanh_hoa = rows["Khánh Hòa"]
    assert "yes" in khanh_hoa.get_attribute("class") and "Ninh Thuận" in khanh_hoa.text
    assert "35-CT/TU" in khanh_hoa.text and "2022-11-02" in khanh_hoa.text
    assert "no" in rows["Hà Nội"].get_attribute("class")

    # its first document, then the province page from the document's facts
    khanh_hoa.find_element(By.LINK_TEXT, "35-CT/TU").click()
    _wait(lambda: "35-CT" in browser.current_url)
    browser.find_element(By.ID, "facts").find_element(By.CSS_SELECTOR, "a.province").click()
    _wait(lambda: "/province/" in browser.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Khánh Hòa"
    most = browser.find_element(By.ID, "most-implemented")
    assert "35-CT/TU" in most.text

    # a kind of the province opens the search narrowed to it
    browser.find_element(By.ID, "by-kind").find_element(By.PARTIAL_LINK_TEXT, "(CT)").click()
    _wait(lambda: "/search" in browser.current_url)
    results = browser.find_elements(By.CSS_SELECTOR, "ol.results li")
    assert results and all("35-CT/TU" in li.text for li in results)
