"""`bench/currency_suite.py` scores the money rules on a price-parser style test file."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SUITE = '''
from decimal import Decimal

PRICE_PARSING_EXAMPLES_MINE = [
    Example(None, "Sale 1 499,00 €", "€", "1 499,00", 1499),
    Example("Price", "CHF 12.50", "CHF", "12.50", 12.5),
    Example(None, "Only 12.50", "$", "12.50", 12.5),
    Example(None, "8.000.000 ₫", "₫", "8.000.000", Decimal("8000000")),
]
PRICE_PARSING_EXAMPLES_NO_PRICE_MINE = [
    Example("EUR", None, "EUR", None, None),
    Example("rate", "call us", None, None, None),
]
'''

CURRENCIES = '''
CURRENCIES: dict = {"EUR": {"s": "€", "sn": "€"}, "VND": {"s": "₫", "sn": "₫"}}
'''


def test_the_suite_reports_the_share_we_get_right(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "price_parser").mkdir()
    suite = tmp_path / "tests" / "test_price_parsing.py"
    suite.write_text(SUITE, encoding="utf-8")
    (tmp_path / "price_parser" / "_currencies.py").write_text(CURRENCIES, encoding="utf-8")
    done = subprocess.run([sys.executable, ROOT / "bench" / "currency_suite.py", suite, "--failures"],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    lines = done.stdout.splitlines()
    assert [line.split()[:2] for line in lines if line.startswith("FAIL")] == [["FAIL", "EXAMPLES_MINE"]]
    assert "'Only 12.50'" in done.stdout  # a bare number is no money without its page's hint
    assert lines[-2].split()[:3] == ["all", "4/5", "80.0%"]
    assert lines[-1].split()[-2:] == ["4/4", "100.0%"]  # "Only 12.50" names no currency
