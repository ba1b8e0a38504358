"""Deals: who agreed with whom, from cues in the sentence, and which facts belong to them."""
import pytest


def pairs(result) -> set[frozenset]:
    out = set()
    for d in result.deals:
        out |= {frozenset((a, b)) for a in d.names for b in d.names if a < b}
    return out


def typed_roles(result) -> set[tuple]:
    """Each deal as (type, frozenset of (party, role))."""
    return {(d.type, frozenset((p.name, p.role) for p in d.parties)) for d in result.deals}


def test_joint_announcement(extract):
    result = extract("Oracle and Meta announced a $20 billion cloud agreement on Monday.")
    assert pairs(result) == {frozenset({"Oracle", "Meta"})}
    [deal] = result.deals
    [fact] = result.facts
    assert deal.facts == [0] and fact.value == 2e10
    assert set(fact.companies) == {"Oracle", "Meta"}


def test_one_side_deals_with_each_name_on_the_other(extract):
    result = extract("Microsoft is targeting 5 gigawatts of capacity in partnership with Nvidia and AMD.")
    assert pairs(result) == {frozenset({"Microsoft", "Nvidia"}), frozenset({"Microsoft", "AMD"})}


def test_payment_to_a_company_is_a_deal(extract):
    result = extract("Apple will pay $500 million a year to OpenAI for its models.")
    assert pairs(result) == {frozenset({"Apple", "OpenAI"})}


def test_no_cue_no_deal(extract):
    assert extract("Both Intel and Qualcomm reported lower sales this quarter.").deals == []


def test_products_merely_used_are_no_deal(extract):
    assert extract("xAI's cluster is powered by 100,000 Nvidia H100 GPUs.").deals == []


def test_rivals_are_no_party(extract):
    result = extract("Tesla signed a supply agreement with Samsung to compete against rivals like Intel.")
    assert pairs(result) == {frozenset({"Tesla", "Samsung"})}


def test_names_after_with_are_partners_of_someone_else(extract):
    assert extract("Chip partnerships with Amazon and Google").deals == []


def test_the_company_opening_a_sentence_is_the_company_named_before(extract):
    result = extract("Halvorsen Tooling Corp reported higher first-quarter profit. "
                     "The company said it agreed to acquire Pemberton Inc for 40 mln dlrs.")
    assert pairs(result) == {frozenset({"Halvorsen Tooling", "Pemberton"})}
    assert result.deals[0].facts == [0]


def test_the_chips_maker_is_no_party_where_two_others_deal_over_its_chips(extract):
    result = extract("Corvane Systems signed a contract to give Microsoft access to 20,000 Nvidia "
                     "GB300 GPUs.")
    assert pairs(result) == {frozenset({"Corvane Systems", "Microsoft"})}
    result = extract("Anthropic signed a deal to use up to one million of Google's TPUs.")
    assert pairs(result) == {frozenset({"Anthropic", "Google"})}


def test_three_single_names_make_one_deal_but_a_list_deals_with_its_neighbour_only(extract):
    result = extract("Halvorsen Tooling Corp reached agreement with Marden Industries Inc to acquire "
                     "its Pemberton Castings Co unit for 12 mln dlrs.")
    assert pairs(result) == {frozenset({"Halvorsen Tooling", "Marden Industries"}),
                             frozenset({"Halvorsen Tooling", "Pemberton Castings"}),
                             frozenset({"Marden Industries", "Pemberton Castings"})}
    result = extract("Corvane Systems Inc is the latest cloud firm to sign a deal with Microsoft.")
    assert pairs(result) == {frozenset({"Corvane Systems", "Microsoft"})}


def test_the_analysts_firm_is_no_party(extract):
    result = extract("Morgan Stanley analysts said Nvidia's $5 billion investment in Intel was a win, "
                     "and analysts at Barclays agreed Nvidia would buy the Intel stake.")
    assert pairs(result) == {frozenset({"Nvidia", "Intel"})}


def test_partners_after_a_bare_with_are_the_main_companys(extract):
    result = extract("Halvorsen Tooling Corp opened a robotics hub in Munich. Halvorsen said sales rose. "
                     "Partnerships with Pemberton Corp and Marden Industries Inc are planned.")
    assert pairs(result) == {frozenset({"Halvorsen Tooling", "Pemberton"}),
                             frozenset({"Halvorsen Tooling", "Marden Industries"})}


def test_two_plans_in_one_sentence_are_no_deal(extract):
    result = extract("Google said it would invest £5bn in the UK, while BlackRock plans a £500m investment.")
    assert pairs(result) == set()


def test_a_joint_announcement_may_name_a_company_by_its_home(extract):
    result = extract("OpenAI, Nvidia and London-based Nscale announced a partnership to build data centres.")
    assert pairs(result) == {frozenset({"OpenAI", "Nvidia"}), frozenset({"OpenAI", "Nscale"}),
                             frozenset({"Nvidia", "Nscale"})}


def test_a_persons_employer_is_no_party(extract):
    result = extract("The agreements were signed after OpenAI CEO Sam Altman met Samsung Electronics "
                     "Chairman Lee Jae-yong.")
    assert pairs(result) == set()


def test_names_a_few_words_after_with_are_the_main_companys_partners(extract):
    result = extract("Nvidia will invest £2bn in British start-ups, Nvidia said. The money will go "
                     "through partnerships with venture capital firms including Accel, Balderton and "
                     "Air Street Capital.")
    assert pairs(result) == {frozenset({"Nvidia", x}) for x in ("Accel", "Balderton", "Air Street Capital")}


def test_backers_in_a_funding_round_invest_in_the_main_company(extract):
    result = extract("ASML will invest €1.3 billion in Mistral AI. The investment anchors Mistral AI's "
                     "funding round. Existing backers Andreessen Horowitz, General Catalyst and Nvidia "
                     "also took part in the round.")
    assert pairs(result) == {frozenset({"Mistral AI", x})
                             for x in ("ASML", "Andreessen Horowitz", "General Catalyst", "Nvidia")}


def test_a_round_told_over_several_sentences_is_one_deal_per_investor_with_the_company_raising(extract):
    result = extract("Brightline Labs Inc said it raised $1 billion in a funding round. The round was led by "
                     "Corvane Capital LLC. Other investors included Stanmore Bank Plc and Tillbrook Partners. "
                     "Marden Industries Inc, which also participated in the round, did not comment.")
    assert typed_roles(result) == {
        ("investment", frozenset({(x, "investor"), ("Brightline Labs", "investee")}))
        for x in ("Corvane Capital", "Stanmore Bank", "Tillbrook Partners", "Marden Industries")}


def test_investors_in_a_phrase_of_another_deal_are_its_parties_only(extract):
    result = extract("Corvane Capital LLC leads the market. Brightline Labs Inc raised $750 million from "
                     "investors including Stanmore Bank Plc and Tillbrook Partners.")
    assert pairs(result) == {frozenset({"Brightline Labs", x}) for x in ("Stanmore Bank", "Tillbrook Partners")}


def test_clients_named_after_like_buy_from_the_subject(extract):
    result = extract("Brightline Foundry Inc leads the chip market with clients like Orrin Corp and Vexa Inc.")
    assert {roles for _, roles in typed_roles(result)} == {
        frozenset({("Brightline Foundry", "supplier"), (x, "customer")}) for x in ("Orrin", "Vexa")}


def test_a_description_with_its_modifiers_means_the_company_named_before(extract):
    result = extract("Orrin Corp makes sensors. The Seattle-based industrial company agreed to buy Vexa Inc.")
    assert typed_roles(result) == {
        ("acquisition", frozenset({("Orrin", "buyer"), ("Vexa", "target")}))}


def test_an_agreement_to_be_acquired_names_the_buyer_by_its_agent(extract):
    result = extract("Vexa Inc said it has signed a definitive agreement to be acquired by Orrin Corp.")
    assert typed_roles(result) == {
        ("acquisition", frozenset({("Orrin", "buyer"), ("Vexa", "target")}))}


def test_the_story_company_fills_no_deal_where_the_sentence_names_another(extract):
    result = extract("Halvorsen Tooling Corp rose. Vexa Inc fell after saying the platform had rejected an offer "
                     "from Orrin Corp. Halvorsen Tooling Corp said sales grew.")
    assert ("Halvorsen Tooling", "Orrin") not in {tuple(sorted(d.names)) for d in result.deals}


def test_a_price_paid_by_a_party_in_the_next_sentence_is_the_deals(extract):
    result = extract("Orrin Corp agreed to buy Vexa Inc last week. Orrin will pay $11.42 per share in cash.")
    [deal] = result.deals
    assert [result.facts[i].text for i in deal.facts] == ["$11.42 per share"]


def test_the_company_is_the_first_named_where_no_one_else_was_named_before(extract):
    result = extract("Canadian miner Orrin Gold said on Tuesday mining firm Vexa Mining would take a 9.9% stake "
                     "in the company.")
    assert typed_roles(result) == {
        ("investment", frozenset({("Vexa Mining", "investor"), ("Orrin Gold", "investee")}))}


def test_a_description_followed_by_a_name_is_that_names(extract):
    result = extract("Orrin Corp has signed a deal with the infrastructure group Vexa to supply computing power "
                     "for the tech giant's AI work.")
    assert pairs(result) == {frozenset({"Orrin", "Vexa"})}


def test_clients_left_unnamed_are_no_deal(extract):
    result = extract("Orrin Corp said Brightline Foundry Inc cut prices, while its biggest clients are "
                     "reportedly mulling a rethink.")
    assert result.deals == []


@pytest.mark.parametrize("text, expected", [
    ("Microsoft Chief Executive Satya Nadella announced a $10 billion investment in OpenAI.",
     {("Microsoft", "OpenAI")}),
    ("IREN will provide Microsoft with Nvidia GPUs.", {("IREN", "Microsoft")}),
    ("Goldman Sachs said Nvidia agreed to supply chips to Oracle.", {("Nvidia", "Oracle")}),
    ("Mitsui and Co said it agreed to buy Halvorsen Finance Co from Security Pacific Corp.",
     {("Mitsui", "Halvorsen Finance"), ("Mitsui", "Security Pacific"), ("Halvorsen Finance", "Security Pacific")}),
    ("Amazon sells books. Amazon bought a startup. Google and Microsoft cut jobs in a new round of layoffs.",
     set()),
    ("Nvidia sells chips. Nvidia grew. Compared with last year, Google and Microsoft reported higher profits.",
     set()),
])
def test_who_deals_and_who_only_speaks_or_is_compared(extract, text, expected):
    assert pairs(extract(text)) == {frozenset(p) for p in expected}


def test_a_company_unit_named_with_a_generic_chip_word_is_still_a_party(extract):
    result = extract("Meta agreed to pay Google and Microsoft's AI unit $10 billion.")
    assert pairs(result) == {frozenset({"Meta", "Google"}), frozenset({"Meta", "Microsoft"})}
