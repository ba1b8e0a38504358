"""Deals read from the syntax: one sentence of our own per shape, with type, roles and status."""
import pytest


def deals(result) -> list[tuple]:
    """Each deal as (type, status, {party: role}, [fact texts])."""
    return [(d.type, d.status, {p.name: p.role for p in d.parties}, [result.facts[i].text for i in d.facts])
            for d in result.deals]


@pytest.mark.parametrize("text, expected", [
    # subject and object of a verb, with the figure it is bought for
    ("Halvorsen Tooling Corp agreed to acquire Pemberton Castings Inc for $40 million.",
     [("acquisition", "agreed", {"Halvorsen Tooling": "buyer", "Pemberton Castings": "target"}, ["$40 million"])]),
    # passive agent
    ("Pemberton Castings Inc was acquired by Halvorsen Tooling Corp last year.",
     [("acquisition", "completed", {"Pemberton Castings": "target", "Halvorsen Tooling": "buyer"}, [])]),
    # the owner of what is bought sells it
    ("Halvorsen Tooling Corp bought the Wexford plant of Marden Industries Inc.",
     [("acquisition", "completed", {"Halvorsen Tooling": "buyer", "Marden Industries": "seller"}, [])]),
    # `in` phrase
    ("Corvane Systems Inc will invest $2 billion in Brightline Labs Inc.",
     [("investment", "agreed", {"Corvane Systems": "investor", "Brightline Labs": "investee"}, ["$2 billion"])]),
    # possessive and `of` phrase of a noun
    ("Halvorsen Tooling Corp's acquisition of Pemberton Castings Inc was completed on Monday.",
     [("acquisition", "completed", {"Halvorsen Tooling": "buyer", "Pemberton Castings": "target"}, [])]),
    # a deal to do something: the verb types the deal and says who supplies
    ("Corvane Systems Inc signed a $3 billion agreement with Brightline Labs Inc to supply cloud capacity.",
     [("compute", "agreed", {"Corvane Systems": "supplier", "Brightline Labs": "customer"}, ["$3 billion"])]),
    # a relative clause's subject is its antecedent
    ("Marden Industries Inc, which agreed to buy Pemberton Castings Inc, said sales rose.",
     [("acquisition", "agreed", {"Marden Industries": "buyer", "Pemberton Castings": "target"}, [])]),
    # a unit buys for its parent
    ("Halvorsen Tooling Corp said its unit agreed to buy Pemberton Castings Inc.",
     [("acquisition", "agreed", {"Halvorsen Tooling": "buyer", "Pemberton Castings": "target"}, [])]),
    # a stake raised is a completed investment; a percentage is a stake
    ("Stanmore Bank Plc raised its stake in Brightline Labs Inc to 9 pct.",
     [("investment", "completed", {"Stanmore Bank": "investor", "Brightline Labs": "investee"}, [])]),
    # talks are a proposal
    ("Halvorsen Tooling Corp is in talks to acquire Pemberton Castings Inc.",
     [("acquisition", "proposed", {"Halvorsen Tooling": "buyer", "Pemberton Castings": "target"}, [])]),
    # a bank financing a developer
    ("Stanmore Bank Plc will lend $500 million to Brightline Data Inc for its new data centre.",
     [("financing", "agreed", {"Stanmore Bank": "lender", "Brightline Data": "borrower"}, ["$500 million"])]),
    # an unfamiliar one-word name after its description, which the parser alone reads as a verb
    ("Corvane Inc has announced its acquisition of cybersecurity software company Tessly for $157 per share.",
     [("acquisition", "agreed", {"Corvane": "buyer", "Tessly": "target"}, ["$157 per share"])]),
    ("Marlowe Systems Corp agreed to buy workflow software maker Quibbly for $2 billion.",
     [("acquisition", "agreed", {"Marlowe Systems": "buyer", "Quibbly": "target"}, ["$2 billion"])]),
    # a name written with its newswire brackets and ticker is one name to the parser
    ("<Corvane Systems Ltd> has placed a firm order with Halvorsen Tooling Corp <HTC> for four turbines at a cost "
     "of 25 mln dlrs each.",
     [("supply", "agreed", {"Halvorsen Tooling": "supplier", "Corvane Systems": "customer"}, ["25 mln dlrs"])]),
    # a stake held is an investment made; one to be held is agreed
    ("Marden Industries Inc holds a 10 pct stake in Pemberton Castings Inc.",
     [("investment", "completed", {"Pemberton Castings": "investee", "Marden Industries": "investor"}, [])]),
    ("Marden Industries Inc will hold a 10 pct stake in Pemberton Castings Inc.",
     [("investment", "agreed", {"Pemberton Castings": "investee", "Marden Industries": "investor"}, [])]),
    # money invested is an investment made
    ("Marden Industries Inc invested $300 million in Pemberton Castings Inc last year.",
     [("investment", "completed", {"Marden Industries": "investor", "Pemberton Castings": "investee"},
       ["$300 million"])]),
    # a termination governing the agreement ends it
    ("Halvorsen Tooling Corp announced the termination of its agreement to buy Pemberton Castings Inc.",
     [("acquisition", "terminated", {"Halvorsen Tooling": "buyer", "Pemberton Castings": "target"}, [])]),
    # an infinitive after a deal noun takes the subject of the verb governing the noun
    ("Halvorsen Tooling Corp said it has struck a new deal to buy Pemberton Castings Inc, boosting the price.",
     [("acquisition", "agreed", {"Halvorsen Tooling": "buyer", "Pemberton Castings": "target"}, [])]),
    # an apposition naming the buyer's parent describes the buyer: the parent is no party
    ("Veyra Labs Inc, a subsidiary of Halden Capital Corp, agreed to buy Pemberton Castings Inc.",
     [("acquisition", "agreed", {"Veyra Labs": "buyer", "Pemberton Castings": "target"}, [])]),
    # chips bought are a supply: the vendor named on them supplies; told in the past it is done
    ("Corvane Systems Inc bought 12,000 Nvidia GPUs last year.",
     [("supply", "completed", {"Corvane Systems": "customer", "Nvidia": "supplier"}, ["12,000 Nvidia GPUs"])]),
    # money raised is an investment made
    ("In May, Brightline Labs Inc raised $90 million from Stanmore Capital Partners.",
     [("investment", "completed", {"Brightline Labs": "investee", "Stanmore Capital Partners": "investor"},
       ["$90 million"])]),
    # a passive the parser hangs on its auxiliary
    ("Pemberton Castings Inc was itself acquired last year by Halvorsen Tooling Corp for $90 million.",
     [("acquisition", "completed", {"Pemberton Castings": "target", "Halvorsen Tooling": "buyer"}, ["$90 million"])]),
    # a description after a company named for its officer is that company, not one named before
    ("Orvane Corp makes castings. Halvorsen Motors Corp CEO Ann Berg confirmed the automaker has signed a chip "
     "supply deal with Marden Industries Inc.",
     [("supply", "agreed", {"Halvorsen Motors": "customer", "Marden Industries": "supplier"}, [])]),
    # a phrasal verb of buying, in a relative clause
    ("He founded Pemberton Castings Inc, which Halvorsen Tooling Corp snapped up in 2016 for $40 million.",
     [("acquisition", "completed", {"Halvorsen Tooling": "buyer", "Pemberton Castings": "target"}, ["$40 million"])]),
    # what belongs to a company, or is owned by it, is its
    ("Corvane Systems Inc agreed to invest $70 million in wind farms belonging to Marden Industries Inc.",
     [("investment", "agreed", {"Corvane Systems": "investor", "Marden Industries": "investee"}, ["$70 million"])]),
    ("Halvorsen Tooling Corp agreed to buy two plants owned by Marden Industries Inc.",
     [("acquisition", "agreed", {"Halvorsen Tooling": "buyer", "Marden Industries": "seller"}, [])]),
    # whoever rejects an offer is its target, and the offer is off
    ("Halvorsen Tooling Corp has had a $3 billion takeover offer rejected by Marden Industries Inc.",
     [("acquisition", "terminated", {"Halvorsen Tooling": "buyer", "Marden Industries": "target"}, ["$3 billion"])]),
    ("Halvorsen Tooling Corp said its offer was rejected by Marden Industries Inc.",
     [("acquisition", "terminated", {"Halvorsen Tooling": "buyer", "Marden Industries": "target"}, [])]),
    # takeover talks for a company
    ("Halvorsen Tooling Corp abandoned takeover talks for Marden Industries Inc.",
     [("acquisition", "terminated", {"Halvorsen Tooling": "buyer", "Marden Industries": "target"}, [])]),
    # a deal dated by its year is done, whatever the clause says of now
    ("It will be the biggest deal since Halvorsen Tooling Corp's 2015 acquisition of Pemberton Castings Inc.",
     [("acquisition", "completed", {"Halvorsen Tooling": "buyer", "Pemberton Castings": "target"}, [])]),
])
def test_one_deal_per_shape(extract, text, expected):
    assert deals(extract(text)) == expected


def test_one_role_spreads_over_a_conjunction_and_a_round_is_one_deal_per_investor(extract):
    result = extract("Brightline Labs Inc raised $100 million in a round led by Acme Capital LLC, with "
                     "participation from Birch Ventures LLC and Cobalt Capital LLC.")
    assert sorted((d.type, d.parties[0].name, d.parties[1].name, d.parties[1].role) for d in result.deals) == [
        ("investment", "Brightline Labs", investor, "investor")
        for investor in ("Acme Capital", "Birch Ventures", "Cobalt Capital")]


def test_a_consortium_acting_together_is_one_deal(extract):
    result = extract("Acme Capital LLC, Birch Ventures LLC, Cobalt Capital LLC and Delta Power Inc will build "
                     "a data centre campus together.")
    [deal] = result.deals
    assert deal.type == "partnership" and {p.role for p in deal.parties} == {"partner"}
    assert {p.name for p in deal.parties} == {"Acme Capital", "Birch Ventures", "Cobalt Capital", "Delta Power"}


def test_two_agreements_of_two_types_between_the_same_companies_are_two_deals(extract):
    result = extract("Corvane Systems Inc will invest $1 billion in Brightline Labs Inc this year. Brightline "
                     "Labs Inc agreed to buy $3 billion of cloud capacity from Corvane Systems.")
    assert [(t, roles) for t, _, roles, _ in deals(result)] == [
        ("investment", {"Corvane Systems": "investor", "Brightline Labs": "investee"}),
        ("compute", {"Brightline Labs": "customer", "Corvane Systems": "supplier"})]


def test_a_figure_stated_after_the_deal_belongs_to_it(extract):
    result = extract("Halvorsen Tooling Corp agreed to buy Pemberton Castings Inc on Friday. The deal is worth "
                     "$40 million.")
    assert deals(result) == [
        ("acquisition", "agreed", {"Halvorsen Tooling": "buyer", "Pemberton Castings": "target"}, ["$40 million"])]


@pytest.mark.parametrize("text", [
    "Halvorsen Tooling Corp denied it would buy Pemberton Castings Inc.",
    "If Halvorsen Tooling Corp were to buy Pemberton Castings Inc, prices would rise.",
    "Halvorsen Tooling Corp has no plans to acquire Pemberton Castings Inc.",
])
def test_a_denied_or_hypothetical_deal_is_no_deal(extract, text):
    assert extract(text).deals == []


def test_a_chip_makers_products_used_by_two_others_leave_it_out(extract):
    result = extract("Corvane Systems Inc will provide Brightline Labs Inc with 20,000 Nvidia GPUs.")
    assert [(d.type, {p.name: p.role for p in d.parties}) for d in result.deals] == [
        ("supply", {"Corvane Systems": "supplier", "Brightline Labs": "customer"})]


def test_a_rejected_offer_is_a_terminated_acquisition(extract):
    result = extract("Pemberton Castings Inc rejected the takeover offer from Halvorsen Tooling Corp.")
    assert deals(result) == [
        ("acquisition", "terminated", {"Pemberton Castings": "target", "Halvorsen Tooling": "buyer"}, [])]


def test_every_deal_is_the_articles_text_at_its_offsets(extract):
    text = "Halvorsen Tooling Corp said on Monday it agreed to acquire Pemberton Castings Inc for $40 million."
    [deal] = extract(text).deals
    assert deal.text == text[deal.start:deal.end]
    assert deal.text.endswith("it agreed to acquire Pemberton Castings Inc for $40 million")
    assert "said" not in deal.text  # the reported clause, not the report


@pytest.mark.parametrize("text, expected", [
    # a consortium's members, named after `led by` and `comprising`
    ("Pemberton Castings Inc rejected a bid from a consortium led by Acme Capital LLC.",
     {("acquisition", "terminated", frozenset({("Pemberton Castings", "target"), ("Acme Capital", "buyer")}))}),
    # a description set off after the name stands for it
    ("Brightline Labs Inc, the robotics company, has announced deals with Corvane Systems Inc and Stanmore "
     "Bank Plc to build factories.",
     {("partnership", "agreed", frozenset({("Brightline Labs", "partner"), ("Corvane Systems", "partner")})),
      ("partnership", "agreed", frozenset({("Brightline Labs", "partner"), ("Stanmore Bank", "partner")}))}),
    # ... but a description of someone else is not a party
    ("Corvane Systems Inc will invest $4 billion in Brightline Labs Inc, a rival to Stanmore Bank Plc — the "
     "group behind Tillbrook.",
     {("investment", "agreed", frozenset({("Corvane Systems", "investor"), ("Brightline Labs", "investee")}))}),
    # `worth` between the deal and its `with`
    ("Halvorsen Tooling Corp signed a deal worth $40 million with Marden Industries Inc.",
     {("other", "agreed", frozenset({("Halvorsen Tooling", "partner"), ("Marden Industries", "partner")}))}),
    # access to a number of a maker's chips is compute bought from it
    ("Brightline Labs Inc secured access to up to 50,000 of Corvane Systems Inc's chips.",
     {("compute", "agreed", frozenset({("Brightline Labs", "customer"), ("Corvane Systems", "supplier")}))}),
    # money spent on a maker's chips
    ("Brightline Labs Inc will spend $4 billion on Corvane Systems Inc's chips.",
     {("supply", "agreed", frozenset({("Brightline Labs", "customer"), ("Corvane Systems", "supplier")}))}),
    # banks that underwrite a loan lend it, to whom the loan's purpose is for; one deal per lender,
    # and the talks they are in say no more than the loan
    ("Stanmore Bank Plc and Tillbrook Bank Plc are in talks to underwrite a $2 billion loan to build a plant for "
     "Brightline Data Inc.",
     {("financing", "proposed", frozenset({("Stanmore Bank", "lender"), ("Brightline Data", "borrower")})),
      ("financing", "proposed", frozenset({("Tillbrook Bank", "lender"), ("Brightline Data", "borrower")}))}),
    # ... while a company that receives a loan borrows it
    ("Brightline Data Inc received a $500 million loan from Stanmore Bank Plc.",
     {("financing", "agreed", frozenset({("Stanmore Bank", "lender"), ("Brightline Data", "borrower")}))}),
    # and one that secures an investment takes it
    ("Brightline Labs Inc secured a $40 million investment from Corvane Capital LLC.",
     {("investment", "agreed", frozenset({("Corvane Capital", "investor"), ("Brightline Labs", "investee")}))}),
    # a stake sold: the seller, the company it is in and the buyer, in one deal (no second one of the stake)
    ("Halvorsen Tooling Corp sold its 40% stake in Pemberton Castings Inc to Marden Industries Inc.",
     {("investment", "completed", frozenset({("Halvorsen Tooling", "seller"), ("Pemberton Castings", "investee"),
                                             ("Marden Industries", "investor")}))}),
    # ... told as a noun, with `by` and `to`
    ("The sale of Pemberton Castings Inc by Stanmore Bank Plc to Marden Industries Inc closed last year.",
     {("acquisition", "completed", frozenset({("Stanmore Bank", "seller"), ("Pemberton Castings", "target"),
                                              ("Marden Industries", "buyer")}))}),
    ("The disposal by Stanmore Bank Plc of its 21.2% stake in Marden Industries Inc comes as no surprise.",
     {("investment", "agreed", frozenset({("Stanmore Bank", "seller"), ("Marden Industries", "investee")}))}),
    # a consortium's members after `which includes` on its leader, and after a misparsed `comprising of`
    ("Pemberton Castings Inc rejected a takeover bid from a consortium led by Acme Capital LLC, which includes "
     "Tillbrook Partners.",
     {("acquisition", "terminated", frozenset({("Pemberton Castings", "target"), ("Acme Capital", "buyer"),
                                               ("Tillbrook Partners", "buyer")}))}),
    # a deal offered by someone and rejected by its target
    ("Pemberton Castings Inc has rejected a proposed $2 billion acquisition deal offered by Halvorsen Tooling Corp.",
     {("acquisition", "terminated", frozenset({("Pemberton Castings", "target"), ("Halvorsen Tooling", "buyer")}))}),
    # anything bought from a seller is an acquisition
    ("Marden Industries Inc has acquired the Wexford Gardens Mall from Stanmore Bank Plc for $40 million.",
     {("acquisition", "completed", frozenset({("Marden Industries", "buyer"), ("Stanmore Bank", "seller")}))}),
    # a shareholder holds an investment, an owner a company
    ("Corvane Capital LLC is Pemberton Castings Inc's second largest shareholder.",
     {("investment", "completed", frozenset({("Corvane Capital", "investor"), ("Pemberton Castings", "investee")}))}),
    ("Analysts expect no bid while Stanmore Bank Plc, Pemberton Castings Inc's current owner, prepares a listing.",
     {("acquisition", "completed", frozenset({("Stanmore Bank", "buyer"), ("Pemberton Castings", "target")}))}),
    # a plural name's bare apostrophe is its possessive: the buyer of a dated acquisition
    ("Analysts compared it with Halvorsen Industries' 2015 acquisition of Pemberton Castings Inc.",
     {("acquisition", "completed", frozenset({("Halvorsen Industries", "buyer"), ("Pemberton Castings", "target")}))}),
    # a company named as the owner or backer of another, before a hyphen, holds it
    ("Stanmore Bank-owned Halvorsen Tooling Corp is in talks to acquire Pemberton Castings Inc.",
     {("acquisition", "completed", frozenset({("Stanmore Bank", "buyer"), ("Halvorsen Tooling", "target")})),
      ("acquisition", "proposed", frozenset({("Halvorsen Tooling", "buyer"), ("Pemberton Castings", "target")}))}),
    ("Analysts said the Corvane Capital-backed firm Brightline Labs Inc doubled its sales.",
     {("investment", "completed", frozenset({("Corvane Capital", "investor"), ("Brightline Labs", "investee")}))}),
    # a deal noun dated in the past is done
    ("Most lenders have left, notably after the sale of Pemberton Castings Inc by Stanmore Bank Plc to Marden "
     "Industries Inc last year.",
     {("acquisition", "completed", frozenset({("Stanmore Bank", "seller"), ("Pemberton Castings", "target"),
                                              ("Marden Industries", "buyer")}))}),
    # a stake bought from its holder, named by a possessive
    ("Corvane Systems Inc agreed to buy Stanmore Bank Plc's stake in Brightline Labs Inc.",
     {("investment", "agreed", frozenset({("Corvane Systems", "investor"), ("Brightline Labs", "investee"),
                                          ("Stanmore Bank", "seller")}))}),
    # more than half of a company, or all its shares, is control: an acquisition; less is an investment
    ("Halvorsen Tooling Corp bought 51 pct of Pemberton Castings Inc.",
     {("acquisition", "completed", frozenset({("Halvorsen Tooling", "buyer"), ("Pemberton Castings", "target")}))}),
    ("Halvorsen Tooling Corp acquired all issued shares of Pemberton Castings Inc.",
     {("acquisition", "completed", frozenset({("Halvorsen Tooling", "buyer"), ("Pemberton Castings", "target")}))}),
    ("Halvorsen Tooling Corp bought 45 pct of Pemberton Castings Inc.",
     {("investment", "completed", frozenset({("Halvorsen Tooling", "investor"),
                                             ("Pemberton Castings", "investee")}))}),
])
def test_more_shapes(extract, text, expected):
    found = {(d.type, d.status, frozenset((p.name, p.role) for p in d.parties)) for d in extract(text).deals}
    assert found == expected
