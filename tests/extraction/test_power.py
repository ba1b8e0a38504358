"""Power: capacity in watts; energy and compute are not power."""
import pytest


@pytest.mark.parametrize("text, watts", [
    ("The campus will draw 1.2 gigawatts at full build-out.", 1.2e9),
    ("The site has a 1GW grid connection.", 1e9),
    ("They signed a 1.5-gigawatt supply agreement.", 1.5e9),
    ("The reactor adds 835MW to the grid.", 835e6),
    ("A 300 megawatt solar farm feeds the plant.", 300e6),
    ("Each rack draws 120 kW.", 120e3),
    ("The deal covers 6 gigawatt of capacity.", 6e9),
    ("The utility will supply a gigawatt of power.", 1e9),
    ("The campus will add two gigawatts next year.", 2e9),
    ("The battery is rated 100MW/400MWh.", 100e6),
])
def test_power_forms(facts, text, watts):
    [fact] = facts(text, "power")
    assert fact.value == pytest.approx(watts)


def test_power_ranges_and_magnitudes(facts):
    [r] = facts("The project needs between 1 and 2 GW of power.", "power")
    assert (r.low, r.high, r.qualifier) == (1e9, 2e9, "range")
    assert r.text == "between 1 and 2 GW"
    [t] = facts("The parks will host 5 to 6 gigawatts of compute.", "power")
    assert (t.low, t.high, t.qualifier) == (5e9, 6e9, "range")
    [m] = facts("The firms announced a multi-gigawatt partnership.", "power")
    assert (m.low, m.high, m.qualifier) == (1e9, 1e10, "magnitude")


@pytest.mark.parametrize("text", [
    "Data centres consumed about 415 terawatt-hours in 2024.",
    "The plant generated 900 MWh last month.",
    "Annual output reached 12 TWh.",
    "The cluster delivers 0.5 exaflops of performance.",
])
def test_energy_and_compute_are_not_power(facts, text):
    assert facts(text, "power") == []


def test_a_vague_magnitude_of_a_unit(facts):
    [fact] = facts("The reactors will supply hundreds of megawatts to the grid.", "power")
    assert (fact.low, fact.high, fact.qualifier) == (1e8, 1e9, "magnitude")


def test_a_range_with_the_unit_on_both_ends_is_one_range(facts):
    [r] = facts("The campus will need between 250 MW and 400 MW by 2028.", "power")
    assert (r.low, r.high, r.qualifier, r.text) == (250e6, 400e6, "range", "between 250 MW and 400 MW")
    [d] = facts("Phase one covers 200MW-350MW of load.", "power")
    assert (d.low, d.high) == (200e6, 350e6)


def test_a_change_from_one_capacity_to_another_is_two_figures(facts):
    found = facts("Regulators let the link grow from 200 MW to 320 MW.", "power")
    assert [f.value for f in found] == [200e6, 320e6]


def test_a_unit_stated_once_for_a_continuation(facts):
    found = facts("The utility will deliver 150 MW this year and another 60 in 2027.", "power")
    assert [(f.value, f.text) for f in found] == [(150e6, "150 MW"), (60e6, "60")]
    assert [f.value for f in facts("It runs 150 MW today and another 60 turbines.", "power")] == [150e6]


def test_an_ordinal_capacity_counts_one_unit(facts):
    [fact] = facts("Revenue starts once the first gigawatt comes online.", "power")
    assert (fact.value, fact.text) == (1e9, "first gigawatt")


def test_an_en_dash_between_digits_joins_a_range(facts):
    [fact] = facts("The utility plans 4–5 GW of offshore wind.", "power")
    assert (fact.low, fact.high, fact.text) == (4e9, 5e9, "4–5 GW")


def test_electric_megawatts_are_power(facts):
    assert [f.value for f in facts("The 1,200 MWe reactor and the 1.1GWe unit run.", "power")] == [1.2e9, 1.1e9]
