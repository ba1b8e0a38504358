"""Tokenizer rules so figures split into number, scale and unit tokens.

spaCy keeps `1.5bn`, `1GW`, `2B` and `~100` as single tokens; the number rules need
`1.5 | bn`, `1 | GW`, `2 | B`, `~ | 100`. Model names such as `H100s` or `MI300X`
start with a letter and stay whole.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

# letters glued to the end of a number: scales (1.5bn, 2B, 100K) and units (1GW, 835MW)
_ATTACHED = r"(?<=[0-9])(?:bn|bln|mln|mn|tn|trn|[bBmMkKtT]|[kKMGT]?W|[kMGT]Wh|[kMGT]W[eh]?)"
_PREFIXES = [r"~", r"HK\$", r"NZ\$", r"A\$", r"S\$", r"R\$", r"C\$", r"US\$"]
# inside a token: "$4bn-$5bn", "100MW/400MWh" split into 4 | bn | - | $ | 5 and 100 | MW | / | 400
_INFIXES = [r"(?<=[0-9])(?:bn|bln|mln|mn|tn|trn|[bBmMkK]|[kKMGT]W)(?=[-–/])", r"(?<=[-–/])[$€£¥](?=[0-9])"]


def customize_tokenizer(nlp: Language) -> None:
    """Add the figure-splitting prefix and suffix rules to `nlp.tokenizer`."""
    prefixes = _PREFIXES + list(nlp.Defaults.prefixes)
    # "120 kW." ends a sentence: spaCy keeps "kW." whole as if it were an abbreviation
    suffixes = [_ATTACHED + "$", r"(?<=W)\.$", r"(?<=Wh)\.$"] + list(nlp.Defaults.suffixes)
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(_INFIXES + list(nlp.Defaults.infixes)).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def is_attached(token) -> bool:
    """True where the token is glued to the previous one (`bn` in `1.5bn`)."""
    return token.i > 0 and not token.doc[token.i - 1].whitespace_

