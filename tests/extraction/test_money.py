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


def test_newswire_wraps_a_figure_and_a_name_across_lines(extract):
    text = ("<Hollis Tool Group Plc> said it agreed with <Marden\nIndustries Inc> to buy the whole "
            "share capital of its\nfoundry unit for 12.5\nmln dlrs cash, to be paid in\nthree parts.")
    result = extract(text)
    [fact] = result.facts
    assert (fact.value, fact.currency, fact.text) == (12.5e6, "USD", "12.5\nmln dlrs")
    assert fact.sentence == text
    assert "Marden Industries" in [c.name for c in result.companies]


@pytest.mark.parametrize("text, figures", [
    ("Net profit 8.2 mln vs profit 7.9 mln\n    Revs 410.5 mln vs 388.0 mln\n",
     [8.2e6, 7.9e6, 410.5e6, 388e6]),
    ("The chain had sales of 34 mln and pretax profits of 1.9 mln last year.", [34e6, 1.9e6]),
    ("Net 2,345,678 vs 1,234,567\n", [2345678, 1234567]),
    ("It reported a loss of more than 20\nmln in 1986.", [20e6]),
])
def test_a_money_measure_implies_the_currency(facts, text, figures):
    money = facts(text, "money")
    assert [f.value for f in money] == pytest.approx(figures)
    assert {f.currency for f in money} == {"USD"}


def test_an_implied_currency_is_the_one_the_article_last_named(facts):
    money = facts("Operating profit 259 mln stg vs 265 mln.", "money")
    assert [(f.value, f.currency) for f in money] == [(259e6, "GBP"), (265e6, "GBP")]


@pytest.mark.parametrize("text", [
    "Avg shrs 12.3 mln vs 11.1 mln\n",
    "The group had sales of 20 mln units last year.",
    "Its U.S. sales were 2,523, down from 2,684 a year before.",
    "Toyota said its U.S. sales were 150,000 in March.",
    "Sales were 20,000 vs 18,000.",
    "Output was 5.2 mln tonnes vs 4.9 mln tonnes.",
])
def test_no_currency_no_money_measure_no_money(facts, text):
    assert facts(text, "money") == []


@pytest.mark.parametrize("text, pers", [
    ("Shr loss 84 cts vs profit 1.53 dlrs\n    Net loss 80.7 mln vs profit 152.3 mln\n",
     ["share", "share", None, None]),
    ("Results include a loss of 7,435,000 or eight cts shr from discontinued operations.", [None, "share"]),
    ("It made a 145 dlr-a-share offer for the stock.", ["share"]),
    ("The company plans a 10 mln dlrs share offering.", [None]),
])
def test_newswire_per_share_amounts(facts, text, pers):
    assert [f.per for f in facts(text, "money")] == pers


@pytest.mark.parametrize("text, currency", [
    ("Renta paid around 12.2 billion pesetas for the stake.", "ESP"),
    ("The budget deficit reached 47 billion forints.", "HUF"),
    ("Tin rose to about 19 ringgit a kilo.", "MYR"),
    ("Revenue was NT$989.92 billion in the quarter.", "TWD"),
])
def test_more_currency_words(facts, text, currency):
    [fact] = facts(text, "money")
    assert fact.currency == currency


@pytest.mark.parametrize("text, value, currency", [
    ("The broker sold the stock at 287.5p.", 2.875, "GBP"),
    ("Its shares closed at 41p.", 0.41, "GBP"),
    ("The tender price is 42-1/2 dlrs per share.", 42.5, "USD"),
    ("The stock rose to 18-3/8 dlrs.", 18.375, "USD"),
    ("The seed round was just $8k.", 8e3, "USD"),
    ("Engineers there earn $180K.", 1.8e5, "USD"),
    ("The bank holds assets of $3.4T.", 3.4e12, "USD"),
    ("A night at the hotel costs 180 € in summer.", 180, "EUR"),
    ("The list price is 1 299,00 € before tax.", 1299, "EUR"),
    ("The fee rose to GBP250 last year.", 250, "GBP"),
    ("Orders reached 72 MEUR in the quarter.", 72e6, "EUR"),
    ("The contract is worth 18 MUSD.", 18e6, "USD"),
    ("The utility raised 900 million Turkish lira.", 9e8, "TRY"),
    ("The unit was valued at 40 billion Chinese yuan.", 4e10, "CNY"),
    ("The grant was 25 000 dollars.", 25e3, "USD"),
    ("The farmer was paid 4,75,000 rupees.", 4.75e5, "INR"),
    ("The flat sold for 85 lakh rupees.", 8.5e6, "INR"),
    ("A ticket was 7 dollars 25 cents.", 7.25, "USD"),
    ("The koruna price is 1 490 Kč.", 1490, "CZK"),
    ("The zloty price is 89,99 zł.", 89.99, "PLN"),
    ("A box costs Rp 45.000 in Jakarta.", 45000, "IDR"),
    ("The coat costs 2.499,- Kč in Prague.", 2499, "CZK"),
    ("The flat rents for 65000 рублей a month.", 65000, "RUB"),
    ("The Auckland price is NZD $64.50.", 64.5, "NZD"),
    ("It lists for $1,499 AUD.", 1499, "AUD"),
    ("The Zurich group paid SFr 2.4 billion for the brand.", 2.4e9, "CHF"),
    ("The lender wrote off Rbl45 billion of loans.", 4.5e10, "RUB"),
    ("The Dubai developer sold the plot for Dh850 million.", 8.5e8, "AED"),
    ("The Toronto shares ended at CAN$14.20.", 14.2, "CAD"),
    ("The board declared a 35¢ dividend.", 0.35, "USD"),
    ("A kilo of bread costs 120 lek in Tirana.", 120, "ALL"),
    ("The lender arranged a $40-million credit line.", 4e7, "USD"),
    ("It was the group's C$2.5-billion takeover.", 2.5e9, "CAD"),
    ("The market value reached Rs 12.5 lakh crore.", 12.5e12, "INR"),
    ("It raised 1.5 thousand million dollars.", 1.5e9, "USD"),
    ("The Aussie dollar bought 64.10 US cents.", 0.641, "USD"),
    ("The rand bought 4.2 British pence.", 0.042, "GBP"),
    ("The broker lifted its bid to 310p-a-share.", 3.1, "GBP"),
    ("The bank held assets of 2.6 billion leva.", 2.6e9, "BGN"),
    ("The Cape Town group paid R4,25 billion for the mall.", 4.25e9, "ZAR"),
])
def test_world_money_forms(facts, text, value, currency):
    [fact] = facts(text, "money")
    assert fact.value == pytest.approx(value)
    assert fact.currency == currency


def test_negative_amounts(facts):
    [minus] = facts("The adjustment was -$12.40 for the quarter.", "money")
    assert (minus.value, minus.text) == (-12.40, "-$12.40")
    [bracket] = facts("Net change    ($45.10)\n", "money")
    assert (bracket.value, bracket.text) == (-45.10, "($45.10)")
    converted = facts("The fare is €80 ($86.50) each way.", "money")
    assert [f.value for f in converted] == [80, 86.5]


@pytest.mark.parametrize("text", [
    "He carried a pound of sugar home.",
    "The miners filled a fifty-pound sack with ore.",
    "Each crate weighs 40 pounds of apples.",
])
def test_weights_and_sizes_are_not_money(facts, text):
    assert facts(text, "money") == []


def test_pounds_of_money_stay_money(facts):
    [fact] = facts("The fund raised 30 million pounds of new capital.", "money")
    assert (fact.value, fact.currency) == (3e7, "GBP")


def test_a_sign_glued_to_the_next_price_is_its_own(facts):
    found = facts("Was $24.99 $19.99 now.", "money")
    assert [(f.value, f.text) for f in found] == [(24.99, "$24.99"), (19.99, "$19.99")]


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u2007", "\u3000"])
@pytest.mark.parametrize("written, value, currency, kind", [
    ("$3{s}billion", 3e9, "USD", "money"),
    ("€{s}4.5 bn", 4.5e9, "EUR", "money"),
    ("12{s}mln dlrs", 12e6, "USD", "money"),
    ("2{s}GW", 2e9, None, "power"),
])
def test_unicode_spaces_inside_a_figure_read_as_spaces_and_offsets_hold(extract, space, written, value, currency, kind):
    phrase = written.format(s=space)
    text = f"Zephyr Corp will commit {phrase} to the Quasar campus."
    [fact] = [f for f in extract(text).facts if f.kind == kind]
    assert (fact.value, fact.currency) == (pytest.approx(value), currency)
    assert fact.text == phrase and text[fact.start:fact.end] == phrase  # the original characters


def test_a_letter_sign_needs_a_scale(facts):
    assert facts("The lab released its R2 model and the R1 update.", "money") == []
