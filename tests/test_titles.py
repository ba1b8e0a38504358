"""Titles: a page title loses the site's name after it and nothing else; a plain-text headline."""
from __future__ import annotations

import pytest

from extractors.titles import headline, host_names, strip_site_name


@pytest.mark.parametrize(("title", "sites", "expected"), [
    ("Nvidia to invest $5bn in Intel | Example Markets", ["Example Markets"], "Nvidia to invest $5bn in Intel"),
    ("Nvidia to invest $5bn in Intel - Reuters", [], "Nvidia to invest $5bn in Intel"),  # a known outlet
    ("Nvidia to invest $5bn in Intel — The Verge", ["theverge"], "Nvidia to invest $5bn in Intel"),  # the host
    ("Nvidia to invest $5bn in Intel :: Chip Daily", ["CHIP DAILY"], "Nvidia to invest $5bn in Intel"),
    ("Nvidia, Intel agree – A deal | Markets | Example", ["example"], "Nvidia, Intel agree – A deal | Markets"),
    # a dash inside the title, or a last segment that is not the site, stays
    ("Nvidia-Intel deal | Example Markets", ["Example Markets"], "Nvidia-Intel deal"),
    ("Nvidia-Intel deal", ["Example Markets"], "Nvidia-Intel deal"),
    ("A – B merger talks", ["Example Markets"], "A – B merger talks"),
    ("Nvidia to invest $5bn in Intel - Intel shares jump", ["Intel", "Example Markets"],
     "Nvidia to invest $5bn in Intel - Intel shares jump"),
    ("Reuters", ["Reuters"], "Reuters"),  # nothing would be left
    ("Example Markets | Example Markets", ["Example Markets"], "Example Markets"),
])
def test_only_a_last_segment_naming_the_site_is_stripped(title, sites, expected):
    assert strip_site_name(title, sites) == expected


@pytest.mark.parametrize(("url", "names"), [
    ("https://www.theverge.com/2025/11/3/nvidia", ["theverge"]),
    ("https://markets.example.co.uk/a", ["markets", "example", "co"]),
    (None, []),
    ("http://[::1/broken", []),
])
def test_host_names(url, names):
    assert host_names(url) == names


@pytest.mark.parametrize(("text", "title"), [
    ("Nvidia to invest $5bn in Intel\n\nNvidia said on Thursday it would invest.", "Nvidia to invest $5bn in Intel"),
    ("Nvidia to invest $5bn in Intel\r\n\r\nNvidia said it would invest.", "Nvidia to invest $5bn in Intel"),
    ("# Nvidia to invest $5bn in Intel\n\nBody.", "Nvidia to invest $5bn in Intel"),
    ("Is Nvidia buying Intel?\n\nBody.", "Is Nvidia buying Intel?"),
    ("Nvidia to invest $5bn in Intel\n" + "Nvidia said on Thursday it would invest $5 billion in Intel, " * 3,
     "Nvidia to invest $5bn in Intel"),  # directly followed by an unwrapped paragraph
    # sentences, wrapped lines, a lone line, over-long or empty lines are no headline
    ("Nvidia will invest $5bn in Intel.\n\nBody.", None),
    ('He said "Nvidia will invest."\n\nBody.', None),
    ("Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought\n", None),
    ("SAN FRANCISCO (Reuters) -\n\nNvidia said.", None),
    ("Nvidia to invest $5bn in Intel", None),
    ("Nvidia to invest $5bn in Intel\nNvidia said on Thursday.", None),
    ("x" * 151 + "\n\nBody.", None),
    ("2025\n\nBody.", None),
])
def test_a_first_line_is_a_title_only_when_it_reads_as_a_headline(text, title):
    assert headline(text) == title
