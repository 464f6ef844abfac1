"""The retrieval check (``answer-center eval``): does an agent that reads the site the way
agents read sites reach the right answer for each question the answers were written for?

For each published answer, its original question and every follow-up question are replayed
as an agent with no search tool does it (the llms.txt proposal, https://llmstxt.org/):

1. fetch ``/llms.txt``;
2. rank its link lines (``- [title](url): description``) by term overlap with the
   question (:mod:`answer_center.terms`: words, and character bigrams for Chinese), each
   shared term weighted by its rarity among the lines (``ln(1 + lines / lines holding
   it)``, so a term on every line counts least) and counted twice in the title; ties go
   to the line written first;
3. follow the best link: a per-topic ``llms.txt`` is read and ranked the same way, a
   Markdown mirror is fetched;
4. the question reaches its answer when that mirror is the answer's and its short answer
   ends within what the fetch returned.

Every fetch returns at most the byte budget, as agents' fetch tools truncate what they
read. The default, 100,000 bytes, is the truncation the Agent-Friendly Documentation
Spec lists for Claude Code's web fetch (~100,000 characters, "Known Platform Limits",
https://agentdocsspec.com/spec/) and the size above which the afdocs checker fails a page
(https://afdocs.dev/checks/page-size); other agents cut sooner, which ``--budget`` tries.
The bytes reported are those read until the short answer's end: the indexes read in full
(up to the budget) and the mirror up to the end of its short answer.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from answer_center import urls
from answer_center.kinds import ANSWER
from answer_center.render.inline import commonmark
from answer_center.site_reader import PublishedSite
from answer_center.terms import term_set

FETCH_BUDGET = 100_000
"""Bytes an agent's fetch returns at most (see the module's documentation for the source)."""
MAX_INDEXES = 3
"""llms.txt files followed at most for one question (the root, then per-topic ones)."""
TAIL = 40
"""Characters of the short answer's end looked for in the mirror: its start may be escaped
differently where it begins a line, its end never is."""

_LINK = re.compile(r"^- \[(?P<title>(?:\\.|[^\]\\])*)\]\((?P<url>[^)\s]+)\)(?::\s*(?P<text>.*))?$")


@dataclass(frozen=True)
class Link:
    """One link line of an llms.txt file."""

    title: str
    url: str
    description: str


@dataclass(frozen=True)
class Attempt:
    """One question replayed."""

    answer: str
    """The id of the answer the question belongs to."""
    question: str
    origin: str
    """``original`` or ``follow-up``."""
    reached: bool
    bytes: int
    """Bytes read until the short answer's end (or until the agent gave up)."""
    picked: str | None
    """The site path of the mirror the agent read, if any."""
    reason: str
    """Why it was not reached (empty when it was)."""


@dataclass(frozen=True)
class RetrievalReport:
    """Every question replayed, and the verdict against the threshold."""

    location: str
    budget: int
    threshold: int
    attempts: tuple[Attempt, ...]

    @property
    def reached(self) -> int:
        """Questions that reached their answer."""
        return sum(1 for a in self.attempts if a.reached)

    @property
    def percent(self) -> float:
        """Share of the questions that reached their answer, in percent."""
        return 100.0 * self.reached / len(self.attempts) if self.attempts else 0.0

    @property
    def passed(self) -> bool:
        """True when the share reached is at least the threshold."""
        return bool(self.attempts) and self.percent >= self.threshold


def llms_links(text: str) -> list[Link]:
    """The link lines of an llms.txt file, in order."""
    links = []
    for line in text.splitlines():
        match = _LINK.match(line.strip())
        if match:
            links.append(Link(match["title"], match["url"], match["text"] or ""))
    return links


def rank(question: str, links: Sequence[Link]) -> list[tuple[float, Link]]:
    """The links with their scores for ``question``, best first (ties in written order)."""
    asked = term_set(question)
    titles = [term_set(link.title) for link in links]
    lines = [title | term_set(link.description) for title, link in zip(titles, links, strict=True)]
    holding = Counter(term for line in lines for term in line & asked)
    weight = {term: math.log(1 + len(links) / count) for term, count in holding.items()}
    scored = [
        (sum(weight[t] for t in line & asked) + sum(weight[t] for t in title & asked), link)
        for title, line, link in zip(titles, lines, links, strict=True)
    ]
    order = sorted(range(len(scored)), key=lambda i: (-scored[i][0], i))
    return [scored[i] for i in order]


def questions(site: PublishedSite) -> list[tuple[Mapping[str, Any], str, str]]:
    """``(answer's API file, question, origin)`` of every published answer, in index order.
    Deprecated answers are left out, as llms.txt leaves them out."""
    found = []
    for listed in site.index:
        if listed.get("kind") != ANSWER.name or listed.get("status") != "published":
            continue
        data = site.entry(str(listed["id"]))
        fields = data.get("fields", {}) if data else {}
        found.append((data or {}, str(fields.get("original_question", "")), "original"))
        found += [
            (data or {}, str(item.get("question", "")), "follow-up")
            for item in fields.get("follow_ups", ())
        ]
    return found


def replay(
    site: PublishedSite, answer: Mapping[str, Any], question: str, origin: str, budget: int
) -> Attempt:
    """One question, read the way the module's documentation describes."""
    answer_id = str(answer.get("id"))
    wanted = site.path_of(str(answer.get("markdown_url", "")))
    spent = 0

    def missed(read: int, mirror: str | None, reason: str) -> Attempt:
        return Attempt(answer_id, question, origin, False, read, mirror, reason)

    index = urls.LLMS
    for _ in range(MAX_INDEXES):
        listing = site.read(index, budget)
        spent += len(listing)
        # A line cut by the budget is not a link the agent can follow.
        complete = listing if len(listing) < budget else listing[: listing.rfind(b"\n") + 1]
        ranked = rank(question, llms_links(complete.decode("utf-8", errors="ignore")))
        if not ranked or ranked[0][0] <= 0:
            return missed(spent, None, f"no link of {index} shares a term with the question")
        picked = site.path_of(ranked[0][1].url)
        if picked is None:
            return missed(
                spent, None, f"the best link of {index} leaves the site: {ranked[0][1].url}"
            )
        if not picked.endswith("/llms.txt"):
            break
        index = picked
    else:
        return missed(spent, None, f"more than {MAX_INDEXES} llms.txt files in a row")
    if picked != wanted:
        return missed(spent, picked, f"picked {picked} instead of {wanted}")
    mirror = site.read(picked, budget)
    short = commonmark(str(answer.get("fields", {}).get("short_answer", "")))
    tail = short[-TAIL:].encode()
    end = mirror.find(tail)
    if not tail or end < 0:
        return missed(
            spent + len(mirror),
            picked,
            f"the short answer is not within the first {budget} bytes of {picked}",
        )
    return Attempt(answer_id, question, origin, True, spent + end + len(tail), picked, "")


def check(site: PublishedSite, budget: int, threshold: int) -> RetrievalReport:
    """Replay every question of the site's published answers."""
    attempts = tuple(replay(site, a, q, origin, budget) for a, q, origin in questions(site))
    return RetrievalReport(site.location, budget, threshold, attempts)


def _verdict(report: RetrievalReport) -> str:
    return (
        f"{report.reached} of {len(report.attempts)} questions reach their answer "
        f"({report.percent:.1f} %, threshold {report.threshold} %, budget {report.budget} "
        f"bytes a fetch): {'passed' if report.passed else 'FAILED'}"
    )


def _by_answer(report: RetrievalReport) -> dict[str, list[Attempt]]:
    grouped: dict[str, list[Attempt]] = {}
    for attempt in report.attempts:
        grouped.setdefault(attempt.answer, []).append(attempt)
    return grouped


def format_text(report: RetrievalReport) -> str:
    """One line per answer, one per question missed, then the verdict."""
    lines = [f"retrieval check of {report.location}"]
    for answer_id, attempts in _by_answer(report).items():
        reached = [a for a in attempts if a.reached]
        most = max((a.bytes for a in reached), default=0)
        lines.append(
            f"  {answer_id}: {len(reached)}/{len(attempts)} questions reached"
            + (f", at most {most} bytes read" if reached else "")
        )
        lines += [
            f"    missed ({a.origin}) {a.question}: {a.reason}" for a in attempts if not a.reached
        ]
    lines.append(_verdict(report))
    return "\n".join(lines) + "\n"


def format_json(report: RetrievalReport) -> str:
    """The report for tools: every attempt, the totals and the verdict."""
    data = {
        "location": report.location,
        "budget_bytes": report.budget,
        "threshold_percent": report.threshold,
        "questions": len(report.attempts),
        "reached": report.reached,
        "reached_percent": round(report.percent, 1),
        "passed": report.passed,
        "answers": [
            {"id": answer_id, "questions": [asdict(a) for a in attempts]}
            for answer_id, attempts in _by_answer(report).items()
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def format_markdown(report: RetrievalReport) -> str:
    """A table of every question (for a pull request comment or a job summary)."""
    lines = [
        f"## Retrieval check of {report.location}",
        "",
        "| answer | question | reached | bytes | read |",
        "| --- | --- | --- | --- | --- |",
    ]
    for a in report.attempts:
        lines.append(
            f"| `{a.answer}` | {_cell(a.question)} ({a.origin}) | "
            f"{'yes' if a.reached else 'no: ' + _cell(a.reason)} | {a.bytes} | "
            f"{'`' + a.picked + '`' if a.picked else ''} |"
        )
    lines += ["", _verdict(report)]
    return "\n".join(lines) + "\n"


FORMATS: Mapping[str, Callable[[RetrievalReport], str]] = {
    "text": format_text,
    "json": format_json,
    "markdown": format_markdown,
}
"""The report's printers, by ``--format`` name."""
