"""Reading figures: every written form of a number the news uses."""
import pytest

from extractors import numbers


def _number(text: str, glued: list[bool] | None = None) -> float | None:
    tokens = text.split()
    return numbers.number(tokens, glued or [False] * len(tokens))


@pytest.mark.parametrize("text, value", [
    ("1,000,000", 1e6), ("1.5", 1.5), ("one million", 1e6), ("sixteen", 16), ("a dozen", 12),
    ("half a billion", 5e8), ("1.5 million", 1.5e6), ("twenty five", 25), ("15 mln", 15e6),
    ("1.2 billion", 1.2e9), ("two dozen", 24), ("three hundred thousand", 3e5), ("0.75", 0.75),
])
def test_number_words_and_digits(text, value):
    assert _number(text) == pytest.approx(value)


def test_one_letter_scales_only_when_glued():
    assert numbers.number(["2", "B"], [False, True]) == 2e9
    assert numbers.number(["100", "K"], [False, True]) == 1e5
    assert numbers.number(["2", "m"], [False, False]) is None  # "2 m" is two metres, not millions


@pytest.mark.parametrize("tokens, low, high", [
    ("tens of billions", 1e10, 1e11), ("hundreds of thousands", 1e5, 1e6), ("billions", 1e9, 1e10),
    ("multibillion", 1e9, 1e10), ("multi - million", 1e6, 1e7), ("millions", 1e6, 1e7),
])
def test_magnitudes(tokens, low, high):
    fig = numbers.magnitude(tokens.split())
    assert (fig.low, fig.high, fig.shape) == (low, high, "magnitude")


def test_not_numbers():
    assert _number("shares") is None
    assert numbers.magnitude(["several"]) is None


@pytest.mark.parametrize("text, value", [
    ("12,34,567", 1234567), ("1,00,000", 1e5), ("10 000", 1e4), ("1 298,00", 1298), ("399 167.00", 399167),
    ("1'049,95", 1049.95), ("1.144.000", 1144000), ("45,00", 45), ("9.990,00", 9990), ("1,5", 1.5),
    ("1,000", 1000), ("844,900", 844900), ("1.125", 1.125), ("2.499,-", 2499), ("50,-", 50),
])
def test_digit_groupings(text, value):
    assert numbers.digit_value(text) == pytest.approx(value)


def test_newswire_fractions():
    assert numbers.number(["37", "-", "1/2"], [False, True, True]) == 37.5
    assert numbers.number(["12", "5/8"], [False, False]) == 12.625
    assert numbers.fraction_value("24/7") is None  # not a newswire fraction


@pytest.mark.parametrize("tokens, low, high", [
    ("several hundred thousand", 1e5, 1e6), ("a few hundred thousand", 1e5, 1e6), ("several million", 1e6, 1e7),
    ("a few billion", 1e9, 1e10),
])
def test_vague_counts_are_magnitudes(tokens, low, high):
    fig = numbers.magnitude(tokens.split())
    assert (fig.low, fig.high, fig.shape) == (low, high, "magnitude")


def test_digit_groups_in_text_are_one_figure(facts):
    [fact] = facts("The bonus pool is 2 500 000 euros.", "money")
    assert fact.value == 2.5e6
    [chips] = facts("In 2025 300 GPUs were delivered.", "chips")
    assert chips.value == 300  # a year and a count are two figures


def test_a_date_before_digit_groups_keeps_them_apart(facts):
    [fact] = facts("In the year to March 31 139 mln dlrs was earned.", "money")
    assert fact.value == 139e6
