"""Companies: gazetteer aliases, cues for unknown names, filters for what is not a business."""


def names(result) -> set[str]:
    return {c.name for c in result.companies}


def test_aliases_map_to_the_parent(extract):
    result = extract("AWS will host the model, and Google Cloud signed a separate deal with Azure.")
    assert names(result) == {"Amazon", "Google", "Microsoft"}
    amazon = next(c for c in result.companies if c.name == "Amazon")
    assert "AWS" in amazon.aliases


def test_legal_suffix_and_short_form_are_one_company(extract):
    result = extract("Halvorsen Tooling Corp said it agreed to buy Pemberton Inc. "
                     "Halvorsen said the deal closes in May, and Pemberton shareholders approved it.")
    assert names(result) == {"Halvorsen Tooling", "Pemberton"}


def test_newswire_ticker_and_acronym(extract):
    result = extract("Northgate Mining Co <NGM> said Consolidated Ores Ltd (COL) raised its stake. "
                     "COL now owns 12 pct of Northgate.")
    assert names(result) == {"Northgate Mining", "Consolidated Ores"}
    ores = next(c for c in result.companies if c.name == "Consolidated Ores")
    assert "COL" in ores.aliases


def test_descriptor_cue_finds_unknown_startups(extract):
    result = extract("The deal was struck with AI startup Veltrix and chipmaker Quorra.")
    assert {"Veltrix", "Quorra"} <= names(result)


def test_what_is_done_to_a_name_makes_it_a_company(extract):
    result = extract("Shares of Zorvex rose 8% on Tuesday after rivals bid for Quillon. Marrowby agreed to buy "
                     "a stake in Halyard, and Corrigan plans to buy Vellmar.")
    assert {"Zorvex", "Quillon", "Halyard", "Vellmar"} <= names(result)


def test_capitals_after_a_cue_in_a_heading_are_no_company(extract):
    result = extract("Marrowby Agrees to Buy Major Chip Firm for $32 Billion\n\nMarrowby Corp said on Monday it "
                     "would pay $32 billion for the chip designer.")
    assert "Major Chip Firm" not in names(result)


def test_a_listed_name_written_without_its_accents_or_called_a_person_by_the_ner(extract):
    result = extract("Also in September, Telefonica agreed a deal to purchase a broadband unit.")
    assert "Telefónica" in names(result)


def test_a_listed_name_after_its_is_a_thing_of_its_owner(extract):
    result = extract("Orrin Power's design uses salt. The company is building its Hermes demonstration reactor in "
                     "Tennessee.")
    assert "Hermès" not in names(result)


def test_a_bank_a_brand_a_carrier_or_a_manager_named_after_its_description(extract):
    result = extract("Dairy brand Harvest Delight has raised $20 million, gulf carrier Zephyr Air holds a stake, "
                     "and asset manager Quillon Capital advised the bank.")
    assert {"Harvest Delight", "Zephyr Air", "Quillon Capital"} <= names(result)


def test_an_index_members_note_is_not_its_name(extract):
    assert "Rio Tinto" in names(extract("Miners Rio Tinto and Glencore fell 2% on Tuesday."))


def test_people_places_titles_and_outlets_are_not_companies(extract):
    result = extract("Nvidia CFO Colette Kress told Reuters the company will expand in Texas. "
                     "According to Bloomberg, the CEO plans more deals.")
    assert names(result) == {"Nvidia"}


def test_products_and_agencies_are_not_companies(extract):
    result = extract("OpenAI's ChatGPT and Anthropic's Claude were reviewed by the "
                     "Federal Trade Commission and the International Energy Agency.")
    assert names(result) == {"OpenAI", "Anthropic"}


def test_chip_models_labs_and_landmarks_are_not_companies(extract):
    result = extract("Corvane Systems Inc will rent Nvidia Blackwell Ultra GPUs and AMD Instinct MI450 "
                     "chips, the Lawrence Berkeley National Laboratory said, using the power of two "
                     "Hoover Dams.")
    assert names(result) == {"Corvane Systems", "Nvidia", "AMD"}


def test_possessive_is_dropped(extract):
    result = extract("Microsoft's investment in Nscale's new campus was confirmed.")
    assert names(result) == {"Microsoft", "Nscale"}


def test_a_fact_about_the_company_belongs_to_the_sentence_subject(extract):
    result = extract("Cohere is expanding its infrastructure with help from Oracle. "
                     "The company plans to spend $2 billion on data centres.")
    [fact] = result.facts
    assert fact.companies == ["Cohere"]


def test_what_a_sentence_says_of_a_company_is_not_its_name(extract):
    result = extract("Shares of Halden Robotics Group, Inc. (HRG) rose 11% on Friday.")
    assert names(result) == {"Halden Robotics"}


def test_later_short_mentions_of_a_company_count_for_its_deals(extract):
    result = extract("Sweden's Brannvik Kopparverk AB said it owns 90 pct of Lindqvist Papper AB. "
                     "Brannvik announced in May it would acquire Lindqvist for 5.8 billion crowns.")
    assert names(result) == {"Brannvik Kopparverk", "Lindqvist Papper"}
    [deal] = result.deals
    assert set(deal.names) == {"Brannvik Kopparverk", "Lindqvist Papper"}
    assert deal.facts == [0] and result.facts[0].currency == "SEK"


def test_a_name_wrapped_over_a_newswire_line_break_is_read_whole(extract):
    result = extract("Harlan Savings Corp said it needs approval from the Federal Savings and Loan\n"
                     "Insurance Corp before it can sell the unit to Brookfield Thrift Inc.")
    assert names(result) == {"Harlan Savings", "Brookfield Thrift"}


def test_a_bracketed_newswire_name_is_one_company_possessive_and_all(extract):
    result = extract("<Brandt's Catering Inc> said it acquired all issued shares of Halloway Foods Ltd. "
                     "Brandt's said Halloway had 1986 sales of 20 mln dlrs.")
    assert names(result) == {"Brandt's Catering", "Halloway Foods"}
    [deal] = result.deals
    assert set(deal.names) == {"Brandt's Catering", "Halloway Foods"}


def test_a_name_never_runs_across_a_paragraph_break(extract):
    result = extract("Shr profit 23 cts vs profit 49 cts\n    Net profit 24.1 mln vs profit 49.6 mln\n"
                     "    Revenues exclude those of a joint venture with Kestrel Corp.\n")
    assert names(result) == {"Kestrel"}


def test_analysts_firms_and_described_groups_are_companies(extract):
    result = extract("Corvane was spun out of Russian internet group Tarvik in 2024. Analysts at "
                     "Brightwater called the contract a validation.")
    assert {"Tarvik", "Brightwater"} <= names(result)


def test_weekdays_and_people_after_a_title_are_not_companies(extract):
    result = extract("The airline Monday agreed to buy 50 jets from Halvorsen Aero Corp for cash. Tata "
                     "Group Chairman N Chandrasekaran said Tata agreed to buy the unit.")
    assert "Monday" not in names(result) and "N Chandrasekaran" not in names(result)
    assert "Halvorsen Aero" in names(result)


def test_a_name_with_two_companies_in_it_is_two(extract):
    result = extract("Shares of Nvidia and Microsoft Corp rose after Blackstone and Global Infrastructure "
                     "Partners Inc agreed to buy the operator.")
    assert {"Nvidia", "Microsoft", "Blackstone", "Global Infrastructure Partners"} <= names(result)


def test_a_legal_suffix_or_newswire_brackets_outweigh_words_of_public_bodies(extract):
    result = extract("<Carver Federal Savings and Loan Association> agreed to be acquired by Wisconsin "
                     "Central Ltd, the Union Pacific Corp said, while the Union of Carters and the "
                     "Federal Home Loan Bank Board looked on.")
    assert names(result) == {"Carver Federal Savings and Loan Association", "Wisconsin Central", "Union Pacific"}


def test_in_hard_wrapped_newswire_a_short_first_line_is_not_a_heading(extract):
    text = ("An investor group led by Coniston\nPartners said it plans to continue its effort to gain\n"
            "control of Allegis Corp despite the defensive maneuvers\nAllegis announced last week, "
            "after talks that began\nin January failed, the group said in a statement on\nMonday.\n")
    assert names(extract(text)) == {"Coniston Partners", "Allegis"}


def test_a_surname_alone_is_the_person_and_a_shared_first_word_the_first_company(extract):
    result = extract("Quorvex Biotechnology Inc said its Quorvex Blood Substitute Inc unit signed an "
                     "agreement with Halvorsen Tooling Corp. Chief Executive Brian Tellwright said the "
                     "deal was good. Tellwright added that Quorvex also agreed with Pemberton Corp on a "
                     "merger.")
    assert names(result) == {"Quorvex Biotechnology", "Quorvex Blood Substitute", "Halvorsen Tooling", "Pemberton"}
    assert frozenset({"Quorvex Biotechnology", "Pemberton"}) in {frozenset(d.names) for d in result.deals}


def test_the_other_names_in_a_list_of_companies_are_companies(extract):
    result = extract("Existing backers Quillon Global Ltd, Andreessen Horowitz, Marrow Catalyst and Nvidia "
                     "also took part in the round. In July, talks were held in London, Paris and Berlin "
                     "with Microsoft and Google.")
    assert names(result) == {"Quillon Global", "Andreessen Horowitz", "Marrow Catalyst", "Nvidia", "Microsoft",
                             "Google"}


def test_a_place_that_describes_the_next_company_is_not_one(extract):
    result = extract("Mistral AI is a partner, with Abu Dhabi investor MGX and Nvidia, in a planned campus.")
    assert names(result) == {"Mistral AI", "MGX", "Nvidia"}


def test_two_suffixed_names_joined_by_and_are_two_companies(extract):
    result = extract("Morgan Guaranty Trust Co and Lloyds Bank Plc arranged the loan; the Federal Savings "
                     "and Loan Insurance Corp approved it.")
    assert names(result) == {"Morgan Guaranty Trust", "Lloyds Bank"}


def test_a_person_who_speaks_after_a_list_of_companies_is_not_one(extract):
    result = extract("Amazon, Microsoft and Google, Dan Ives, an analyst at Wedbush, said. Alphabet, Meta "
                     "and Microsoft, Jensen Huang said, are buying GPUs.")
    assert not {"Dan Ives", "Jensen Huang"} & names(result)


def test_a_chip_models_name_inside_a_legal_name_is_a_company(extract):
    result = extract("Ironwood Pharmaceuticals Inc said it agreed to sell a stake to Pfizer Inc.")
    assert names(result) == {"Ironwood Pharmaceuticals", "Pfizer"}


# --- past the gazetteer: shapes that make a name a company -------------------------------------

def test_investment_firms_in_a_list_of_backers_are_companies(extract):
    result = extract("Tessaly raised $40 million in a round led by Brightwater Ventures, with "
                     "participation from Kestrel Capital, Orinoco Partners and Halyard Fund.")
    # `Partners`, like `Inc`, is a legal suffix the canonical name leaves out
    assert names(result) == {"Tessaly", "Brightwater Ventures", "Kestrel Capital", "Orinoco Partners", "Halyard Fund"}


def test_a_short_name_that_raises_money_or_agrees_to_acquire_is_a_company(extract):
    result = extract("Zorvex raised $120 million on Tuesday. Separately, Quillon agreed to acquire "
                     "Marrowby for 300 million euros.")
    assert {"Zorvex", "Quillon", "Marrowby"} <= names(result)


def test_the_name_after_led_by_or_backed_by_is_a_company(extract):
    result = extract("The $90 million round was led by Saltmarsh, and the startup is also backed by Verrin.")
    assert {"Saltmarsh", "Verrin"} <= names(result)


def test_a_person_who_raises_money_is_still_a_person(extract):
    result = extract("Olivia Grantham founded Pellucid Labs Inc in 2021. Grantham raised $5 million from friends.")
    assert names(result) == {"Pellucid Labs"}


def test_two_names_joined_by_and_in_a_cue_are_two_companies(extract):
    result = extract("The round was led by Kestrel Growth and Orinoco Asset Management, the filing showed.")
    assert names(result) == {"Kestrel Growth", "Orinoco Asset Management"}
    assert not any(" and " in n for n in names(result))


def test_a_hyphenated_legal_name_is_one_company(extract):
    result = extract("Brandt-Kessler Holdings said it would buy Osk-Varna Ltd for 2 billion crowns.")
    assert {"Brandt-Kessler", "Osk-Varna"} <= names(result)
    assert not names(result) & {"Kessler", "Varna"}


# --- not companies --------------------------------------------------------------------------------

def test_a_place_that_names_a_buyer_is_not_a_company(extract):
    result = extract("Riyadh-based investors and a fund from Abu Dhabi agreed to buy Tervale Systems Inc. "
                     "Doha will also invest.")
    assert names(result) == {"Tervale Systems"}


def test_projects_and_campuses_named_like_firms_are_not_companies(extract):
    result = extract("Corvane Systems Inc will build the Halberd Ridge campus and the Project Lumen "
                     "data center, and expand the Greyfield AI Campus in Ohio.")
    assert names(result) == {"Corvane Systems"}


def test_laws_are_not_companies(extract):
    result = extract("The deal needs clearance under the Investment Canada Act and the Inflation "
                     "Reduction Act before Dunmore Energy Corp can close it.")
    assert names(result) == {"Dunmore Energy"}


def test_a_news_outlet_named_as_the_source_is_not_a_company(extract):
    result = extract("Halvex Robotics Inc is in talks to buy Strand Analytics, the Daily Courier "
                     "reported, citing people familiar with the matter.")
    assert names(result) == {"Halvex Robotics", "Strand Analytics"}


def test_a_persons_name_with_initials_is_not_a_company(extract):
    result = extract("Our backers, who were announced today after a long search, include Brightwater "
                     "Ventures, Kestrel Capital, Edward J. Marlow and Orinoco Partners.")
    assert names(result) == {"Brightwater Ventures", "Kestrel Capital", "Orinoco Partners"}


def test_slogans_and_technical_phrases_in_title_case_are_not_companies(extract):
    result = extract("Corvane Systems Inc pitched its Sovereign AI Factory and Agentic Compute Cloud "
                     "under the banner \"Build The Future Now\".")
    assert names(result) == {"Corvane Systems"}


def test_an_old_legal_name_with_commas_after_a_cue_is_one_company(extract):
    result = extract("The offering is led by Halloran, Wexley and Co and Kestrel Growth.")
    assert "Halloran Wexley" in names(result)
    assert not names(result) & {"Halloran", "Wexley"}


def test_a_nationality_after_a_role_cue_is_not_a_company(extract):
    result = extract("The loan was led by Japanese banks and backed by Halyard Fund Management.")
    assert names(result) == {"Halyard Fund Management"}


def test_the_firm_of_a_named_analyst_or_chief_executive_is_a_company(extract):
    result = extract("\"This is a big win,\" said Calloway analyst Peter Brandt. Halden CEO Anna Berg "
                     "agreed, Group Chief Executive Olav Lund added, and Texas Governor Greg Abbott welcomed it.")
    assert names(result) == {"Calloway", "Halden"}


def test_every_member_of_a_consortium_is_a_company(extract):
    result = extract("The board turned down a bid from a consortium comprising of KRV, Tallis Capital "
                     "and Orwen Oak, which is a wholly-owned subsidiary of Qatari Investment Authority.")
    assert names(result) == {"KRV", "Tallis Capital", "Orwen Oak", "Qatari Investment Authority"}


def test_a_company_that_acquired_or_is_a_partners_firm_is_one(extract):
    assert "Brevan" in names(extract("In March, Brevan acquired the European arm of a rival."))
    assert "Crestmoor" in names(extract("Advice came from Jo Weiss, a partner at Crestmoor."))


def test_the_parent_after_a_places_possessive_or_a_backers_modifier_is_the_company(extract):
    result = extract("Veyra, a subsidiary of Norway's Halden Fund, sold shares.")
    assert names(result) == {"Veyra", "Halden Fund"}
    result = extract("Other backers included Benchmark, Kestrel and Anna Smith Jr.-backed 2040 Ventures.")
    assert names(result) == {"Benchmark", "Kestrel", "2040 Ventures"}
    assert names(extract("Investors include Ostrava-based Kelmor and Tarn Capital.")) == {"Kelmor", "Tarn Capital"}


def test_a_capitalised_stop_word_that_opens_a_name_stays_in_it(extract):
    assert names(extract('"We grew," First Harbor CEO Lena Ortiz says.')) == {"First Harbor"}


def test_mixed_case_and_asian_legal_suffixes_mark_companies(extract):
    result = extract("It invested 15 million euros in Vorath GmbH. It also bought Pellucid Pvt. Ltd. "
                     "and Sarnia Sdn Bhd, and Corvel LLP advised.")
    assert names(result) == {"Vorath", "Pellucid", "Sarnia", "Corvel"}


def test_a_maker_or_startup_the_ner_calls_a_person_is_a_company(extract):
    assert names(extract("It bought a stake in scooter maker Marta Lind for $5 million.")) == {"Marta Lind"}
    assert names(extract("Zuri, a startup out of Ghana that runs a payments app, raised $10 million.")) == {"Zuri"}
    assert names(extract("Activist investor Carl Mendez bought shares of it.")) == set()


def test_a_wires_credit_line_names_people(extract):
    result = extract("Tarvel Corp raised $5 million. (Reporting by Anil Rao in Pune; "
                     "Editing by Maria Costa and Tom Hale)")
    assert names(result) == {"Tarvel"}


def test_a_plant_a_lone_legal_word_an_index_or_a_term_is_not_a_company(extract):
    result = extract("The Bellmoor Nuclear Generating Station supplies Orvane Energy Corp. "
                     "The price fits the Group's target. The Sensex rose 2%. An ETF analyst said "
                     "Big Tech companies and the giant VC out of Europe were buying.")
    assert names(result) == {"Orvane Energy"}


def test_a_legal_form_before_the_name_is_not_part_of_it(extract):
    assert names(extract("The round was led by PJSC Tomsknefteprom.")) == {"Tomsknefteprom"}


def test_a_title_case_heading_with_small_function_words_gives_no_names(extract):
    result = extract("Putting the Cloud Numbers in Perspective\n\nVelora Corp raised $9 million.")
    assert names(result) == {"Velora"}


def test_index_members_past_the_hand_kept_list_are_companies(extract):
    assert names(extract("Starbucks said it would buy a stake in Ubisoft.")) == {"Starbucks", "Ubisoft"}


def test_an_index_members_name_inside_a_longer_name_or_a_persons_is_not_it(extract):
    result = extract("Sumitomo Chemical agreed to sell the plant, Chairman Kenneth Douglas said. "
                     "Douglas said the price was fair.")
    assert names(result) == {"Sumitomo Chemical"}


def test_a_name_after_a_countrys_possessive_is_a_company_unless_a_place_or_person(extract):
    assert names(extract("Norway's Vellund has signed a power purchase agreement.")) == {"Vellund"}
    assert names(extract("Germany's Anna Keller and China's Xinjiang region were named.")) == set()


def test_a_group_descriptor_outweighs_the_ners_person_guess(extract):
    result = extract("Tarvel Corp is to buy Spanish renewables group Saeta Norte from Orvane Energy Corp.")
    assert names(result) == {"Tarvel", "Saeta Norte", "Orvane Energy"}


def test_a_hyphenated_name_after_a_descriptor_is_read_whole(extract):
    assert names(extract("Canadian retail giant Vellier Brousse-Marchand bid for it.")) == {"Vellier Brousse-Marchand"}


def test_a_legal_name_goes_on_over_an_acronym(extract):
    assert names(extract("Banco Veloz XP Pactual SA has agreed to buy it.")) == {"Banco Veloz XP Pactual"}
    assert names(extract("The deal with Orvane BTG Meridia SA closed.")) == {"Orvane BTG Meridia"}
