"""The `money` component: figures with a currency — `$1.5bn`, `15 mln dlrs`, `€3 billion`.

Currency comes from a symbol or code in front (`$`, `US$`, `€`, `EUR`) or a word behind
(`dlrs`, `stg`, `yen`, `Canadian dlrs`, `of dollars`, `-dollar`, `cts` as 0.01 USD); a rate's period from what
follows (`per year`, `a share`, `annually`, `each`). Newswire often leaves the currency out
where the measure says it is money (`Revs 755.4 mln vs 708.3 mln`, `profits of 1.72 mln`):
such a figure is in the currency the article last named, else US dollars.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.facts import add_fact, figure, next_word, prev_word, qualifier_before, same_sentence, scaled
from extractors.lexicon import currency_symbols, lexicon
from extractors.numbers import Figure
from extractors.quantities import SPANS_KEY
from extractors.tokenizer import is_attached

_COMPARISONS = frozenset(lexicon()["money_comparisons"])
_MEASURE_LINKS = frozenset(lexicon()["money_measure_links"])
_MEASURES = frozenset(lexicon()["money_measures"])
_MEASURES_SCALED = frozenset(lexicon()["money_measures_scaled"])
_QUOTES = {'"', "'", "”", "’", "“", "‘"}
_WEIGHTS = frozenset(lexicon()["currency_weights"])
_GLUED = lexicon()["currency_words_glued"]
_WHOLE = frozenset(lexicon()["currencies_without_cents"])
_DOT_THOUSANDS = re.compile(r"^\d{1,3}\.\d{3}$")
_SCALE_PREFIXES = lexicon()["currency_scale_prefixes"]
_SCALED_SIGNS = frozenset(lexicon()["currency_signs_before_scales_only"])


def currency_before(doc: Doc, q: Span) -> tuple[int, str] | None:
    """`$`, `US$`, `€`, `EUR`, `Kč`, `NZD $` right before the figure; a sign that is also a
    model's letter only before a scaled figure (`R5,57 billion` in rand, not `DeepSeek R1`)."""
    prev = doc[q.start - 1] if q.start else None  # on the same line: "$3.99\n$14.99" is two prices
    if prev is None or (code := currency_symbols().get(prev.text)) is None:
        return None
    if prev.text in _SCALED_SIGNS and not any(t._.num_role == "scale" for t in q):
        return None
    country = prev_word(doc, prev.i) if prev.text == "$" else None  # "NZD $100", "SGD$4.90"
    if country is not None and len(country.text) > 1 and country.text.isupper() and country.text in currency_symbols():
        return country.i, currency_symbols()[country.text]
    return prev.i, code


def currency_after(doc: Doc, end: int, unscaled: bool = False) -> tuple[int, str | list] | None:
    """`dlrs`, `Canadian dlrs`, `” of dollars`, `-dollar`, `€`, `EUR`, `MEUR`, glued `p` (pence)
    after the figure: (end, ISO code or [code, factor]). Not a weight: an `unscaled` figure before
    `pound of` or `-pound` (`a pound of coal`, `a twenty-pound bag`)."""
    words, adjectives = lexicon()["currency_words"], lexicon()["currency_adjectives"]
    tok = next_word(doc, end)
    if tok is not None and tok.i == end and not _leads(tok) and (sign := _sign(tok)):
        return tok.i + 1, sign
    if tok is not None and tok.text in _QUOTES:
        tok = next_word(doc, tok.i + 1)
    linked = tok is not None and tok.lower_ in {"of", "-"}
    if linked:
        tok = next_word(doc, tok.i + 1)
    if tok is None:
        return None
    # "Canadian dlrs", "Hong Kong dlrs": a one- or two-word adjective before the currency word
    second = next_word(doc, tok.i + 1)
    third = next_word(doc, second.i + 1) if second is not None else None
    for adjective, word in ((tok.lower_, second), (second and f"{tok.lower_} {second.lower_}", third)):
        if word is not None and adjective in adjectives and word.lower_ in words:
            unit = words[word.lower_]  # "US cents", "British pence": the subunit of that currency
            return word.i + 1, adjectives[adjective] if isinstance(unit, str) else [adjectives[adjective], unit[1]]
    if tok.lower_ in words:
        weight = unscaled and tok.lower_ in _WEIGHTS and (
            (linked and doc[tok.i - 1].text == "-") or (second is not None and second.lower_ == "of"))
        return None if weight else (tok.i + 1, words[tok.lower_])
    return None


def _leads(tok) -> bool:
    """A sign glued to the next figure and apart from the last: `$3.99 $14.99`'s second `$`."""
    doc = tok.doc
    return (tok.i + 1 < len(doc) and not tok.whitespace_ and doc[tok.i + 1].like_num
            and bool(doc[tok.i - 1].whitespace_))


def _sign(tok) -> str | list | None:
    """A currency sign or code right after the figure: `250 €`, `60,00 DKK`, `45 MEUR`, `312.5p`."""
    symbols = currency_symbols()
    if tok.text in symbols:
        return symbols[tok.text]
    if is_attached(tok) and tok.text in _GLUED:
        return _GLUED[tok.text]
    prefix, code = tok.text[:1], tok.text[1:]
    if prefix in _SCALE_PREFIXES and code.isupper() and code in symbols:
        return [symbols[code], _SCALE_PREFIXES[prefix]]
    return None


def negative(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """`-$99.99`, and a table's `($99.99)`: the (start, end) of the negative amount. A bracketed
    amount in prose (`€90 ($99.99)`) is a conversion, so brackets count only where a line or a
    column starts."""
    if start > 0 and doc[start - 1].text in {"-", "−"} and not doc[start - 1].whitespace_:
        before = doc[start - 2] if start > 1 else None
        if before is None or before.whitespace_ or before.is_space:
            return start - 1, end
    if start > 0 and doc[start - 1].text == "(" and end < len(doc) and doc[end].text == ")":
        before = doc[start - 2] if start > 1 else None
        if before is None or (before.is_space and ("\n" in before.text or "  " in before.text)) or before.text == ":":
            return start - 1, end + 1
    return None


def _thousands(q: Span, currency: str) -> float:
    """1000 where `Rp 31.500` writes thousands with a dot: in a currency without cents a dot
    before three last digits cannot be a decimal point."""
    return 1000.0 if currency in _WHOLE and len(q) == 1 and _DOT_THOUSANDS.match(q[0].text) else 1.0


def with_cents(doc: Doc, end: int, currency: str, starts: dict) -> tuple[int, float] | None:
    """`3 dollars 50 cents`, `3 dollars and 50 cents`: (end, the cents as a part of the unit)."""
    tok = next_word(doc, end)
    if tok is not None and tok.lower_ == "and":
        tok = next_word(doc, tok.i + 1)
    q = starts.get(tok.i) if tok is not None else None
    after = currency_after(doc, q.end) if q is not None and figure(q).value is not None else None
    if after is None or isinstance(after[1], str) or tuple(after[1]) != (currency, 0.01):
        return None
    return after[0], figure(q).value * 0.01


def subunit(word: str | list) -> tuple[str, float]:
    """`"USD"` → (USD, 1); `["USD", 0.01]` (cents) → (USD, 0.01)."""
    return (word, 1.0) if isinstance(word, str) else (word[0], word[1])


def period_after(doc: Doc, end: int, small: bool) -> tuple[int, str] | None:
    """`per year`, `a share`, `-a-share`, `/hour`, `annually`, `each` (of shares), and after a
    `small` (per-share sized) amount newswire's bare `shr`: (end, period)."""
    periods = lexicon()["periods"]
    tok = next_word(doc, end)
    if tok is not None and tok.text == "-":  # "145 dlr-a-share"
        tok = next_word(doc, tok.i + 1)
    if tok is None:
        return None
    if tok.lower_ in lexicon()["period_adverbs"]:
        return tok.i + 1, periods[tok.lower_]
    if tok.lower_ in {"shr", "share"} and small:
        return tok.i + 1, "share"
    if tok.lower_ == "each":
        shares = any(t.lower_ in {"share", "shares"} for t in tok.sent)
        return (tok.i + 1, "share") if shares else None
    if tok.lower_ in {"per", "a", "an", "/", "per-"}:
        unit = next_word(doc, tok.i + 1)
        if unit is not None and unit.text == "-":
            unit = next_word(doc, unit.i + 1)
        if unit is not None and unit.lower_ in periods:
            return unit.i + 1, periods[unit.lower_]
    return None


def share_line(q: Span) -> bool:
    """An earnings table's per-share line: `Shr profit 23 cts vs profit 49 cts`."""
    sent = q.sent
    return any(t.lower_ == "shr" for t in sent[:3]) and q.start - sent.start < 12


def _measured(doc: Doc, q: Span, last: Span | None) -> bool:
    """A figure with no currency that is money all the same: a large amount right after a money
    measure (`net`, `sales of`, `profits were`) or compared with the money fact just before it
    (`… mln vs 708.3 mln`), and not followed by a unit (`20 mln shares`, `5 mln tonnes`)."""
    fig = figure(q)
    # "sales were 150,000" may count cars: a bare figure must be larger, and follow a measure
    # that only money has (`net`, `revs`), to be taken for money
    scaled = any(t._.num_role == "scale" for t in q)
    if max(fig.value or 0, fig.high or 0) < (1000 if scaled else 10_000):
        return False
    after = next_word(doc, q.end)
    if (after is not None and after.is_alpha and not after.is_stop and after.lower_ not in _COMPARISONS
            and same_sentence(after, q[-1])):
        return False  # a unit: "20 mln shares"
    prev = prev_word(doc, qualifier_before(doc, q.start)[0])
    if prev is None or not same_sentence(prev, q[0]):
        return False
    if prev.lower_ in _COMPARISONS:
        compared = prev_word(doc, prev.i)
        return last is not None and compared is not None and last.end - 1 == compared.i
    if prev.lower_ in _MEASURE_LINKS:
        prev = prev_word(doc, prev.i)
    return prev is not None and (prev.lower_ in _MEASURES or scaled and prev.lower_ in _MEASURES_SCALED)


@Language.component("money")
def money(doc: Doc) -> Doc:
    """Turns figures with a currency, stated or implied by their measure, into money facts."""
    named, last = None, None  # the currency the article last named; the last money fact
    quantities = sorted(doc.spans[SPANS_KEY], key=lambda q: q.start)
    starts = {q.start: q for q in quantities}
    for q in quantities:
        unscaled = figure(q).shape == "exact" and not any(t._.num_role == "scale" for t in q)
        before, after = currency_before(doc, q), currency_after(doc, q.end, unscaled)
        if before or after:
            start, currency = before or (q.start, None)
            end = after[0] if after else q.end
            if after and doc[start].text == "$":  # "$1,190 AUD": the code says which dollar
                currency = None
            currency, factor = subunit(currency or after[1])
            named = currency
        elif _measured(doc, q, last):
            start, end, currency, factor = q.start, q.end, named or "USD", 1.0
        else:
            continue
        fig = scaled(figure(q), factor * _thousands(q, currency))
        if factor == 1.0 and fig.value is not None and (cents := with_cents(doc, end, currency, starts)):
            end, fig = cents[0], Figure(value=fig.value + cents[1])
        if fig.value is not None and (sign := negative(doc, start, end)):
            (start, end), fig = sign, Figure(value=-fig.value)
        small = max(fig.value or 0, fig.high or 0) < 1000
        per = period_after(doc, end, small) or (small and share_line(q) and (end, "share")) or None
        end = per[0] if per else end
        last = add_fact(doc, start, end, "money", fig, currency=currency, per=per and per[1]) or last
    return doc
