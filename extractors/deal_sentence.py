"""Which company each token of a parsed candidate sentence names, and which facts it holds."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extractors.references import Mentions, references, resolve
from extractors.triggers import cues

C = cues()
OWNED = ("stake", "control", "compute", "chips")  # `X's chips`, `45 pct of X` name X


class Sentence:
    """A parsed sentence with the companies its tokens name and the facts it holds."""

    def __init__(self, sent: Span, parsed: Doc, mentions: Mentions, facts: list[tuple[int, Span]]) -> None:
        self.sent, self.doc = sent, parsed
        self.names: dict[int, str] = {}
        for m in mentions.within(sent):
            for i in range(m.start - sent.start, min(m.end, sent.end) - sent.start):
                self.names[i] = m.kb_id_
        for ref in references(sent):
            if ref.start - sent.start not in self.names and (name := resolve(ref, sent, mentions)):
                for i in range(ref.start - sent.start, ref.end - sent.start):
                    self.names.setdefault(i, name)
        self.facts = [(n, f.start - sent.start, f.end - sent.start) for n, f in facts]

    def name(self, tok: Token, units: bool = True) -> str | None:
        """The company a token names: in a mention or a reference, the owner of a unit (`its
        unit`, `a subsidiary of X`), the employer of a person named with it (`Microsoft Chief
        Executive Satya Nadella`, `OpenAI's Sam Altman`), or the antecedent of `which`/`who`."""
        if tok.i in self.names:
            return self.names[tok.i]
        if tok.pos_ == "PROPN":
            employer = next((self.names[t.i] for c in tok.lefts if c.dep_ in ("compound", "poss")
                             for t in c.subtree if t.i in self.names), None)
            if employer is not None:
                return employer
        lemma = tok.lemma_.lower()
        if lemma in C["descriptors"] and tok.dep_ in ("nsubj", "nsubjpass") and (named := self._described(tok)):
            return named
        if lemma in C["unit_words"]:  # "its affiliate ICAS Corp" is ICAS; "its unit" the owner's
            named = next((self.names[t.i] for c in tok.children if c.dep_ in ("compound", "appos")
                          for t in c.subtree if t.i in self.names), None)
            if named is not None:
                return named
        if (units and lemma in C["unit_words"]) or tok.pos_ == "NUM" or any(
                lemma in C["object_classes"][k] for k in OWNED):
            # "a subsidiary of X", "45 pct of X", "X's Azure cloud", "one million of X's TPUs"
            for c in tok.children:
                if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of"):
                    owner = c if c.dep_ == "poss" else next((g for g in c.children if g.dep_ == "pobj"), None)
                    if owner is not None and (name := self.name(owner)):
                        return name
        if tok.lower_ in C["wh_words"]:  # "Anthropic, in which it has invested": the antecedent
            verb = tok.head.head if tok.head.dep_ == "prep" else tok.head
            if verb.dep_ == "relcl":
                return self.name(verb.head)
        return None

    def _described(self, tok: Token) -> str | None:
        """`HUMAIN, the AI company, has announced …`: a description set off after a name, as the
        subject the parse made of it (leaving the name out of the clause), is that name's."""
        i = tok.left_edge.i - 1
        while i >= 0 and self.doc[i].is_punct:
            i -= 1
        return self.names.get(i) if i >= 0 and self.doc[i + 1].is_punct else None

    def companies(self, tok: Token | None, units: bool = True) -> list[str]:
        """The companies a slot's head token names, over `A, B and C`, appositions and lists
        (`investors including A and B`, `partners include A and B`); `units=False` leaves out
        the owners of units (`buy its unit` buys a business, not the company)."""
        if tok is None:
            return []
        out: list[str] = []
        stack, seen = [tok], set()
        while stack:
            t = stack.pop(0)
            if t.i in seen:
                continue
            seen.add(t.i)
            name = self.name(t, units)
            if name is not None:
                out.append(name)
            elif t.lemma_.lower() in C["group_nouns"]:
                stack.extend(g for c in t.children if c.dep_ == "prep" and c.lower_ in C["list_preps"]
                             for g in c.children if g.dep_ == "pobj")
                # "a consortium led by A, which includes B", "comprising C and D"
                for c in t.children:
                    if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in C["membership_verbs"]:
                        stack.extend(g for x in c.children if x.dep_ in ("agent", "prep")
                                     for g in x.children if g.dep_ == "pobj")
                        stack.extend(x for x in c.children if x.dep_ in ("dobj", "attr"))
                if t.dep_ == "nsubj" and t.head.lemma_ == "include":
                    stack.extend(c for c in t.head.children if c.dep_ in ("dobj", "attr"))
            stack.extend(c for c in t.children if c.dep_ in ("conj", "appos"))
        return list(dict.fromkeys(out))
