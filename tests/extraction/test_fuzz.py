"""Property tests: whatever the text, extraction never fails, every fact is grounded and sane,
and figures written in any supported form read back exactly."""
from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.models import Article

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

WORDS = ["$", "€", "£", "1.5", "2,000", "bn", "billion", "mln", "dlrs", "GW", "MW", "gigawatts", "-",
         "to", "and", "between", "up", "to", "more", "than", "about", "tens", "of", "billions", "GPUs",
         "H100", "Nvidia", "Inc", "Corp", "(", ")", "<", ">", "'s", "\n", "\n\n", "  ", "agreed", "with",
         "Google", "one", "million", "a", "half", "multi", "72-GPU", "rack", "per", "year", "~", "cts"]


def check(extractor, text: str):
    result = extractor.extract(Article(id="fuzz", text=text))
    for f in result.facts:
        assert text[f.start:f.end] == f.text
        for x in (f.value, f.low, f.high):
            negative = f.kind == "money" and f.text[:1] in "-−("  # `-$99.99`, a table's `($99.99)`
            assert x is None or (math.isfinite(x) and (x > 0 or negative and x < 0))
        if f.low is not None and f.high is not None:
            assert f.low <= f.high
        if f.value is not None and f.low is not None:
            assert f.low <= f.value <= f.high
    names = {c.name for c in result.companies}
    for d in result.deals:
        assert set(d.names) <= names and len(set(d.names)) >= 2
        assert all(0 <= i < len(result.facts) for i in d.facts)
    return result


@FUZZ
@given(st.text(max_size=300))
def test_any_unicode_text(extractor, text):
    check(extractor, text)


@FUZZ
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.lists(st.sampled_from([" ", "", "\n", "\t", ", "]), min_size=1))
def test_figure_soup_with_random_whitespace(extractor, words, gaps):
    text = "".join(w + gaps[i % len(gaps)] for i, w in enumerate(words))
    check(extractor, text)


def _digits(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


SCALES = {"": 1, " million": 1e6, " billion": 1e9, "bn": 1e9, " mln": 1e6, " thousand": 1e3, "B": 1e9, "K": 1e3}
CURRENCY_BEFORE = {"$": "USD", "€": "EUR", "£": "GBP", "US$": "USD"}
CURRENCY_AFTER = {" dlrs": "USD", " euros": "EUR", " stg": "GBP", " yen": "JPY", " dollars": "USD"}


@FUZZ
@given(st.integers(1, 999_999), st.sampled_from([0, 1, 2]), st.sampled_from(list(SCALES)),
       st.sampled_from(list(CURRENCY_BEFORE) + list(CURRENCY_AFTER)))
def test_money_reads_back(extractor, n, decimals, scale, currency):
    number = _digits(n / 10 ** decimals, decimals)
    if currency in CURRENCY_BEFORE:
        figure, code = f"{currency}{number}{scale}", CURRENCY_BEFORE[currency]
    else:
        figure, code = f"{number}{scale}{currency}", CURRENCY_AFTER[currency]
    text = f"The company said it would pay {figure} for the unit."
    [fact] = [f for f in check(extractor, text).facts if f.kind == "money"]
    assert fact.value == pytest.approx(float(number.replace(",", "")) * SCALES[scale])
    assert fact.currency == code
    assert fact.text == figure


UNITS = {"W": 1, "kW": 1e3, "MW": 1e6, "GW": 1e9, " watts": 1, " kilowatts": 1e3, " megawatts": 1e6,
         " gigawatts": 1e9, " megawatt": 1e6, "-gigawatt": 1e9}


@FUZZ
@given(st.integers(1, 99_999), st.sampled_from([0, 1]), st.sampled_from(list(UNITS)),
       st.sampled_from(["", "up to ", "about ", "more than "]))
def test_power_reads_back(extractor, n, decimals, unit, cue):
    number = _digits(n / 10 ** decimals, decimals)
    text = f"The operator will add {cue}{number}{unit} of capacity next year."
    [fact] = [f for f in check(extractor, text).facts if f.kind == "power"]
    assert fact.value == pytest.approx(float(number.replace(",", "")) * UNITS[unit])
    assert fact.text == f"{cue}{number}{unit}"


MODELS = {"H100": "Nvidia", "B200": "Nvidia", "MI300X": "AMD", "Trainium2": "Amazon", "TPU": "Google"}


@FUZZ
@given(st.integers(2, 5_000_000), st.sampled_from(list(MODELS)), st.sampled_from(["", " GPUs", " chips", "s"]))
def test_chip_counts_read_back(extractor, n, model, head):
    text = f"The lab will deploy {n:,} {model}{head} in its new cluster."
    [fact] = [f for f in check(extractor, text).facts if f.kind == "chips"]
    assert fact.value == n
    assert fact.vendor == MODELS[model]
    assert model in fact.chip
