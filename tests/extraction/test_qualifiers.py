"""Qualifiers: the cue in front of a figure decides; the cue is part of the fact's text."""
import pytest


@pytest.mark.parametrize("cue, qualifier", [
    ("about", "approx"), ("around", "approx"), ("roughly", "approx"), ("nearly", "approx"),
    ("almost", "approx"), ("some", "approx"), ("an estimated", "approx"), ("~", "approx"),
    ("up to", "up_to"), ("as much as", "up_to"), ("at most", "up_to"), ("no more than", "up_to"),
    ("more than", "more_than"), ("over", "more_than"), ("at least", "more_than"),
    ("upwards of", "more_than"), ("in excess of", "more_than"), ("north of", "more_than"),
    ("exceeding", "more_than"), ("less than", "less_than"), ("under", "less_than"),
    ("below", "less_than"),
])
def test_qualifier_cues(facts, cue, qualifier):
    text = f"The buyer will pay {cue} $40 million for the stake."
    [fact] = facts(text, "money")
    assert fact.qualifier == qualifier
    assert fact.text == f"{cue} $40 million"
    assert fact.value == 4e7


def test_fewer_than_chips(facts):
    [fact] = facts("The site runs fewer than 5,000 GPUs today.", "chips")
    assert fact.qualifier == "less_than"


def test_plain_figure_is_exact(facts):
    [fact] = facts("The buyer will pay $40 million.", "money")
    assert fact.qualifier == "exact"
