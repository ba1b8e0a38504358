"""What the pretrained NER is shown (`prose_ner`): islands around words that can start a name."""
from __future__ import annotations

import pytest

from extractors.ner import _copy


@pytest.fixture(scope="module")
def seen(extractor):
    """The words of a text that the NER sees, blank lines between islands dropped."""
    def run(text: str) -> list[str]:
        doc = extractor.nlp.make_doc(text)
        for name in ("sentencizer", "line_breaks", "suffix_stops"):
            doc = extractor.nlp.get_pipe(name)(doc)
        copy, origin = _copy(doc)
        return [t.text for t, i in zip(copy, origin) if i >= 0]
    return run


def test_a_stop_word_opening_a_sentence_seeds_nothing(seen):
    assert seen("It said the talks were going well. The shares rose on the news.") == []


def test_months_weekdays_places_and_a_wire_signature_seed_nothing(seen):
    assert seen("shares rose in March and fell on Monday in Brazil, traders said.\n Reuter") == []


def test_a_name_after_an_opening_stop_word_is_seen_with_its_context(seen):
    words = seen("The Halvorsen Tooling board met on Friday and approved the plan.")
    assert words[:5] == ["The", "Halvorsen", "Tooling", "board", "met"]


def test_a_capitalised_word_inside_a_sentence_still_seeds_even_if_a_stop_word(seen):
    # "Next" opens no sentence here, so the retailer it may name is seen
    assert "Next" in seen("shares of Next rose after the results.")


def test_names_are_still_found_beside_pruned_words(extract):
    names = {c.name for c in extract("The deal was announced in March. It said Corvane Systems would buy "
                                     "Brightline Inc for $2 billion.").companies}
    assert {"Corvane Systems", "Brightline"} <= names
