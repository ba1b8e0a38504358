"""deal_triggers.jsonl is data a newcomer edits: a mistake in it is named at load, with its line."""
import json
import shutil

import pytest

from extractors import triggers


@pytest.fixture
def data(tmp_path, monkeypatch):
    shutil.copy(triggers.DATA / "deal_cues.json", tmp_path)
    monkeypatch.setattr(triggers, "DATA", tmp_path)
    triggers.cues.cache_clear()
    triggers.triggers.cache_clear()
    yield tmp_path
    triggers.cues.cache_clear()
    triggers.triggers.cache_clear()


def write(data, *rows):
    (data / "deal_triggers.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_a_new_trigger_is_one_line(data):
    write(data, {"lemma": "lease", "pos": "VERB", "object": "any", "type": "compute",
                 "slots": {"subject": "customer", "from": "supplier"}})
    [row] = triggers.triggers()[("lease", "VERB")]
    assert (row.type, dict(row.slots)) == ("compute", {"subject": "customer", "from": "supplier"})


@pytest.mark.parametrize("row, message", [
    ({"lemma": "x", "pos": "VERB", "object": "any", "type": "purchase", "slots": {}}, "unknown deal type"),
    ({"lemma": "x", "pos": "VERB", "object": "gadgets", "type": "supply", "slots": {}}, "unknown object class"),
    ({"lemma": "x", "pos": "NOUN", "object": "any", "type": "acquisition", "slots": {"with": "partner"}},
     "a acquisition has no role 'partner'"),
])
def test_a_bad_row_is_named_with_its_line(data, row, message):
    write(data, {"lemma": "lease", "pos": "VERB", "object": "any", "type": "compute", "slots": {}}, row)
    with pytest.raises(ValueError, match=f"deal_triggers.jsonl:2: {message}"):
        triggers.triggers()


def test_the_words_that_may_be_a_trigger_follow_the_lemmatizer(extractor):
    words = extractor.nlp.get_pipe("deals").trigger_words
    # inflections by the suffix rules, irregular forms by the exception table
    assert {"acquires", "acquired", "acquiring", "stakes", "bought", "sold", "led"} <= words
    # the same first letters are not enough: these sentences need no parse
    assert not {"continue", "partly", "formerly", "contain"} & words


def test_a_sentence_without_a_trigger_word_is_not_parsed(extractor):
    doc = extractor.nlp("Acme Corp and Zenith Inc continued to grow. Acme Corp will acquire Zenith Inc.")
    assert [s.text for s in extractor.nlp.get_pipe("deals").candidates(doc)] == [
        "Acme Corp will acquire Zenith Inc."]
