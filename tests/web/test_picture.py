"""The document pages' pictures come from one dot process kept running
(vanban/web/picture.py `_DotWorker`): the same drawings as a dot started for each."""

from __future__ import annotations

import os
import shutil

import pytest

from vanban.web import picture

# under CI a missing dot fails these tests rather than skipping them
pytestmark = pytest.mark.skipif(shutil.which("dot") is None and not os.environ.get("CI"),
                                reason="Graphviz dot is not installed")

SOURCES = ['digraph "a" { "33/CT-TTg" -> "21/KH-UBND" [href="/doc/21"] }',
           'digraph "b" { node [shape=box]; "35-CT/TU" -> "33/CT-TTg"; "x \\" y" }']


def test_the_kept_dot_draws_what_a_fresh_dot_draws():
    worker = picture._DotWorker()
    try:
        for source in SOURCES * 2:
            assert worker.draw(source, 10) == picture._draw(source, 10)
    finally:
        worker._stop()


def test_a_dot_that_died_or_hangs_is_replaced():
    worker = picture._DotWorker()
    try:
        assert worker.draw(SOURCES[0], 10)
        worker._proc.kill()
        worker._proc.wait()
        assert worker.draw(SOURCES[1], 10) == picture._draw(SOURCES[1], 10)
        assert worker.draw("digraph { a -> ", 0.5) is None     # never completed: given up
        assert worker._proc is None
        assert worker.draw(SOURCES[0], 10) == picture._draw(SOURCES[0], 10)
    finally:
        worker._stop()
