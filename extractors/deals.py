"""The `deals` component: which companies agreed with which, from sentence-level cues.

A sentence that names two or more companies and carries a deal cue (`agreement`, `invest`,
`stake`, `supply`, `with X`; `data/lexicon.json`) yields a deal. Names joined by `and` or
commas form one side (`Deutsche Telekom and Nvidia announced…`: a deal between them); names
on two sides of the sentence deal across (`Apple will pay $1 billion per year to Google`).
Names on one side deal with each other only where the sentence says so jointly (`AMD and
OpenAI announced a 6 gigawatt agreement`). A name right after a rival cue (`rivals like
OpenAI`) takes no part, nor does a chips' maker where two others deal over its chips (`IREN
will provide Microsoft with Nvidia GPUs`). The facts of the sentence belong to its deal. Deals
with the same parties are merged.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.anaphora import opening_anaphor, previous_subject
from extractors.chips import makes_chips
from extractors.facts import fact_spans, next_word, prev_word
from extractors.lexicon import lexicon

Doc.set_extension("deals", default=[], force=True)

_JOINERS = frozenset(lexicon()["group_joiners"])
_DESCRIBERS = frozenset(lexicon()["group_describers"])
_LINKS = frozenset(lexicon()["deal_links"])
_RIVALS = frozenset(lexicon()["rival_cues"])
_ANALYSTS = frozenset(lexicon()["analyst_words"])
_REPORTING = frozenset(lexicon()["reporting_verbs"])
_SELF = frozenset({"it", "its", "they", "their", "the"})
_TITLES = frozenset(lexicon()["job_titles"])
_JOINT_CUES = frozenset(lexicon()["joint_cues"])
_DEAL_CUES = frozenset(lexicon()["deal_cues"])
_CLAUSE_BREAKS = frozenset(lexicon()["clause_breaks"])
_FUNDING_CUES = frozenset(lexicon()["funding_cues"])
_BASED = re.compile(r"[\w.]+-(?:based|headquartered)\b")


def _joined(between: Span) -> bool:
    """`, `, ` and `, ` and U.S. chipmaker `, ` and London-based `: what may stand between two
    names of one side."""
    words = _BASED.sub(" ", between.text.lower()).split()
    return all(w in _JOINERS or w in _DESCRIBERS for w in words) and len(words) <= 4


def _groups(sent_mentions: list[Span]) -> list[list[str]]:
    """Runs of company names joined only by `,`, `and`, `&`: the sides of a sentence."""
    groups: list[list[str]] = []
    last_end = None
    for m in sent_mentions:
        between = m.doc[last_end:m.start] if last_end is not None else None
        joined = between is not None and _joined(between)
        if groups and joined:
            if m.kb_id_ not in groups[-1]:
                groups[-1].append(m.kb_id_)
        else:
            groups.append([m.kb_id_])
        last_end = m.end
    return [g for g in groups if g]


def _has_cue(sent: Span, mentions: list[Span], cues: frozenset[str]) -> bool:
    starts = {m.start for m in mentions}
    return any(t.lower_ in cues or (t.lower_ in _LINKS and t.i + 1 in starts) for t in sent)


def _takes_part(m: Span) -> bool:
    """Not a rival (`rivals like OpenAI`) nor the analysts' firm (`Morgan Stanley analysts
    said`, `analysts at Citi`)."""
    before = [prev_word(m.doc, m.start)]
    if before[0] is not None:
        before.append(prev_word(m.doc, before[0].i))
    words = [t.lower_ if t is not None else "" for t in before]
    after = next_word(m.doc, m.end)
    if after is not None and after.lower_ in _ANALYSTS or (words[0] == "at" and words[1] in _ANALYSTS):
        return False
    return not any(w in _RIVALS for w in words)


def _speaks(m: Span) -> bool:
    """`Goldman Sachs said Nvidia …`, `according to Microsoft`: the company reports on others
    (not `Mitsui said it agreed …`, where it speaks of itself)."""
    after, before = next_word(m.doc, m.end), prev_word(m.doc, m.start)
    if after is not None and after.lower_ in _REPORTING:
        told = next_word(m.doc, after.i + 1)
        return told is None or told.lower_ not in _SELF
    return before is not None and before.lower_ == "to" and (w := prev_word(m.doc, before.i)) is not None \
        and w.lower_ == "according"


def _employs(m: Span) -> bool:
    """`SK Group Chairman Chey Tae-won`: the company is named for a person's title."""
    after = next_word(m.doc, m.end)
    return after is not None and after.lower_ in _TITLES


def sentence_pairs(sent: Span, mentions: list[Span], subject: str | None = None) -> list[tuple[str, ...]]:
    """Party sets a sentence reports as dealing with each other; `subject` is the company the
    story is about, the partner of names that follow a bare `with`."""
    named = mentions  # cues such as `with X` are read on every name
    mentions = [m for m in mentions if _takes_part(m)]
    if all(_employs(m) for m in mentions):
        return []  # "OpenAI CEO Sam Altman met Samsung Electronics Chairman Lee": people meet
    mentions = _unless_too_few(mentions, _speaks)  # "Goldman Sachs said Nvidia agreed to supply Oracle"
    mentions = _unless_too_few(mentions, makes_chips)  # "IREN will provide Microsoft with Nvidia GPUs"
    if len({m.kb_id_ for m in mentions}) < 2:
        return []
    groups = _groups(mentions)
    if len(groups) == 1:
        # "partnerships with Amazon and Google", "backers A and B also took part in the round":
        # the names are partners of the company the story speaks of, not of each other
        with_subject = subject is not None and subject not in groups[0]
        if _after_with(sent, mentions[0]):
            partnered = with_subject and _has_cue(sent, named, _DEAL_CUES)
            return [(subject, name) for name in groups[0]] if partnered else []
        if with_subject and _funding(sent):
            return [(subject, name) for name in groups[0]]
        return [tuple(groups[0])] if _has_cue(sent, named, _JOINT_CUES) else []
    # "OpenAI, Nvidia and Nscale announced Stargate UK, under which OpenAI …": the opening side
    # acts jointly
    joint = [tuple(groups[0])] if len(groups[0]) > 1 and _has_cue(sent, named, _JOINT_CUES) else []
    if not _has_cue(sent, named, _DEAL_CUES):
        return joint
    # "Senior agreed with Cronus to buy its South Western unit": three single names, one deal;
    # otherwise only neighbouring sides deal ("… a deal with Microsoft, following Nebius and Lambda")
    reach = 2 if len(groups) == 3 and all(len(g) == 1 for g in groups) else 1
    return joint + [(x, y) for i, a in enumerate(groups) for b in groups[i + 1:i + 1 + reach] for x in a
                    for y in b if x != y]


def _unless_too_few(mentions: list[Span], leave_out) -> list[Span]:
    """`mentions` without those `leave_out` picks, unless fewer than two companies would remain."""
    kept = [m for m in mentions if not leave_out(m)]
    return kept if len({m.kb_id_ for m in kept}) >= 2 else mentions


def _after_with(sent: Span, first: Span) -> bool:
    """`with Amazon`, `partnerships with venture capital firms including Accel`: the names are
    the object of a `with` right before them, or of one that follows a deal word."""
    words = [t.lower_ for t in sent.doc[max(sent.start, first.start - 8):first.start] if not t.is_space][-6:]
    if words[-1:] == ["with"]:
        return True
    return any(w == "with" and i > 0 and words[i - 1] in _DEAL_CUES for i, w in enumerate(words))


def _funding(sent: Span) -> bool:
    """`backers … took part in the round`, `a Series C funding round`: money raised from them."""
    words = [t.lower_ for t in sent if not t.is_space]
    rounds = any(w == "round" and (words[i - 1] in _FUNDING_CUES or "series" in words[max(0, i - 2):i])
                 for i, w in enumerate(words) if i > 0)
    return rounds or any(w in {"backers", "backer"} for w in words) or "took part" in " ".join(words)


def _clauses(sent: Span) -> list[Span]:
    """The sentence cut at `while`, `whereas` and `;`: `Google will spend £5bn, while BlackRock
    plans £500m` reports two plans, not a deal between them."""
    cuts = [t.i for t in sent if t.lower_ in _CLAUSE_BREAKS]
    bounds = [sent.start, *cuts, sent.end]
    return [sent.doc[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


def _main_company(mentions: list[Span]) -> str | None:
    """The company the story is about: the one named most often, the first named on a tie."""
    counts = Counter(m.kb_id_ for m in mentions)
    return max(counts, key=counts.get) if counts else None


@Language.component("deals")
def deals(doc: Doc) -> Doc:
    """Stores `doc._.deals` as [parties, fact indexes] from each sentence's cues."""
    facts = fact_spans(doc)
    found: dict[frozenset, list] = {}
    mentions = list(doc.spans.get("companies", []))
    main = _main_company(mentions)
    for sent in doc.sents:
        # "The company said it agreed to buy Papyrus": the company named before is a party
        anaphor = opening_anaphor(sent)
        subject = previous_subject(sent, mentions) if anaphor is not None else None
        for clause in _clauses(sent):
            inside = [m for m in mentions if clause.start <= m.start < clause.end]
            if anaphor is not None and subject is not None and clause.start <= anaphor.start:
                inside.insert(0, Span(doc, anaphor.start, anaphor.end, label="COMPANY", kb_id=subject))
            for parties in sentence_pairs(clause, inside, main):
                key = frozenset(parties)
                deal = found.setdefault(key, [list(parties), []])
                deal[1].extend(i for i, f in enumerate(facts) if clause.start <= f.start < clause.end
                               and i not in deal[1])
    doc._.deals = list(found.values())
    return doc
