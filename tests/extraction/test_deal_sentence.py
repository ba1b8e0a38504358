"""What the parser reads of a candidate sentence (`deal_sentence.masked`): each company as one
known name, with its legal suffix, newswire brackets and ticker; offsets still the article's."""
import pytest

from extractors.deal_sentence import PLACEHOLDER, Sentence, masked
from extractors.references import Mentions
from extractors.syntax import parse

N = PLACEHOLDER


@pytest.mark.parametrize("text, words", [
    ("Tessly agreed to buy cybersecurity company Quibbly.", [N, "agreed", "to", "buy", "cybersecurity", "company", N, "."]),
    ("Marden Industries, Inc. will buy Pemberton Castings Inc <PCI> from <Wexford Mills Ltd>.",
     [N, "will", "buy", N, "from", N, "."]),
    ("Halvorsen Tooling Corp (NASDAQ: HTC) signed a deal with Marden Industries Corp (Australia).",
     [N, "signed", "a", "deal", "with", N, "(", "Australia", ")", "."]),
])
def test_each_company_is_one_name_to_the_parser(extractor, text, words):
    doc = extractor.nlp(text)
    sent = next(doc.sents)
    assert masked(sent, Mentions(doc.spans["companies"]))[0] == words


def test_the_parsed_words_map_back_to_the_articles_offsets(extractor):
    text = "Shares rose. Marden Industries, Inc. <MDI> will buy Pemberton Castings Inc for $40 million."
    doc = extractor.nlp(text)
    sent = list(doc.sents)[1]
    mentions = Mentions(doc.spans["companies"])
    words, spaces, origin = masked(sent, mentions)
    s = Sentence(sent, parse(extractor.nlp.get_pipe("deals").syntax, [(words, spaces)])[0], origin, mentions, [])
    assert [text[slice(*s.chars(j, j))] for j in range(len(words))] == [
        "Marden Industries, Inc. <MDI>", "will", "buy", "Pemberton Castings Inc", "for", "$", "40", "million", "."]
    assert sorted(set(s.names.values())) == ["Marden Industries", "Pemberton Castings"]
