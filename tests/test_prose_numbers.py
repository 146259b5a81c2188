"""Keep it true: every measured figure a notebook's prose states about its own run is one that the notebook's
stored outputs show, or one that its sentence links to the benchmark record for.

A *measured figure* is a number written in digits, in a markdown cell before the references, of one of four kinds:

- a percentage: ``99.18%``, ``99.18 %``, ``99.18 per cent``;
- a duration: ``108 s``, ``212 ms``, ``1.5 minutes``, ``3 hours``;
- a count of work or of mistakes: ``8,149 steps``, ``587 updates``, ``600 iterations``, ``5 epochs``,
  ``3 passes``, ``2 corrections``, ``86 wrong``, ``4 mistakes``, with at most one word between (``3 rows wrong``,
  ``5 training epochs``);
- a loss or error value: a decimal number at most three plain words after "loss", "error", "accuracy" or "cost",
  as in "a loss of 0.0431".

A list or range before one unit counts whole: "98.44, 98.94 and 99.05%", "98.76-98.86%" (members written with
the same number of decimals as the last). Years, citations ("65(6), 386-408"), the article's settings ("a learning
rate of 0.01"), formulas and small hand-worked numbers carry no such unit and are not checked; nor are numbers
written in words, inline code, a link's address, or a sentence that cites a source, "(Krizhevsky, Sutskever and
Hinton 2012)", which states a published figure, not one of this run. So write a figure the notebook measured in
digits, with its unit.

The figure is *shown* when a number in the notebook's stored text outputs (what its cells printed) has the same
value to the figure's own precision (``13.1`` matches a printed ``13.148``, ``99.2%`` a printed ``0.9918``),
thousands separators aside; a count may also be a setting written in the notebook's code (``num_updates=3_000``).
A figure its notebook does not print (a measurement made elsewhere, a median of three runs) belongs in
``benchmarks/findings.md`` or ``benchmarks/results.md``: then the sentence that states it links to that file, and
the file must hold the same figure. Re-executing a notebook therefore cannot leave a stale number in its prose
without this test naming the sentence. The rule is written out in CONTRIBUTING.md, "Checked outputs".
"""

import re

import nbformat
import pytest
from course_notebooks import NOTEBOOKS, ROOT, load

RECORDS = ("benchmarks/findings.md", "benchmarks/results.md")

DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
NUMBER = rf"(?<![\w.,])(?P<number>{DIGITS})(?![\w]|[.,]\d)"
# A list or range of figures sharing one unit: "98.44, 98.94 and 99.05%", "98.76-98.86%", "1 and 3 rows wrong".
FIGURES = rf"(?<![\w.,])(?P<figures>{DIGITS}(?:(?:,\s(?:and\s|or\s)?|\s(?:and|or|to)\s|\s?/\s?|-|\u2013){DIGITS})*)"
FIGURES += r"(?![\w]|[.,]\d)"
# Words that may stand between a count and its unit ("3 rows wrong", "5 training epochs"), but not these.
FILLER = r"(?!(?:the|a|an|of|to|in|at|by|for|and|or|than|more|fewer|its|their|s|ms|min|h)\b)[A-Za-z][\w-]*"
UNITS = {
    "percentage": r"\s?(?:%|per ?cent\b)",
    "duration": r"\s?(?:ms|s|sec|seconds?|min|minutes?|h|hours?)\b",
    "count": rf"\s(?:{FILLER}\s)?(?:steps?|updates?|iterations?|epochs?|passes|corrections?|mistakes?|wrong)\b",
}
# A decimal number at most three words after a word naming a loss or an error: "a loss of 0.0431".
LOSS = r"\b(?:loss|losses|error|errors|accuracy|cost)\b(?:\s[A-Za-z][\w-]*){0,3}\s"
LOSS += r"(?<![\w.,])(?P<figures>\d+\.\d+)(?![\w]|[.,]\d)"
# Where one sentence ends: after . ! ? (or one closing a bracket), but not after "et al.", "e.g." or "i.e.".
SENTENCE_END = r"(?<!\bal\.)(?<!e\.g\.)(?<!i\.e\.)(?:(?<=[.!?])|(?<=[.!?]\)))\s+"
# A sentence citing a source in the course's style, "(Krizhevsky, Sutskever and Hinton 2012)", states a published
# figure, not one of the notebook's own run.
CITATION = r"\([A-Z][^()]*\b1[5-9]\d\d[a-z]?\)|\([A-Z][^()]*\b20\d\d[a-z]?\)"


def value(text):
    """Return the number a figure's digits write, thousands separators removed."""
    return float(text.replace(",", ""))


def decimals(text):
    """Return how many digits a figure has after its decimal point."""
    return len(text.split(".")[1]) if "." in text else 0


def numbers_in(text):
    """Return every number written in text, as floats."""
    return [value(match.group("number")) for match in re.finditer(NUMBER, text.replace("_", ""))]


def shown(figure, kind, printed):
    """Return True when one of the printed numbers is the figure, to the figure's own precision."""
    target, half_unit = value(figure), 0.5 * 10 ** -decimals(figure) + 1e-9
    scales = (1, 100) if kind == "percentage" else (1,)
    return any(abs(number * scale - target) <= half_unit for number in printed for scale in scales)


def prose(notebook):
    """Return the notebook's markdown before its references, one paragraph at a time, without code or addresses."""
    paragraphs = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        text = cell.source.split("### References")[0]
        text = re.sub(r"`[^`]*`", " ", text)
        paragraphs += [part for part in re.split(r"\n\s*\n", text) if part.strip()]
        if "### References" in cell.source:
            break
    return paragraphs


def sentences(paragraph):
    """Split a paragraph into sentences: at each list item, and at a full stop, question or exclamation mark."""
    lines = [line.strip().lstrip(">").strip() for line in paragraph.splitlines()]
    items = re.split(r"\n(?=[-*] |\d+\. )", "\n".join(lines))
    return [sentence for item in items for sentence in re.split(SENTENCE_END, item.replace("\n", " "))]


def figures(sentence):
    """Return the measured figures a sentence states, as (kind, digits) pairs, in the order they appear."""
    text = re.sub(r"\]\([^)]*\)", "]", sentence)
    if re.search(CITATION, text):
        return []
    found = {}
    patterns = {kind: FIGURES + unit for kind, unit in UNITS.items()} | {"loss or error": LOSS}
    for kind, pattern in patterns.items():
        for match in re.finditer(pattern, text):
            members = list(re.finditer(DIGITS, match.group("figures")))
            for number in members:  # a list's members share its unit when they are written alike
                if decimals(number.group()) == decimals(members[-1].group()):
                    found.setdefault(match.start("figures") + number.start(), (kind, number.group()))
    return [found[position] for position in sorted(found)]


def printed_numbers(notebook):
    """Return every number the notebook's code cells printed or displayed as text in their stored outputs."""
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output.output_type == "stream":
                texts.append(output.text)
            elif "data" in output:
                texts += [output.data.get(kind, "") for kind in ("text/plain", "text/markdown", "text/html")]
    return numbers_in("\n".join(texts))


def code_numbers(notebook):
    """Return every number written in the notebook's code: the settings a learner can read there."""
    return numbers_in("\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code"))


def linked_records(sentence):
    """Return the benchmark record files the sentence links to."""
    return [record for record in RECORDS if re.search(r"\]\([^)]*" + re.escape(record) + r"[^)]*\)", sentence)]


def stale_figures(notebook, record_numbers):
    """Return a line for each figure in the notebook's prose that neither its outputs nor a linked record shows."""
    printed, settings = printed_numbers(notebook), code_numbers(notebook)
    problems = []
    for paragraph in prose(notebook):
        for sentence in sentences(paragraph):
            records = linked_records(sentence)
            for kind, figure in figures(sentence):
                if shown(figure, kind, printed) or kind == "count" and shown(figure, kind, settings):
                    continue
                if records and any(shown(figure, kind, record_numbers[record]) for record in records):
                    continue
                where = f"nor in {' or '.join(records)}, which the sentence links to" if records else (
                    "and the sentence links to no benchmark record")
                problems.append(f"{kind} {figure!r} is in no stored output {where}:\n    {sentence.strip()[:300]}")
    return problems


@pytest.fixture(scope="module")
def record_numbers():
    """The numbers written in each benchmark record."""
    return {record: numbers_in((ROOT / record).read_text(encoding="utf-8")) for record in RECORDS}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_measured_figure_in_the_prose_is_in_the_outputs_or_a_linked_record(name, record_numbers):
    problems = stale_figures(load(name), record_numbers)
    assert not problems, (
        f"{name}: {len(problems)} figure(s) in the prose that the notebook's own run does not show. Re-read the "
        "sentence against the stored outputs: print the figure in a cell, correct it, or link the sentence to "
        "benchmarks/findings.md where it is recorded.\n  " + "\n  ".join(problems)
    )


def notebook_with(prose_text, printed):
    """Return a one-markdown-cell, one-code-cell notebook whose code printed the given text."""
    output = nbformat.v4.new_output("stream", name="stdout", text=printed)
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(prose_text),
                                           nbformat.v4.new_code_cell("run()", outputs=[output])])


def test_the_four_kinds_of_measured_figure_are_found():
    sentence = ("It reached 99.18% in 108 s after 8,149 steps, with 86 digits wrong, 3 rows wrong and a loss "
                "of 0.0431; the runs gave 98.44, 98.94 and 99.05%.")
    assert figures(sentence) == [
        ("percentage", "99.18"), ("duration", "108"), ("count", "8,149"), ("count", "86"), ("count", "3"),
        ("loss or error", "0.0431"), ("percentage", "98.44"), ("percentage", "98.94"), ("percentage", "99.05"),
    ]


@pytest.mark.parametrize("sentence", [
    "In 1958 Rosenblatt ran it on an IBM 704, and in 1969 the book appeared.",
    "Psychological Review 65(6), 386-408.",
    "The article's loop uses a learning rate of 0.01 and num_iterations = 60.",
    "First the article's example: squares of area 1, 16 and 49.",
    "It won with a top-5 error of 15.3% against 26.2% (Krizhevsky, Sutskever and Hinton 2012).",
    "It took up to 24 hours to come back (Wallner 2017).",
    "Set `epochs=5` and see [the findings](../benchmarks/findings.md#run-2026-99).",
    "It was slow at 0.55 (watch the error climb), fast at 0.6.",
])
def test_years_citations_settings_and_hand_worked_numbers_are_not_measured_figures(sentence):
    assert figures(sentence) == [], f"{sentence!r} states no figure of the notebook's own run"


def test_a_stale_figure_is_caught_and_a_printed_one_passes():
    printed = "b and m are within 0.00005 of least squares after 8,149 steps\naccuracy 0.9918\n"
    assert stale_figures(notebook_with("It needs 8,149 steps and reaches 99.2%.", printed), {}) == []
    problems = stale_figures(notebook_with("It needs 8,150 steps and reaches 99.3%.", printed), {})
    assert [problem.split(" is in")[0] for problem in problems] == ["count '8,150'", "percentage '99.3'"]


def test_a_figure_measured_elsewhere_needs_a_link_to_the_record_that_holds_it():
    record = {"benchmarks/findings.md": [99.18, 108.0]}
    linked = "Three runs reached 99.18% ([findings](../benchmarks/findings.md#cpu))."
    assert stale_figures(notebook_with(linked, "nothing measured here\n"), record) == []
    assert stale_figures(notebook_with(linked.replace("99.18", "99.21"), "\n"), record), (
        "a linked figure that the record does not hold should be flagged"
    )
    assert stale_figures(notebook_with("Three runs reached 99.18%.", "\n"), record), (
        "a figure in no output should be flagged when its sentence links to no record"
    )
