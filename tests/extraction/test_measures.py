"""Measures: what each figure is of, read from the words around it (`extractors/measures.py`)."""
import sys
from pathlib import Path

import pytest

from extractors.measures import checked, measure_data, patterns, phrases

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from measure_quality import judged, measure_score  # noqa: E402


@pytest.mark.parametrize("text, figure, measure", [
    # deal_value: a deal noun after, a deal's worth or price, buying, selling, raising, lending
    ("Halvorsen Corp signed a $1.5bn deal with Brightwater Inc.", "$1.5bn", "deal_value"),
    ("Talbot Inc agreed a $4 billion all-stock merger with Renner Corp.", "$4 billion", "deal_value"),
    ("The contract was worth $900 million over six years.", "$900 million", "deal_value"),
    ("Keller Corp announced a transaction valued at about $3.2bn.", "about $3.2bn", "deal_value"),
    ("Morrow Inc agreed to buy the unit for $450 million in cash.", "$450 million", "deal_value"),
    ("Lumen is buying 40,000 GPUs for the site for about $2 billion.", "about $2 billion", "deal_value"),
    ("Ostrander Inc raised $120 million in a Series C round.", "$120 million", "deal_value"),
    ("The lender will provide a $2 billion credit facility to the miner.", "$2 billion", "deal_value"),
    ("Nvidia will invest $2bn in Anthropic.", "$2bn", "deal_value"),
    ("The startup secured a $300 million investment from Microsoft last week.", "$300 million", "deal_value"),
    ("Google is investing another $2 billion in artificial intelligence startup Anthropic.", "$2 billion", "deal_value"),
    ("Her investment leads a $40 million Series B round.", "$40 million", "deal_value"),
    ("Orion agreed a $5 billion cash-and-stock merger with Vela.", "$5 billion", "deal_value"),
    ("Morrow will buy the unit for $12 million cash.", "$12 million", "deal_value"),
    ("OpenAI agreed to buy an additional $20 billion of cloud capacity from Oracle.", "$20 billion", "deal_value"),
    ("Acme shells out $2.6B for Brightline", "$2.6B", "deal_value"),
    ("The partners formed a $2bn joint venture.", "$2bn", "deal_value"),
    # price_per_share: a rate per share, a share price moving
    ("Shares rose to $42 after the results.", "$42", "price_per_share"),
    ("Acme's stock closed up 3% at $18.50 on Friday.", "$18.50", "price_per_share"),
    ("The buyer offered $42 a share for the retailer.", "$42 a share", "price_per_share"),
    ("Each share will be converted into six dollars a share.", "six dollars a share", "price_per_share"),
    ("Shares of Qualcomm were up 1% at $65.25 in early trading.", "$65.25", "price_per_share"),
    ("Acme's shares jumped as much as 24 per cent to $31 on Monday.", "$31", "price_per_share"),
    ("The fund sold 1 million shares at an average price of $36.50.", "$36.50", "price_per_share"),
    ("It will sell 3 million shares in a price range between $9 and $11 per share.", "between $9 and $11 per share",
     "price_per_share"),
    ("Morrow will pay $70 per Brightline share.", "$70", "price_per_share"),
    ("Morrow offered $71 cash per share for half of the stock.", "$71", "price_per_share"),
    ("The buyer will pay A$7.50 for each of the company's shares.", "A$7.50", "price_per_share"),
    # valuation: valued at, valuing X at, a valuation, market value
    ("The round valued Pellham at $12 billion.", "$12 billion", "valuation"),
    ("The bid values the maker of ship turbines at $3 billion.", "$3 billion", "valuation"),
    ("It raised money at a $300bn valuation.", "$300bn", "valuation"),
    ("Orrin Corp has a market capitalisation of $80 billion.", "$80 billion", "valuation"),
    ("The $15bn company was founded in 2010.", "$15bn", "valuation"),
    ("Lumen, which listed in May, is now worth about $45bn.", "about $45bn", "valuation"),
    # revenue: sales, turnover, profit and losses, before or after the figure
    ("The group reported revenue of $12bn for the year.", "$12bn", "revenue"),
    ("The mill booked $40 million in annual sales.", "$40 million", "revenue"),
    ("Net profit fell to 310 mln euros.", "310 mln euros", "revenue"),
    ("The retailer made earnings of $1.25 a share.", "$1.25 a share", "revenue"),
    ("The trust earned 38 cents per share in the quarter.", "38 cents per share", "revenue"),
    # capex: a company's own spending, not tied to a counterparty
    ("Microsoft plans to spend $40bn on capex this year.", "$40bn", "capex"),
    ("The utility will invest $6 billion in its grid by 2030.", "$6 billion", "capex"),
    ("Dunmore unveiled a $25 billion capital investment plan.", "$25 billion", "capex"),
    # fee: a payment per period, a fee, a rent
    ("The venue pays a $300m-a-year fee.", "$300m-a-year", "fee"),
    ("The tenant will pay $5 million per month.", "$5 million per month", "fee"),
    ("The licensor collects royalties of $20 million.", "$20 million", "fee"),
    ("The banks share a $15 million deal fee.", "$15 million", "fee"),
    # other: no cue, a change in value, assets, debt, unit prices
    ("Investors added $140bn to the market value of the group.", "$140bn", "other"),
    ("The bank holds assets of $200 million.", "$200 million", "other"),
    ("The company has $3 billion of debt.", "$3 billion", "other"),
    ("The bank held $56 billion in cash and securities.", "$56 billion", "other"),
    ("The seller expects net proceeds of $300 million from the sale.", "$300 million", "other"),
    ("Quill has signed contracts worth $900 million with three customers.", "$900 million", "other"),
    ("The app processes $500 million of transactions each month.", "$500 million", "other"),
    ("The buyer pays 96 cents per $1 of credits.", "96 cents", "other"),
    ("Oil traded at $80 a barrel.", "$80 a barrel", "other"),
    ("The board approved a dividend of 60 cents per share.", "60 cents per share", "other"),
    ("The figure was $7 million.", "$7 million", "other"),
    # `for` is a price only after a word of trade: a judgment, a call or a share of a total is none
    ("A judgment was entered against the firm in a state court for $9 million.", "$9 million", "other"),
    ("The budget calls for $19 billion in new spending.", "$19 billion", "other"),
    ("Net borrowings accounted for $6.2 billion of the inflow.", "$6.2 billion", "other"),
    ("The trusts will cover $1.75 billion in liabilities to deal with the claims.", "$1.75 billion", "other"),
    ("Producers defended official selling prices of $18 agreed in December.", "$18", "other"),
    ("The miner realized $116 million in the transaction.", "$116 million", "other"),
    ("The buyer pays 20 cents on the dollar for the notes.", "20 cents", "other"),
    ("The bank has $2.3 billion in loan exposure to the country.", "$2.3 billion", "other"),
    ("The lender added $1.6 billion to its loan-loss reserves.", "$1.6 billion", "other"),
    ("Pocket-sized screens sell at around $150 in shops.", "around $150", "other"),
    # power and chips
    ("They will build a 1 GW data centre.", "1 GW", "capacity"),
    ("The lab ordered 50,000 H100 GPUs.", "50,000 H100 GPUs", "count"),
])
def test_measure_of_each_cue_shape(extract, text, figure, measure):
    [fact] = [f for f in extract(text).facts if f.text == figure]
    assert fact.measure == measure


@pytest.mark.parametrize("text, measures", [
    # a price per share and what it values the company at
    ("It paid $42 a share, valuing the company at $7.8bn.", ["price_per_share", "valuation"]),
    # the price per share and, in apposition, the whole price
    ("Arden offered to acquire Bellamy for $70 a share, or $2.6 billion, in July.", ["price_per_share", "deal_value"]),
    # one figure in two currencies before the deal noun
    ("Corwin signed a US$9.7 billion (A$14.8 billion) contract.", ["deal_value", "deal_value"]),
    # this year's figure and last year's, compared
    ("Revs 755.4 mln vs 708.3 mln", ["revenue", "revenue"]),
    ("Quarterly revenue was $4.53 billion, up from $3.94 billion.", ["revenue", "revenue"]),
    ("Pre-tax profit climbed from 2023's 41 mln euros to 57 mln euros in 2024.", ["revenue", "revenue"]),
    # what a figure came from is not what it is: a gain from a sale is no deal value
    ("Net income includes gains of $24 million, or $1.88 a share, from the sale of a stake.", ["revenue", "revenue"]),
    ("It booked $6 million from the sale of its stake.", ["other"]),
    # the verb before the first of figures joined by `and` reads for each
    ("Google and Amazon will invest $3 billion and $4 billion respectively in Anthropic.", ["deal_value", "deal_value"]),
    # a rate after figures joined by `and` is the rate of each
    ("It bought the shares at $4 and $5.75 each respectively.", ["price_per_share", "price_per_share"]),
    # a valuation and the one before it, whatever funding round follows
    ("The round is expected to value Lumen at about $90 billion, up from $40 billion in a funding round in May.",
     ["valuation", "valuation"]),
    # a clause break: the parts of a price are no deal
    ("The price will be paid in stages – $20m now and $10m next year.", ["other", "other"]),
    # a cue past another figure belongs to that one
    ("It paid $2 billion for the plant, which had $900 million in sales.", ["deal_value", "revenue"]),
])
def test_measures_of_figures_side_by_side(extract, text, measures):
    assert [f.measure for f in extract(text).facts] == measures


def test_a_far_valuing_verb_needs_at_before_the_figure(extract):
    [fact] = extract("The bid values the maker of ship turbines, they say, $3 billion.").facts
    assert fact.measure == "other"


def test_a_cue_in_the_sentence_before_does_not_count(extract):
    [fact] = extract("The deal closed. The weather cost $5 million.").facts
    assert fact.measure == "other"


def test_cue_templates_name_word_lists():
    words = {"deal": ["deal", "contract"], "stock": ["shares"]}
    assert phrases(["{deal} worth", "for", [{"LOWER": "per"}]], words) == ["deal worth", "contract worth", "for"]
    assert patterns(["for", [{"LOWER": {"IN": "stock"}}]], words) == [[{"LOWER": {"IN": ["shares"]}}]]


@pytest.mark.parametrize("rows, error", [
    ([{"measure": "deal_value", "side": "after", "gap": 1, "cues": ["{deal}"]},
      {"measure": "other", "side": "after", "gap": 1, "cues": ["contract"]}], "'contract' is in rows 0 and 1"),
    ([{"measure": "price", "side": "after", "gap": 1, "cues": ["x"]}], "unknown measure"),
    ([{"measure": "fee", "side": "around", "gap": 1, "cues": ["x"]}], "side is"),
])
def test_a_bad_cue_row_is_named_at_load(rows, error):
    with pytest.raises(ValueError, match=error):
        checked({"words": {"deal": ["deal", "contract"]}, "cues": rows})
    assert checked(measure_data()) is measure_data()


def test_labelled_gold_facts_keep_their_accuracy():
    """gold/measures.jsonl: money facts of the gold sets, labelled before any rule was written
    (gold/README.md); floors a little under today's 0.887 accuracy and deal_value P 1.000 R 0.789."""
    r = measure_score(judged())
    assert r["found"] >= 60
    assert r["accuracy"] >= 0.85
    assert r["deal_value"]["precision"] >= 0.93
    assert r["deal_value"]["recall"] >= 0.70
