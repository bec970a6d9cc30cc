"""The bundled offline sample (`vanban run`): portals in the style of the real ones (sites/),
their crawler profiles (profiles/), and the answers they must give (expected.json).

It ships inside the package (package data), so `vanban run` works after a plain
`pip install`. `content.py` holds the pages as data and `build_sample.py` writes sites/ from
it (`python -m vanban.sample.build_sample`); README.md says which documents are real.
"""

from __future__ import annotations

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent
