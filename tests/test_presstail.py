"""One test per entry of the press-release tail tables (presstail.py), and the cut itself."""

from __future__ import annotations

import pytest

from newsspider.extract import presstail

HOST = "www.northwindpumps.com"
ARTICLE = [
    "Northwind Pumps today opened a service centre next to the docks, where twelve technicians overhaul pumps.",
    "Ship operators used to wait three weeks for a repaired pump; the workshop promises five working days.",
    "The centre also trains crews from partner shipyards, with the first courses planned for May.",
]


@pytest.mark.parametrize("word", presstail.ABOUT_HEADINGS)
def test_every_about_heading_naming_the_site_opens_its_boilerplate(word):
    joiner = "" if word[-1] in "'于" else " "
    assert presstail.about_site(f"{word}{joiner}Northwind Pumps", None, HOST)
    assert presstail.is_company_block(f"\n {word}{joiner}Northwind Pumps\nFounded in 1961 ...", None, HOST)


@pytest.mark.parametrize("word", presstail.ABOUT_HEADINGS)
def test_an_about_heading_naming_something_else_is_a_section_of_the_article(word):
    joiner = "" if word[-1] in "'于" else " "
    assert not presstail.about_site(f"{word}{joiner}the harbour of Rotterdam", None, HOST)


@pytest.mark.parametrize(
    "line",
    [
        "About Northwind Pumps. The company was founded in 1961",  # a sentence, not a heading
        "Aboutness Northwind Pumps",  # a word that only starts like the heading word
        "About " + "Northwind Pumps " * 6,  # longer than a heading
    ],
)
def test_about_heading_shape(line):
    assert not presstail.about_site(line, None, HOST)


@pytest.mark.parametrize("verb", presstail.SELF_DESCRIPTIONS)
def test_every_self_description_of_the_site_opens_its_boilerplate(verb):
    line = f"Northwind Pumps {verb} maker of pumps for ships and plants."
    assert presstail.describes_site(line, None, HOST)
    assert presstail.is_company_block(line, None, HOST)


@pytest.mark.parametrize(
    "line",
    [
        "Ines Varga is a ship engineer who leads the service business.",  # a person, not the site's company
        "The harbour is a short drive from the terminals.",
        "Northwind Pumps, a maker of pumps, opened a workshop.",  # no self-description verb
    ],
)
def test_other_sentences_are_not_the_company_boilerplate(line):
    assert not presstail.is_company_block(line, None, HOST)


def test_the_site_name_from_markup_counts_as_the_company():
    assert presstail.describes_site("Kaltwerk ist ein Hersteller von Kühlanlagen.", "Kaltwerk", "example.org")


@pytest.mark.parametrize("heading", presstail.CLOSING_HEADINGS)
@pytest.mark.parametrize("ending", ["", ":", "：", " :"])
def test_every_closing_heading_ends_the_article(heading, ending):
    lines = [*ARTICLE, f"{heading}{ending}", "Tom Heller", "press@northwindpumps.example"]
    assert presstail.without_closing(lines) == ARTICLE


@pytest.mark.parametrize("mark", presstail.END_MARKS)
def test_every_end_mark_ends_the_article(mark):
    assert presstail.without_closing([*ARTICLE, mark, "Media inquiries: Tom Heller"]) == ARTICLE


def test_a_closing_heading_with_the_contact_on_its_line_ends_the_article():
    assert presstail.without_closing([*ARTICLE, "Media contact: Tom Heller, +45 00 00 00"]) == ARTICLE


@pytest.mark.parametrize(
    "line",
    [
        "Media contacts were not allowed into the hearing, the judge said.",  # a sentence starting like one
        "Press contact with the minister was rare during the campaign.",
        "He ends the season as the league's top scorer.",
    ],
)
def test_sentences_starting_like_a_closing_heading_stay(line):
    assert presstail.without_closing([*ARTICLE, line]) == [*ARTICLE, line]


def test_a_closing_heading_before_any_article_text_cuts_nothing():
    lines = ["Media contact:", "Tom Heller", *ARTICLE]
    assert presstail.without_closing(lines) == lines
