"""Cost grows with the text, not faster: each hostile shape is extracted at two sizes, and
twice the text must cost about twice the time (a quadratic rule costs four times, a cubic one
eight). The shapes are texts a scraper or an attacker can produce: long runs of capitalised
words or numbers, one money phrase thousands of times, a whole article on one line, and
HTML with thousands of nested or sibling elements."""
from __future__ import annotations

import gc
import time

import pytest

from extractors.models import Article
from extractors.readers import read_file

SMALL = 20_000  # characters; the large size is twice this
MOST = 3.2      # time ratio allowed for 2x the text (linear: 2, quadratic: 4)


def _cycle(words: list[str], size: int) -> str:
    text = " ".join(words * (size // (len(" ".join(words)) + 1) + 1))
    return text[:text.rfind(" ", 0, size)]


def _repeat(unit: str, size: int) -> str:
    return unit * (size // len(unit))


TEXT_SHAPES = {
    "capitalised words": lambda n: _cycle("Amber Basalt Cobalt Delta Ember Fjord Granite Harbor".split(), n),
    "capitalised words before a suffix": lambda n: _repeat("Amber Basalt Cobalt Delta Ember Fjord Corp ", n),
    "titled words after a cue": lambda n: _repeat("Venture Called Amber Basalt ", n),
    "digits": lambda n: _cycle([str(i) for i in range(3, 400, 7)], n),
    "number words": lambda n: _cycle("two three seven eleven forty sixty".split(), n),
    "money phrases in one sentence": lambda n: _repeat("roughly $4 billion, ", n),
    "money sentences": lambda n: _repeat("They paid roughly $4 billion. ", n),
    "distinct money facts": lambda n: " ".join(f"Fee {i} was ${i}.5 million." for i in range(n // 28)),
    "one long line of prose": lambda n: _repeat("Zephyr Corp agreed to buy 20,000 chips from Quasar Inc for "
                                                "$1.2 billion, and Orion said it would add 3 gigawatts. ", n),
}


def _seconds(run, arg) -> float:
    """Wall time of one run with the cyclic garbage collector off, as `timeit` does: its passes
    scan every object of the whole test process (spaCy's models), whatever the text's size."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        run(arg)
        return time.perf_counter() - start
    finally:
        gc.enable()


def _ratio(run, make) -> float:
    """The best time of three at twice the size over the best of three at the size, timed in
    turn, so that the machine slowing down for a while slows both sizes alike."""
    run(make(SMALL // 10))  # warm caches
    small, large = make(SMALL), make(2 * SMALL)
    times = [(_seconds(run, small), _seconds(run, large)) for _ in range(3)]
    return min(t for _, t in times) / min(t for t, _ in times)


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_extraction_cost_is_linear_in_the_text(extractor, shape):
    def run(text):
        return extractor.extract(Article(id="t", text=text))

    assert _ratio(run, TEXT_SHAPES[shape]) < MOST


HTML_SHAPES = {
    "nested elements": lambda n: "<html><body>" + "<div><b>" * (n // 7) + "Zephyr pays $2 billion."
                                 + "</b></div>" * (n // 7) + "</body></html>",
    "sibling elements and boilerplate": lambda n: "<html><body><article>" + "".join(
        f"<p>Item {i}.</p><script>x()</script>" for i in range(n // 36)) + "</article></body></html>",
}


@pytest.mark.parametrize("shape", HTML_SHAPES)
def test_html_reading_cost_is_linear_in_the_page(tmp_path, shape):
    def run(page):
        path = tmp_path / "page.html"
        path.write_text(page, encoding="utf-8")
        [article] = list(read_file(path))
        return article

    assert _ratio(run, lambda n: HTML_SHAPES[shape](10 * n)) < MOST
