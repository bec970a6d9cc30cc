"""The crawl report: what a run found new, changed, unchanged, and what failed and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from crawlers.state import CrawlState

__all__ = ["CrawlReport", "report_for_run"]


@dataclass
class CrawlReport:
    """Outcome counts of one run, failures with reasons, charset and other notes."""

    run_id: str
    spider: str = ""
    reason: str | None = None          # how the run ended ("finished", "shutdown", ...)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[dict] = field(default_factory=list)   # [{"url", "reason"}]
    notes: dict[str, int] = field(default_factory=dict)  # note -> how many pages
    elapsed: float | None = None
    fetched: int | None = None

    def to_dict(self) -> dict:
        """The report as plain JSON-ready data."""
        return {"run_id": self.run_id, "spider": self.spider, "reason": self.reason, "new": self.new,
                "changed": self.changed, "unchanged": self.unchanged, "failed": self.failed,
                "failures": self.failures, "notes": self.notes, "elapsed": self.elapsed,
                "fetched": self.fetched}

    @property
    def nothing_fetched(self) -> str | None:
        """Why the run got nothing it asked for (every request failed), or None: the one line
        `vanban crawl` ends such a run with. Some failures among pages fetched are no such run."""
        if self.failed == 0 or self.new + self.changed + self.unchanged:
            return None
        reasons = Counter(f["reason"] for f in self.failures)
        reason, _ = reasons.most_common(1)[0] if reasons else ("?", 0)
        first = next((f["url"] for f in self.failures if f["reason"] == reason), "")
        others = f", {len(reasons) - 1} other reason(s)" if len(reasons) > 1 else ""
        asked = f"{self.failed} request{'s' if self.failed != 1 else ''}"
        return f"nothing was fetched: {asked} failed ({reason}: {first}{others})"

    def summary(self) -> str:
        """A short text for the terminal."""
        lines = [f"crawl {self.run_id} ({self.spider}): {self.reason or 'unfinished'}",
                 f"  new {self.new} · changed {self.changed} · unchanged {self.unchanged} · failed {self.failed}"]
        if self.fetched is not None and self.elapsed:
            lines.append(f"  fetched {self.fetched} responses in {self.elapsed:.1f}s")
        if self.failures:
            lines.append("  failures:")
            for f in self.failures:
                lines.append(f"    {f['reason']}: {f['url']}")
        if self.notes:
            lines.append("  notes:")
            for note, n in sorted(self.notes.items()):
                lines.append(f"    {note} ({n} page{'s' if n != 1 else ''})")
        return "\n".join(lines)


def report_for_run(state: CrawlState, run_id: str) -> CrawlReport:
    """Build the report of `run_id` from the outcomes table (each URL's last outcome counts)."""
    row = state.conn.execute("SELECT spider, reason FROM runs WHERE run_id = ?", (run_id,)).fetchone()
    report = CrawlReport(run_id=run_id, spider=row[0] if row else "", reason=row[1] if row else None)
    last: dict[str, tuple[str, str | None]] = {}
    notes: Counter[str] = Counter()
    for url, outcome, reason in state.outcomes(run_id):
        if outcome == "note":
            notes[reason or "?"] += 1
        else:
            last[url] = (outcome, reason)
    for url, (outcome, reason) in last.items():
        if outcome in ("new", "changed", "unchanged", "failed"):
            setattr(report, outcome, getattr(report, outcome) + 1)
        if outcome == "failed":
            report.failures.append({"url": url, "reason": reason})
    report.notes = dict(notes)
    return report
