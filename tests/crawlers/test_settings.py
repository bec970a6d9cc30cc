"""Every VANBAN_* setting the crawler reads is declared, with its default, in crawlers/settings.py."""

import re
from pathlib import Path

import crawlers.settings

ROOT = Path(__file__).resolve().parents[2]


def test_every_vanban_setting_is_declared():
    files = [*ROOT.joinpath("crawlers").rglob("*.py"), ROOT / "vanban" / "cmd_crawl.py"]
    read = {name for f in files for name in re.findall(r"[\"'](VANBAN_[A-Z_]+)[\"']", f.read_text(encoding="utf-8"))}
    assert read and not {n for n in read if not hasattr(crawlers.settings, n)}


def test_components_are_found_through_scrapy_not_crawler_attributes():
    for f in ROOT.joinpath("crawlers").rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"crawler\.(crawlbook|vanban_\w+)\b", text), f
