"""How much of a peer library's currency-parsing test suite our money rules get right.

    .venv/bin/python bench/currency_suite.py /path/to/price-parser/tests/test_price_parsing.py [--failures]

The suite is scrapinghub's `price-parser` (`tests/test_price_parsing.py`): `Example(currency_hint,
text, currency, amount_text, amount)` cases, read here with `ast` (nothing of it is imported or
kept in this repository). Each case's text goes through `Extractor` as an article; its currency
hint (page text price-parser is given beside the price) is not used, as an article has none. A case
is right when our first money fact has the amount (within 0.5 %, as `score.py` matches values) and, where
the case names a currency, an ISO code that currency sign can stand for (read from the same
checkout's `price_parser/_currencies.py`; a sign it does not list accepts any code). Where the case
gives an amount but no currency, a bare number is not money to us: the first figure read counts.
A case without an amount is right when we find no money.
"""
from __future__ import annotations

import argparse
import ast
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from extractors.extract import Extractor, to_record
from extractors.models import Article, Fact
from extractors.sentences import unwrap


@dataclass(frozen=True)
class Case:
    group: str
    text: str
    currency: str | None
    amount: float | None


def _literal(node: ast.AST):
    """A literal argument; `Decimal("1.5")` as its float."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Decimal":
        return float(Decimal(ast.literal_eval(node.args[0])))
    return ast.literal_eval(node)


def read_cases(path: Path) -> list[Case]:
    """Every `Example(...)` of the module-level `PRICE_PARSING_*` lists."""
    cases = []
    for stmt in ast.parse(path.read_text(encoding="utf-8")).body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else getattr(stmt, "target", None)
        name = getattr(target, "id", "")
        if not name.startswith("PRICE_PARSING") or not isinstance(stmt.value, ast.List):
            continue
        for call in stmt.value.elts:
            _hint, text, currency, _amount_text, amount, *_ = [_literal(a) for a in call.args]
            if text is not None:
                cases.append(Case(name.removeprefix("PRICE_PARSING_"), text, currency, amount))
    return cases


def read_signs(path: Path) -> dict[str, set[str]]:
    """Currency sign → the ISO codes it can stand for, from `_currencies.py`'s dict literals."""
    signs: dict[str, set[str]] = defaultdict(set)
    if not path.exists():
        return signs
    for stmt in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.value, ast.Dict):
            for code, info in ast.literal_eval(stmt.value).items():
                for sign in [code, info.get("s"), info.get("sn"), *info.get("sn2", [])]:
                    if sign:
                        signs[_sign_key(sign)].add(code)
        elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.List):  # CURRENCIES["CHF"]["sn2"] = [...]
            code = getattr(getattr(stmt.targets[0], "value", None), "slice", None)
            if isinstance(code, ast.Constant):
                for sign in ast.literal_eval(stmt.value):
                    signs[_sign_key(sign)].add(code.value)
    return signs


def _sign_key(sign: str) -> str:
    return sign.strip(" .*").lower()


def judge(case: Case, facts: list[Fact], figures: list[float], signs: dict[str, set[str]]) -> bool:
    """Whether we read the case's amount and currency (see the module docstring)."""
    money = [f for f in facts if f.kind == "money"]
    if case.amount is None:
        return not money
    first = money[0] if money else None
    if first is None and case.currency is None:
        value = figures[0] if figures else None
    else:
        value = first.value if first is not None else None
    if value is None or abs(value - case.amount) > 0.005 * max(abs(case.amount), 1e-9):
        return False
    if case.currency is None:
        return True
    codes = signs.get(_sign_key(case.currency))
    return first is not None and first.currency is not None and (not codes or first.currency in codes)


def run(cases: list[Case], extractor: Extractor) -> list[tuple[list[Fact], list[float]]]:
    """Each case's facts, as `dealfacts extract` prints them, and the figures its text states."""
    articles = [Article(id=str(i), text=c.text) for i, c in enumerate(cases)]
    results = []
    for doc, article in zip(extractor.nlp.pipe(unwrap(a.text) for a in articles), articles):
        figures = [q._.figure[0] for q in doc.spans["quantities"] if q._.figure[0] is not None]
        results.append((to_record(doc, article).facts, figures))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("suite", type=Path, help="price-parser's tests/test_price_parsing.py")
    parser.add_argument("--failures", action="store_true", help="list the cases we get wrong")
    args = parser.parse_args()
    cases = read_cases(args.suite)
    signs = read_signs(args.suite.resolve().parents[1] / "price_parser" / "_currencies.py")
    results = run(cases, Extractor())
    right, total = Counter(), Counter()
    oks = []
    for case, (facts, figures) in zip(cases, results):
        ok = judge(case, facts, figures, signs)
        oks.append(ok)
        right[case.group] += ok
        total[case.group] += 1
        if args.failures and not ok:
            got = [(f.value, f.currency, f.text) for f in facts if f.kind == "money"]
            print(f"FAIL {case.group:<24} {case.text!r:<40} want {case.amount} {case.currency}  got {got}")
    for group in total:
        print(f"{group:<40} {right[group]:>4}/{total[group]:<4} {right[group] / total[group]:6.1%}")
    n, k = sum(total.values()), sum(right.values())
    print(f"{'all':<40} {k:>4}/{n:<4} {k / n:6.1%}")
    # price-parser takes a currency from its hint; an article has no hint to give
    own = [ok for case, ok in zip(cases, oks) if case.currency is None or case.currency in case.text]
    print(f"{'all with the currency in the text':<40} {sum(own):>4}/{len(own):<4} {sum(own) / len(own):6.1%}")


if __name__ == "__main__":
    main()
