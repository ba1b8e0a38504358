"""What the parser reads of a candidate sentence, and which company each token of its parse
names and which facts it holds."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extractors.companies import SUFFIXES
from extractors.parse_tree import owned_by
from extractors.references import Mentions, references, resolve
from extractors.triggers import cues

C = cues()
OWNED = ("stake", "control", "compute", "chips")  # `X's chips`, `45 pct of X` name X
PLACEHOLDER = "Microsoft"
"""The word the parser reads for every company mention: a name it knows as a company (the
small model reads an unknown one-word name as a verb, `acquisition of company Splunk for`, and
long legal names as phrases of their own), so the sentence's structure is what it parses."""


def masked(sent: Span, mentions: Mentions) -> tuple[list[str], list[bool], list[int]]:
    """The words and spaces the parser reads for `sent`, each company mention one placeholder
    word (with the legal suffix, newswire brackets and ticker written with it: `Activision
    Blizzard, Inc.`, `<Qantas Airways Ltd>`, `Boeing Co <BA>`, `Constellation (NASDAQ:CEG)`); and
    for each of those words the index in `sent` of the first token it stands for."""
    ends = {}
    for m in mentions.within(sent):
        start, end = m.start - sent.start, min(m.end, sent.end) - sent.start
        if start > 0 and sent[start - 1].text == "<" and end < len(sent) and sent[end].text == ">":
            start, end = start - 1, end + 1
        if end - start > 1 and sent[end - 1].text in {"'", "’"}:
            end -= 1  # `Sun Industries'`: the apostrophe is read as the placeholder's `'s`
        ends[start] = _past_symbol(sent, _past_suffix(sent, end))
    words, spaces, origin = [], [], []
    after_name = set(ends.values())
    i = 0
    while i < len(sent):
        end = ends.get(i, i + 1)
        # `Sun Industries' acquisition`: a bare apostrophe after a name is the placeholder's possessive
        bare = i in after_name and sent[i].text in {"'", "’"}
        words.append(PLACEHOLDER if i in ends else "'s" if bare else sent[i].text)
        spaces.append(bool(sent[end - 1].whitespace_))
        origin.append(i)
        i = end
    return words, spaces, origin


def _past_suffix(sent: Span, end: int) -> int:
    """The end of a legal suffix that starts at `end` (`, Inc.`, `Corp`), else `end`."""
    start = end + (end < len(sent) and sent[end].text == ",")
    last = start
    while last < min(start + 2, len(sent)) and sent[last].lower_ in SUFFIXES and sent[last].text[:1].isupper():
        last += 1
    return last if last > start else end


def _past_symbol(sent: Span, end: int) -> int:
    """The end of a ticker in brackets that starts at `end` (`<BA>`, `(NASDAQ: MSFT)`), else `end`."""
    close = {"<": ">", "(": ")"}.get(sent[end].text) if end < len(sent) else None
    inside = sent[end + 1:end + 6]
    last = next((t.i - sent.start for t in inside if t.text == close), None)
    if last is None or last == end + 1 or not all(t.is_upper or t.is_punct or t.like_num
                                                  for t in sent[end + 1:last]):
        return end
    return last + 1


class Sentence:
    """A parsed sentence with the companies its tokens name and the facts it holds; `origin`
    gives each parsed token's first token in `sent` (`masked`)."""

    def __init__(self, sent: Span, parsed: Doc, origin: list[int], mentions: Mentions,
                 facts: list[tuple[int, Span]]) -> None:
        self.sent, self.doc = sent, parsed
        stands_for = list(zip(origin, [*origin[1:], len(sent)]))  # each parsed token's tokens in `sent`
        at = [j for j, (a, b) in enumerate(stands_for) for _ in range(a, b)]
        self.bounds = [(sent[a].idx, sent[b - 1].idx + len(sent[b - 1].text)) for a, b in stands_for]
        self.names: dict[int, str] = {}
        for m in mentions.within(sent):
            for i in range(m.start - sent.start, min(m.end, sent.end) - sent.start):
                self.names[at[i]] = m.kb_id_
        for ref in references(sent):
            if at[ref.start - sent.start] not in self.names and (name := resolve(ref, sent, mentions)):
                for i in range(ref.start - sent.start, ref.end - sent.start):
                    self.names.setdefault(at[i], name)
        self.facts = [(n, at[f.start - sent.start], at[f.end - 1 - sent.start] + 1) for n, f in facts]

    def chars(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets in the article of parsed tokens `first` to `last`."""
        return self.bounds[first][0], self.bounds[last][1]

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
        if owner := self._owner(tok, lemma, units):
            return owner
        if tok.lower_ in C["wh_words"]:  # "Anthropic, in which it has invested": the antecedent
            verb = tok.head.head if tok.head.dep_ == "prep" else tok.head
            if verb.dep_ == "relcl":
                return self.name(verb.head)
        return None

    def _owner(self, tok: Token, lemma: str, units: bool) -> str | None:
        """Whose the token is: `a subsidiary of X`, `45 pct of X`, `X's Azure cloud`, `one
        million of X's TPUs`, and with `units` `plants belonging to X`."""
        owners = []
        if (units and lemma in C["unit_words"]) or tok.pos_ == "NUM" or any(
                lemma in C["object_classes"][k] for k in OWNED):
            for c in tok.children:
                if c.dep_ == "poss":
                    owners.append(c)
                elif c.dep_ == "prep" and c.lower_ == "of":
                    owners += [g for g in c.children if g.dep_ == "pobj"][:1]
        if units:
            owners += owned_by(tok)
        return next((name for owner in owners if (name := self.name(owner))), None)

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
                # "a consortium led by A, which includes B": the clause hangs on the name
                stack.extend(x for c in t.children if c.dep_ == "relcl" and c.lemma_.lower() in C["membership_verbs"]
                             for x in c.children if x.dep_ in ("dobj", "attr"))
            elif t.lemma_.lower() in C["group_nouns"] or any(  # "a consortium comprising of A and B"
                    c.dep_ == "compound" and c.lemma_.lower() in C["group_nouns"] for c in t.children):
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
            # `HUMAIN, a subsidiary of PIF`: an apposition naming the parent describes the name
            stack.extend(c for c in t.children if c.dep_ == "conj" or c.dep_ == "appos" and not (
                name is not None and c.lemma_.lower() in C["unit_words"]))
        return list(dict.fromkeys(out))
