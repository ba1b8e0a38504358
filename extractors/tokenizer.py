"""Tokenizer rules so figures split into number, scale and unit tokens.

spaCy keeps `1.5bn`, `1GW`, `2B`, `312.5p`, `USD115` and `~100` as single tokens; the number
rules need `1.5 | bn`, `1 | GW`, `2 | B`, `312.5 | p`, `USD | 115`, `~ | 100`. Model names such as `H100s` or `MI300X`
start with a letter and stay whole. Scales, units and currency symbols come from
`data/lexicon.json`, so a word added there is split here too.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from extractors.lexicon import lexicon

_ONE_LETTER_SCALES = ["k", "m", "b", "t", "K", "M", "B", "T"]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _patterns() -> tuple[list[str], list[str], list[str]]:
    lex = lexicon()
    scales = [s for s in lex["scales"] if s not in lex["scales_word_only"]]
    scales = scales + [s.upper() for s in scales]  # 2B, 100K, 5M
    units = lex["power_unit_case_sensitive"]
    glued = f"(?:{_alternation(scales)}|{_alternation(units)})"
    symbols = [s for s in lex["currency_symbols"] if not s.isalpha()]
    codes = [s for s in lex["currency_symbols"] if s.isalpha() and s[0].isupper() and len(s) > 1]
    letters = lex["currency_signs_before_scales_only"]  # R5,57 billion (rand)
    signs = [s for s in lex["currency_symbols"] if not s.isascii()] + list(lex["currency_words_glued"])
    # letters glued to the end of a number: 1.5bn, 2B, 100K, 1GW, 835MW, 5TWh, 312.5p, 3,500円
    suffixes = [rf"(?<=[0-9])(?:{glued}|[kMGT]Wh|{_alternation(signs)})$",
                r"(?<=W)\.$", r"(?<=Wh)\.$", r"(?<=[0-9][KMBTkmbtp])\.$"]  # "120 kW.", "$2.1T." end a sentence
    # US$, HK$, C$…; ISO codes glued to the digits or a dollar sign: USD115, SGD$4.90
    prefixes = ["~", rf"(?:{_alternation(codes)})(?=[0-9$])", rf"(?:{_alternation(letters)})(?=[0-9])"]
    prefixes += [re.escape(s) for s in symbols if len(s) > 1]
    # inside a token: "$4bn-$5bn", "100MW/400MWh" split into 4 | bn | - | $ | 5 and 100 | MW | / | 400
    pence = _alternation(lex["currency_words_glued"])  # "220p-a-share"
    infixes = [rf"(?<=[0-9])(?:{glued}|{pence})(?=[-–/])", rf"(?<=[-–/])(?:{_alternation(symbols)})(?=[0-9])",
               r"(?<=[0-9][kMGT]W)[-–](?=[0-9])",  # "200MW-350MW"
               r"(?<=[0-9])–(?=[0-9])"]  # "4–5 GW": an en dash between digits joins a range
    return prefixes, suffixes, infixes


def customize_tokenizer(nlp: Language) -> None:
    """Add the figure-splitting prefix, infix and suffix rules to `nlp.tokenizer`."""
    prefixes, suffixes, infixes = _patterns()
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes + list(nlp.Defaults.prefixes)).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes + list(nlp.Defaults.infixes)).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes + list(nlp.Defaults.suffixes)).search
    # "1.5p.", "$8k." end a sentence: the abbreviations `p.`, `k.` must not swallow its full stop
    glued = {f"{w}." for w in [*lexicon()["currency_words_glued"], *_ONE_LETTER_SCALES]}
    nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if k not in glued}


def is_attached(token) -> bool:
    """True where the token is glued to the previous one (`bn` in `1.5bn`)."""
    return token.i > 0 and not token.doc[token.i - 1].whitespace_
