"""The `money` component: figures with a currency — `$1.5bn`, `15 mln dlrs`, `€3 billion`.

Currency comes from a symbol or code in front (`$`, `US$`, `€`, `EUR`) or a word behind
(`dlrs`, `stg`, `yen`, `Canadian dlrs`, `of dollars`, `-dollar`, `cts` as 0.01 USD); a rate's period from what
follows (`per year`, `a share`, `annually`, `each`).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.facts import add_fact, figure, next_word, prev_word, scaled
from extractors.lexicon import lexicon
from extractors.quantities import SPANS_KEY

_QUOTES = {'"', "'", "”", "’", "“", "‘"}


def currency_before(doc: Doc, q: Span) -> tuple[int, str] | None:
    """`$`, `US$`, `€`, `EUR` right before the figure."""
    prev = prev_word(doc, q.start)
    if prev is not None and (code := lexicon()["currency_symbols"].get(prev.text)):
        return prev.i, code
    return None


def currency_after(doc: Doc, end: int) -> tuple[int, str] | None:
    """`dlrs`, `Canadian dlrs`, `” of dollars`, `-dollar` after the figure: (end, ISO code)."""
    words, adjectives = lexicon()["currency_words"], lexicon()["currency_adjectives"]
    tok = next_word(doc, end)
    if tok is not None and tok.text in _QUOTES:
        tok = next_word(doc, tok.i + 1)
    if tok is not None and tok.lower_ in {"of", "-"}:
        tok = next_word(doc, tok.i + 1)
    if tok is None:
        return None
    # "Canadian dlrs", "Hong Kong dlrs": a one- or two-word adjective before the currency word
    second = next_word(doc, tok.i + 1)
    third = next_word(doc, second.i + 1) if second is not None else None
    for adjective, word in ((tok.lower_, second), (second and f"{tok.lower_} {second.lower_}", third)):
        if word is not None and adjective in adjectives and word.lower_ in words:
            return word.i + 1, adjectives[adjective]
    if tok.lower_ in words:
        return tok.i + 1, words[tok.lower_]
    return None


def subunit(word: str | list) -> tuple[str, float]:
    """`"USD"` → (USD, 1); `["USD", 0.01]` (cents) → (USD, 0.01)."""
    return (word, 1.0) if isinstance(word, str) else (word[0], word[1])


def period_after(doc: Doc, end: int) -> tuple[int, str] | None:
    """`per year`, `a share`, `/hour`, `annually`, `each` (of shares): (end, period)."""
    periods = lexicon()["periods"]
    tok = next_word(doc, end)
    if tok is None:
        return None
    if tok.lower_ in lexicon()["period_adverbs"]:
        return tok.i + 1, periods[tok.lower_]
    if tok.lower_ == "each":
        shares = any(t.lower_ in {"share", "shares"} for t in tok.sent)
        return (tok.i + 1, "share") if shares else None
    if tok.lower_ in {"per", "a", "an", "/", "per-"}:
        unit = next_word(doc, tok.i + 1)
        if unit is not None and unit.lower_ in periods:
            return unit.i + 1, periods[unit.lower_]
    return None


@Language.component("money")
def money(doc: Doc) -> Doc:
    """Turns figures with a currency into money facts."""
    for q in doc.spans[SPANS_KEY]:
        before, after = currency_before(doc, q), currency_after(doc, q.end)
        if not before and not after:
            continue
        start, currency = before or (q.start, None)
        end = after[0] if after else q.end
        currency, factor = subunit(currency or after[1])
        per = period_after(doc, end)
        end = per[0] if per else end
        add_fact(doc, start, end, "money", scaled(figure(q), factor), currency=currency, per=per and per[1])
    return doc
