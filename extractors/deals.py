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
_JOINT_CUES = frozenset(lexicon()["joint_cues"])
_DEAL_CUES = frozenset(lexicon()["deal_cues"])


def _joined(between: Span) -> bool:
    """`, `, ` and `, ` and U.S. chipmaker `: what may stand between two names of one side."""
    words = [t.lower_ for t in between if not t.is_space]
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
    window = [prev_word(m.doc, m.start)]
    if window[0] is not None:
        window.append(prev_word(m.doc, window[0].i))
    after = next_word(m.doc, m.end)
    analysts = (after is not None and after.lower_ in _ANALYSTS) or (
        window[0] is not None and window[0].lower_ == "at" and window[1] is not None and window[1].lower_ in _ANALYSTS)
    return not analysts and not any(t is not None and t.lower_ in _RIVALS for t in window)


def sentence_pairs(sent: Span, mentions: list[Span]) -> list[tuple[str, ...]]:
    """Party sets a sentence reports as dealing with each other."""
    mentions = [m for m in mentions if _takes_part(m)]
    others = [m for m in mentions if not makes_chips(m)]
    if len({m.kb_id_ for m in others}) >= 2:
        mentions = others
    if len({m.kb_id_ for m in mentions}) < 2:
        return []
    groups = _groups(mentions)
    if len(groups) == 1:
        # "partnerships with Amazon and Google": the names are partners of someone unnamed
        before = prev_word(sent.doc, mentions[0].start)
        linked = before is not None and before.lower_ == "with"
        joint = _has_cue(sent, mentions, _JOINT_CUES)
        return [tuple(groups[0])] if joint and not linked else []
    if not _has_cue(sent, mentions, _DEAL_CUES):
        return []
    # "Senior agreed with Cronus to buy its South Western unit": three single names, one deal;
    # otherwise only neighbouring sides deal ("… a deal with Microsoft, following Nebius and Lambda")
    reach = 2 if len(groups) == 3 and all(len(g) == 1 for g in groups) else 1
    return [(x, y) for i, a in enumerate(groups) for b in groups[i + 1:i + 1 + reach] for x in a for y in b
            if x != y]


@Language.component("deals")
def deals(doc: Doc) -> Doc:
    """Stores `doc._.deals` as [parties, fact indexes] from each sentence's cues."""
    facts = fact_spans(doc)
    found: dict[frozenset, list] = {}
    mentions = list(doc.spans.get("companies", []))
    for sent in doc.sents:
        inside = [m for m in mentions if sent.start <= m.start < sent.end]
        # "The company said it agreed to buy Papyrus": the company named before is a party
        if (anaphor := opening_anaphor(sent)) and (subject := previous_subject(sent, mentions)):
            inside.insert(0, Span(doc, anaphor.start, anaphor.end, label="COMPANY", kb_id=subject))
        for parties in sentence_pairs(sent, inside):
            key = frozenset(parties)
            deal = found.setdefault(key, [list(parties), []])
            deal[1].extend(i for i, f in enumerate(facts) if sent.start <= f.start < sent.end
                           and i not in deal[1])
    doc._.deals = list(found.values())
    return doc
