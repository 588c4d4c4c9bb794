"""The harness behind tests/course/test_claims_0N.py: every number or comparison in a notebook's
prose is either printed by the code cell just before it or held here by a claim that recomputes
it through helpers, so that changing a helper that breaks a sentence fails a test.

A claim is (the exact words of the sentence, as they stand in one markdown cell; a function that
recomputes the fact and asserts it). `claim_tests(notebook, claims, not_quantities)` returns the
three tests each claims file runs:

- every claim's words stand in exactly one markdown cell of the notebook;
- every claim's check passes;
- every number in the notebook's prose (outside formulas, code and links) is in a claimed
  sentence, or in the text output of the code cell just before, or matched by one of
  `not_quantities` (regexes for numbers that are not quantities: "notebook 04", "Exercise 2",
  "2-8-1", a year), each with a reason beside it in the claims file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
NUMBER = re.compile(r"(?<![\w.])[−-]?\d+(?:[.,]\d+)*(?:\s?%)?")
# What is not prose: display and inline maths, inline code and code blocks, link targets, HTML.
NOT_PROSE = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|```.*?```|`[^`]*`|\]\([^)]*\)|<[^>]+>", re.S)
# Numbers that are never quantities in any notebook.
ALWAYS_ALLOWED = (
    r"^#+ \d\d —",             # the notebook's title, "# 05 — The learning rate"
    r"Open \d\d_\w+\.ipynb",     # the Binder badge's words
    r"\b\d+(?:-\d+)+\b",          # a network's layer sizes, "2-8-1"
    r"notebooks? \d\d",        # a reference to another notebook
    r"Exercise \d",            # exercise headings
    r"\[\d\d — ",               # the link to the next notebook, "[05 — The learning rate]"
    r"^\s*\d\. ",              # a numbered list's markers
)


@dataclass(frozen=True)
class Claim:
    """One quantitative sentence and the check that recomputes it."""

    words: str
    check: Callable[[], None]


def load(notebook: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "notebooks" / notebook, as_version=4)


def _cells_with(notebook: nbformat.NotebookNode, words: str) -> list[str]:
    return [cell.id for cell in notebook.cells
            if cell.cell_type == "markdown" and words in " ".join(cell.source.split())]


def _printed_before(cells: Sequence, index: int) -> str:
    """The text output of the code cell just before cell `index` (markdown cells between do not
    count: the number must be on the screen right above the sentence)."""
    before = cells[index - 1] if index else None
    if before is None or before.cell_type != "code":
        return ""
    texts = []
    for output in before.get("outputs", []):
        if output.output_type == "stream":
            texts.append(output.text)
        elif "text/plain" in output.get("data", {}):
            texts.append(output.data["text/plain"])
    return " ".join(" ".join(texts).split())


def unexplained_numbers(notebook_name: str, claims: Sequence[Claim],
                        not_quantities: Sequence[str]) -> list[str]:
    """Numbers in the notebook's prose that no claim holds and no output just before shows."""
    notebook = load(notebook_name)
    allowed = [re.compile(p, re.M) for p in (*ALWAYS_ALLOWED, *not_quantities)]
    problems = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "markdown":
            continue
        printed = _printed_before(notebook.cells, index)
        prose = NOT_PROSE.sub(" ", cell.source)
        covered = [m.span() for p in allowed for m in p.finditer(prose)]
        flat = " ".join(prose.split())
        claimed = [c.words for c in claims if c.words in " ".join(cell.source.split())]
        for match in NUMBER.finditer(prose):
            number = match.group().replace("−", "-").rstrip(" %").rstrip("%")
            start = match.start()
            if any(a <= start < b for a, b in covered):
                continue
            if any(match.group() in words for words in claimed):
                continue
            if number.lstrip("-") in printed:
                continue
            context = flat[max(0, flat.find(match.group()) - 40):][:90]
            problems.append(f"{cell.id}: {match.group()!r} in “…{context}…”")
    return problems


def claim_tests(notebook: str, claims: Sequence[Claim], not_quantities: Sequence[str] = ()):
    """The three tests of one notebook's claims (see the module docstring)."""
    ids = [claim.words[:50] for claim in claims]

    @pytest.mark.parametrize("claim", claims, ids=ids)
    def test_the_sentence_stands_in_one_cell(claim):
        found = _cells_with(load(notebook), claim.words)
        assert len(found) == 1, f"{claim.words!r} is in cells {found} of {notebook}"

    @pytest.mark.parametrize("claim", claims, ids=ids)
    def test_the_claim_holds(claim):
        claim.check()

    def test_every_number_in_the_prose_is_claimed_or_printed_just_before():
        assert unexplained_numbers(notebook, claims, not_quantities) == []

    return (test_the_sentence_stands_in_one_cell, test_the_claim_holds,
            test_every_number_in_the_prose_is_claimed_or_printed_just_before)
