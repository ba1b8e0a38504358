"""Walks over a dependency parse: a word's governing verb, its subject, objects and phrases.

The parser of the small model attaches many phrases to a neighbour of the word they belong
to; these helpers look where it tends to put them (`agreed to buy`: the subject of `agreed`).
"""
from __future__ import annotations

from spacy.tokens import Token

from extractors.triggers import cues

C = cues()


def governor(tok: Token) -> Token | None:
    """The verb a trigger noun is an argument of (`signed a deal`, `in talks with`)."""
    t = tok
    for _ in range(4):
        copula = t.dep_ == "nsubj" and t.head.lemma_ == "be"  # "the partnership was between A and B"
        if (copula or t.dep_ in ("dobj", "pobj", "prep", "attr", "conj", "appos", "nsubjpass", "oprd")) and t.head.i != t.i:
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        else:
            return None
    return None


def subject_of(tok: Token, depth: int = 0) -> list[Token]:
    """The subject of a verb, inherited over `agreed to buy`, `bought X and sold Y`, `signed a
    deal to supply`; of a noun, its possessor or its governing verb's subject. (A misparse may
    give a verb two subjects: `Existing backers A and B took part`.)"""
    found = [c for c in tok.children if c.dep_ in ("nsubj", "csubj") or (tok.pos_ == "NOUN" and c.dep_ == "poss")]
    if found:
        return found
    if depth > 4 or tok.head.i == tok.i:
        return []
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp"):
        return subject_of(tok.head, depth + 1)
    if tok.dep_ == "relcl":  # "the latest firm to sign a deal": the firm signs
        head = tok.head
        if head.dep_ == "attr":
            return subject_of(head.head, depth + 1)
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):  # "struck a deal to buy X"
            return subject_of(head, depth + 1)
        return [head]
    if tok.pos_ in ("NOUN", "PROPN"):
        gov = governor(tok)
        return subject_of(gov, depth + 1) if gov is not None else []
    if tok.dep_ == "pcomp":
        return subject_of(tok.head, depth + 1)
    return []


def preps(tok: Token, word: str) -> list[Token]:
    """Objects of the `word` phrases on a token (`with X`, `in Y`; `led_by` for `a round led
    by X`, `with participation from Y`)."""
    if word == "led_by":
        out = []
        for t in tok.subtree:
            if t.lemma_ == "lead" and t.dep_ in ("acl", "relcl"):
                out += [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if t.lower_ == "from" and t.head.lemma_ in ("participation", "backing", "support", "investment"):
                out += [g for g in t.children if g.dep_ == "pobj"]
        return out
    return [g for c in tok.children if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word
            for g in c.children if g.dep_ == "pobj"]


def objects(tok: Token) -> list[Token]:
    """A verb's objects, and its subject in the passive (`X was itself acquired`: the parser
    may leave a passive's subject `nsubj`, on the verb or on its `auxpass`)."""
    auxpass = [c for c in tok.children if c.dep_ == "auxpass"]
    return [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") or auxpass and c.dep_ == "nsubj"] + [
        c for a in auxpass for c in a.children if c.dep_ == "nsubj"]


def owned_by(tok: Token) -> list[Token]:
    """`plants belonging to X`, `a mine owned by X`: the owner a participle names."""
    return [g for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in C["owning_verbs"]
            for p in c.children if p.dep_ in ("prep", "agent") for g in p.children if g.dep_ == "pobj"]


def owners(tok: Token) -> list[Token]:
    """`X's plant`, `the unit of X`, `one million of X's TPUs`, `plants owned by X`: who owns a
    verb's object."""
    out = []
    for obj in objects(tok):
        out += owned_by(obj)
        for owned in [obj, *preps(obj, "of")]:
            out += [c for c in owned.children if c.dep_ == "poss"]
            if owned.lemma_.lower() in C["object_classes"]["chips"] | C["object_classes"]["stake"]:
                out += [c for c in owned.lefts if c.dep_ == "compound"]  # "AMD chips", "Intel shares"
        out += preps(obj, "of")
    return out
