"""The tagger, lemmatizer and dependency parser of the pretrained model, run on chosen sentences.

The extraction pipeline leaves these components out: most text never needs a parse. The deals
component asks for one only on sentences that can state a deal, and gets each back as a Doc of
its own (`deal_sentence.masked` gives it the words to parse).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import numpy as np
import spacy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

SYNTAX = ["tok2vec", "tagger", "parser", "token_attributes", "attribute_ruler", "lemmatizer"]


@cache
def syntax_nlp(model: str, vocab: Vocab) -> Language:
    """The model's syntax components alone, sharing the extraction pipeline's vocab; the
    attribute ruler's one-token rules are applied by `token_attributes`, its few others by
    the ruler itself, after them (none of those sets what a later one-token rule sets)."""
    nlp = spacy.load(model, vocab=vocab, exclude=["ner", "senter"])
    ruler = nlp.get_pipe("attribute_ruler")
    rules = ruler.patterns
    ruler.clear()
    ruler.add_patterns([r for r in rules if not _one_token(r)])
    nlp.add_pipe("token_attributes", before="attribute_ruler").load([r for r in rules if _one_token(r)])
    nlp.select_pipes(enable=SYNTAX)
    return nlp


def _one_token(rule: dict) -> bool:
    return all(len(pattern) == 1 for pattern in rule["patterns"])


def _holds(spec: object, value: object) -> bool:
    """A Matcher token spec's test of one attribute: a value, or `IN`, `NOT_IN`, `REGEX`."""
    if not isinstance(spec, dict):
        return spec == value
    return all(value in arg if op == "IN" else value not in arg if op == "NOT_IN" else bool(re.search(arg, value))
               for op, arg in spec.items())


@Language.factory("token_attributes")
class TokenAttributes:
    """The attribute ruler's one-token rules (tag to POS and morphology, word exceptions), worked
    out once per distinct tag, word, dependency and space flag. The ruler itself tests each of its
    179 Matcher patterns at every token, which cost more than the parse."""

    KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}

    def __init__(self, nlp: Language, name: str) -> None:
        self.vocab = nlp.vocab
        self.rules: list[tuple[list[dict], dict]] = []
        self.gates: dict[tuple[str, str] | None, list[int]] = {}  # rules by the word or tag they name
        self.memo: dict[tuple, tuple[int, int, int, str | None, str | None]] = {}

    def load(self, rules: list[dict]) -> None:
        if unknown := {k for r in rules for p in r["patterns"] for k in p[0]} - set(self.KEYS):
            raise ValueError(f"attribute rules test {sorted(unknown)}, which token_attributes does not read")
        self.rules = [([p[0] for p in r["patterns"]], r["attrs"]) for r in rules]
        # most rules name one word or one tag: only those can match a token with another
        for n, (patterns, _) in enumerate(self.rules):
            plain = [(name, patterns[0][name]) for name in ("LOWER", "TAG") if isinstance(patterns[0].get(name), str)]
            gate = plain[0] if len(patterns) == 1 and plain else None
            self.gates.setdefault(gate, []).append(n)

    def __call__(self, doc: Doc) -> Doc:
        keys = doc.to_array(list(self.KEYS.values())).tolist()
        values = [self.memo.get(tuple(k)) or self._work_out(tuple(k)) for k in keys]
        doc.from_array([POS, MORPH, LEMMA], np.array([v[:3] for v in values], dtype=np.uint64).reshape(len(doc), 3))
        for token, (*_, tag, dep) in zip(doc, values):
            if tag is not None:
                token.tag_ = tag
            if dep is not None:
                token.dep_ = dep
        return doc

    def _work_out(self, key: tuple) -> tuple:
        strings = self.vocab.strings
        token = {"TAG": strings[key[0]] if key[0] else "", "LOWER": strings[key[1]],
                 "DEP": strings[key[2]] if key[2] else "", "IS_SPACE": bool(key[3])}
        attrs: dict[str, str] = {}
        gated = [n for gate in (None, ("TAG", token["TAG"]), ("LOWER", token["LOWER"])) for n in self.gates.get(gate, [])]
        for n in sorted(gated):  # later rules win, as in the ruler
            patterns, rule_attrs = self.rules[n]
            if any(all(_holds(spec, token[name]) for name, spec in p.items()) for p in patterns):
                attrs.update(rule_attrs)
        value = (strings.add(attrs["POS"]) if "POS" in attrs else 0,
                 self.vocab.morphology.add(attrs["MORPH"]) if "MORPH" in attrs else 0,
                 strings.add(attrs["LEMMA"]) if "LEMMA" in attrs else 0, attrs.get("TAG"), attrs.get("DEP"))
        self.memo[key] = value
        return value


def parse(nlp: Language, sentences: Iterable[tuple[list[str], list[bool]]], batch_size: int = 256) -> list[Doc]:
    """Each sentence, given as its words and whether a space follows each, as a parsed Doc."""
    copies = [Doc(nlp.vocab, words=words, spaces=spaces) for words, spaces in sentences]
    return list(nlp.pipe(copies, batch_size=batch_size))
