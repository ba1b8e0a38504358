"""Chip counts: chip type as written, vendor from the text or the model table."""
import pytest


@pytest.mark.parametrize("text, count, chip, vendor", [
    ("The lab bought 50,000 Nvidia H200 GPUs for training.", 5e4, "H200", "Nvidia"),
    ("The cloud will deploy 20,000 MI300X accelerators.", 2e4, "MI300X", "AMD"),
    ("It ordered 100,000 Trainium2 chips.", 1e5, "Trainium2", "Amazon"),
    ("The startup will rent 8,000 GPUs from the provider.", 8e3, "GPU", None),
    ("Meta plans to use sixteen thousand AI chips.", 16e3, "AI chip", None),
    ("The cluster will hold 400,000 of Amazon's Trainium chips.", 4e5, "Trainium", "Amazon"),
    ("The firm secured access to 1 million TPUs.", 1e6, "TPU", "Google"),
    ("They installed 10,000 B200s in Texas.", 1e4, "B200", "Nvidia"),
    ("The demo ran on a dozen H100 GPUs.", 12, "H100", "Nvidia"),
    ("A pod links 9,216 Ironwood TPUs.", 9216, "Ironwood", "Google"),
    ("The model was trained on 4,096 TPU v5p chips.", 4096, "TPU v5p", "Google"),
    ("OpenAI will deploy 50,000 MI450 accelerators.", 5e4, "MI450", "AMD"),
    ("The lab ordered 36,000 GB200 superchips.", 36e3, "GB200", "Nvidia"),
])
def test_chip_counts(facts, text, count, chip, vendor):
    [fact] = facts(text, "chips")
    assert fact.value == count
    assert fact.chip == chip
    assert fact.vendor == vendor


def test_magnitude_of_chips(facts):
    [fact] = facts("The cluster is made of hundreds of thousands of AI chips.", "chips")
    assert (fact.low, fact.high, fact.qualifier) == (1e5, 1e6, "magnitude")


def test_units_count_when_the_sentence_names_the_chip(facts):
    [fact] = facts("The company will grow its GPU fleet to 2 million units.", "chips")
    assert (fact.value, fact.chip) == (2e6, "GPU")
    assert facts("The carmaker sold 2 million units last year.", "chips") == []


@pytest.mark.parametrize("text", [
    "The 72-GPU rack is sold as one system.",
    "It ordered more than 1,000 DGX B200 systems.",
    "Nvidia sold 5 million shares of the chipmaker.",
    "The chip designer has 300,000 business customers.",
    "The design packs 72 MI450 GPUs into each liquid-cooled rack.",
    "The newest systems link 72 GPUs in a single rack.",
    "Each server holds 8 accelerators.",
])
def test_not_chip_counts(facts, text):
    assert facts(text, "chips") == []


def test_equal_counts_of_different_chips_are_two_facts(facts):
    found = facts("The cloud ordered 50,000 H100 GPUs and 50,000 MI300X accelerators.", "chips")
    assert [(f.value, f.chip) for f in found] == [(5e4, "H100"), (5e4, "MI300X")]


def test_one_count_named_two_ways_is_one_fact(facts):
    found = facts("The deal covers one million TPUs. It secures one million Tensor Processing Units.", "chips")
    assert [(f.value, f.chip) for f in found] == [(1e6, "TPU")]


def test_a_count_spread_over_sites_is_still_a_count(facts):
    [fact] = facts("Each of the three sites will hold 100,000 GPUs.", "chips")
    assert fact.value == 100_000


def test_grace_blackwell_is_an_nvidia_chip(facts):
    [fact] = facts("The site will house 18,000 Grace Blackwell chips.", "chips")
    assert (fact.value, fact.vendor) == (18_000, "Nvidia")


def test_a_rate_per_year_is_no_rack_spec(facts):
    [fact] = facts("OpenAI will deploy 100,000 Nvidia GPUs per year across its servers.", "chips")
    assert fact.value == 100_000


@pytest.mark.parametrize("text, count, qualifier, chip", [
    ("The lab now runs 250,000+ GPUs.", 25e4, "more_than", "GPU"),
    ("The provider will install 400 thousand GPUs.", 4e5, "exact", "GPU"),
    ("The firm ordered 3 million AI training processors.", 3e6, "exact", "processor"),
    ("It bought 20,000 of the company's most advanced AI processors.", 2e4, "exact", "AI processor"),
    ('The cloud ordered "250,000" accelerators last year.', 25e4, "exact", "accelerator"),
])
def test_more_count_shapes(facts, text, count, qualifier, chip):
    [fact] = facts(text, "chips")
    assert (fact.value, fact.qualifier, fact.chip) == (count, qualifier, chip)


@pytest.mark.parametrize("text, low", [
    ("The startup wants several hundred thousand GPUs.", 1e5),
    ("The country will import a few hundred thousand AI chips.", 1e5),
])
def test_vague_chip_counts_are_magnitudes(facts, text, low):
    [fact] = facts(text, "chips")
    assert (fact.low, fact.high, fact.qualifier) == (low, low * 10, "magnitude")


def test_a_count_that_refers_back_inherits_the_chip(facts):
    found = facts("The cloud bought 60,000 MI355X accelerators and later another 25,000 of them.", "chips")
    assert [(f.value, f.chip, f.vendor) for f in found] == [(6e4, "MI355X", "AMD"), (25e3, "MI355X", "AMD")]
    listed = facts("Oracle will split its B300 GPUs, 20,000 for one customer and 35,000 for another.", "chips")
    assert [(f.value, f.chip, f.vendor) for f in listed] == [(2e4, "B300", "Nvidia"), (35e3, "B300", "Nvidia")]
    nxt = facts("Google will supply 80,000 TPUs. Another 10,000 will follow next year.", "chips")
    assert [(f.value, f.chip) for f in nxt] == [(8e4, "TPU"), (1e4, "TPU")]


@pytest.mark.parametrize("text", [
    "The lab bought H100 GPUs and another 300 servers.",
    "The firm uses TPUs and will hire another 2,000 engineers.",
    "The chips arrive in 2027 and another 40 of them are racks.",
])
def test_back_references_need_a_bare_count(facts, text):
    assert [f.value for f in facts(text, "chips") if f.value != 40] == []


def test_a_vendor_with_its_legal_name_and_ticker(facts):
    [fact] = facts("The lab will buy 12,000 Advanced Micro Devices, Inc. (NASDAQ:AMD) MI300X GPUs.", "chips")
    assert (fact.value, fact.chip, fact.vendor) == (12e3, "MI300X", "AMD")
