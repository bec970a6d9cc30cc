"""Answers kept between requests while the store does not change.

The pages of the same central documents are asked again and again (the directive a
province is implementing this month), and each is a walk over thousands of documents.
The application keeps the last answers it computed, for every worker thread, under the
store's `change_token()` (graph/sqlite_read.py: the file's and its log's modification
time and size): the first request after any write, from any process, drops them all. A
store without a token (Neo4j) is asked every time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

SIZE = 256     # answers kept: a document page's slices are a few tens of kB


class AnswerCache:
    def __init__(self, size: int = SIZE):
        self.size = size
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._token: Any = None
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, token: Any, asked: Hashable, compute: Callable[[], Any]) -> Any:
        """The answer kept for `asked` under `token`, else `compute()` (kept if the token
        is still the same; `token` is read before computing, so that a write during the
        computation leaves an answer that the next request will not take)."""
        if token is None:
            return compute()
        with self._lock:
            if token != self._token:
                self._answers.clear()
                self._token = token
            if asked in self._answers:
                self._answers.move_to_end(asked)
                self.hits += 1
                return self._answers[asked]
            self.misses += 1
        answer = compute()
        with self._lock:
            if token == self._token:
                self._answers[asked] = answer
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)
        return answer
