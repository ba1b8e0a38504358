"""Money: every currency form, value in units, ISO code and rate period."""
import pytest


@pytest.mark.parametrize("text, value, currency", [
    ("The startup raised $1.5bn from investors.", 1.5e9, "USD"),
    ("The unit was sold for $2B last year.", 2e9, "USD"),
    ("It paid $100K for the licence.", 1e5, "USD"),
    ("The plant will cost €3 billion to build.", 3e9, "EUR"),
    ("The company earned 15 mln dlrs in the quarter.", 15e6, "USD"),
    ("The bid values the group at 1.2 billion stg.", 1.2e9, "GBP"),
    ("Sales rose to 146 billion yen.", 146e9, "JPY"),
    ("The fund holds US$40 million in bonds.", 4e7, "USD"),
    ("It raised 300 mln Canadian dlrs in the offering.", 3e8, "CAD"),
    ("The unit was sold for 500 mln Hong Kong dlrs.", 5e8, "HKD"),
    ("The chipmaker will invest half a billion dollars in Ohio.", 5e8, "USD"),
    ("Profit was 22 cts a share.", 0.22, "USD"),
    ("The deal is worth £22bn.", 22e9, "GBP"),
    ("Reliance will invest Rs 10,000 crore in the data centre.", 1e11, "INR"),
    ("SoftBank committed ¥1 trillion to the project.", 1e12, "JPY"),
])
def test_money_forms(facts, text, value, currency):
    [fact] = facts(text, "money")
    assert fact.value == pytest.approx(value)
    assert fact.currency == currency
    assert fact.qualifier == "exact"


@pytest.mark.parametrize("text, period", [
    ("Customers spend $20 per month on the plan.", "month"),
    ("The licence costs $1 billion annually.", "year"),
    ("The tender offer is 45 dlrs a share.", "share"),
    ("GPU time is rented at $2 an hour.", "hour"),
    ("It bought the shares at 9.50 dlrs each.", "share"),
])
def test_rates_keep_their_period(facts, text, period):
    [fact] = facts(text, "money")
    assert fact.per == period


def test_ranges_and_magnitudes(facts):
    [r] = facts("Analysts value the contract at $10-20 billion.", "money")
    assert (r.value, r.low, r.high, r.qualifier) == (None, 1e10, 2e10, "range")
    [m] = facts("They will spend billions of dollars on data centres.", "money")
    assert (m.low, m.high, m.qualifier, m.currency) == (1e9, 1e10, "magnitude", "USD")
    [mb] = facts("The two firms signed a multibillion-dollar contract.", "money")
    assert (mb.low, mb.high, mb.qualifier) == (1e9, 1e10, "magnitude")
    [b] = facts("Analysts expect $4bn-$5bn in annual revenue.", "money")
    assert (b.low, b.high, b.text) == (4e9, 5e9, "$4bn-$5bn")
    [t] = facts('The lab will invest "tens of billions" of dollars in chips.', "money")
    assert (t.low, t.high) == (1e10, 1e11)


@pytest.mark.parametrize("text", [
    "The company issued 160 million shares to the fund.",
    "Revenue rose 35 pct from a year earlier.",
    "Its customer base grew sevenfold in the past year.",
    "The model has 1.2 trillion parameters.",
])
def test_not_money(facts, text):
    assert facts(text, "money") == []


def test_a_repeated_figure_is_one_fact_with_its_first_mention(extract):
    result = extract("Oracle and Meta sign $20 billion deal\n\nOracle and Meta signed an agreement worth "
                     "up to $20 billion. Oracle said it would also spend $3 billion on chips.")
    money = [f for f in result.facts if f.kind == "money"]
    assert [(f.value, f.qualifier, f.text) for f in money] == [(2e10, "exact", "$20 billion"), (3e9, "exact", "$3 billion")]
    [deal] = result.deals
    assert deal.facts == [0]


def test_a_figure_across_a_line_break_keeps_its_whole_sentence(extract):
    text = "The company said it would raise 50 mln\nSwiss francs from the share sale."
    [fact] = extract(text).facts
    assert fact.text == "50 mln\nSwiss francs"
    assert fact.text in fact.sentence
