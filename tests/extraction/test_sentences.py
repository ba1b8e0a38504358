"""Where sentences end: a legal suffix's full stop ends one when the next begins."""
import pytest


@pytest.mark.parametrize("text, sentences", [
    ("Zephyr Cloud will invest $4 billion in Brightline Labs Inc. As part of the deal, it gets a board seat.",
     ["Zephyr Cloud will invest $4 billion in Brightline Labs Inc.", "As part of the deal, it gets a board seat."]),
    ("Halvorsen bought Pemberton Corp. The price was not disclosed.",
     ["Halvorsen bought Pemberton Corp.", "The price was not disclosed."]),
    # a title or a name after the suffix goes on with the sentence
    ("Corvane Systems Inc. CEO Mara Lind said sales rose.", ["Corvane Systems Inc. CEO Mara Lind said sales rose."]),
    ("Shares of Pemberton Corp. rose 5 pct.", ["Shares of Pemberton Corp. rose 5 pct."]),
])
def test_sentences_end_after_a_legal_suffix_only_before_a_new_one(extractor, text, sentences):
    assert [s.text for s in extractor.nlp(text).sents] == sentences


def test_a_deal_and_its_figure_across_a_suffix_and_a_sentence(extract):
    result = extract("Halvorsen Tooling Corp agreed to buy Pemberton Castings Corp. The deal is worth $40 million.")
    [deal] = result.deals
    assert ({p.name: p.role for p in deal.parties}, [result.facts[i].text for i in deal.facts]) == (
        {"Halvorsen Tooling": "buyer", "Pemberton Castings": "target"}, ["$40 million"])
