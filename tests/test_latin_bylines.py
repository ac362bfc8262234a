"""One test per entry of the Latin-script byline tables (latinbylines.py), the Latin placeholders and imprints."""

from __future__ import annotations

import pytest

from newsspider.extract import latinbylines
from newsspider.extract.credits import extract_credits
from newsspider.extract.page import Page
from newsspider.normalize.people import clean_names


@pytest.mark.parametrize("lead", latinbylines.NAME_LEADS)
def test_every_lead_in_front_of_a_name_is_dropped(lead):
    assert clean_names([f"{lead} Jana Roth"]) == ["Jana Roth"]
    assert clean_names([f"{lead.lower()} Jana Roth und Paul Berg"]) == ["Jana Roth", "Paul Berg"]


@pytest.mark.parametrize("label", latinbylines.NAME_END_LABELS)
def test_every_date_label_behind_a_name_ends_it(label):
    assert clean_names([f"Jana Roth {label}"]) == ["Jana Roth"]
    assert clean_names([f"Jana Roth {label}: 12.03."]) == ["Jana Roth"]


@pytest.mark.parametrize("label", latinbylines.NAME_END_LABELS)
def test_a_name_only_starting_like_a_date_label_stays(label):
    assert clean_names([f"Jana {label}er"]) == [f"Jana {label}er"]


@pytest.mark.parametrize("preposition", latinbylines.DAY_PREPOSITIONS)
@pytest.mark.parametrize("day", latinbylines.WEEKDAYS)
def test_every_day_of_publication_behind_a_name_ends_it(preposition, day):
    assert clean_names([f"Jana Roth {preposition} {day}"]) == ["Jana Roth"]


def test_a_capitalised_day_phrase_is_part_of_a_name():
    assert clean_names(["Brendan Carlin For The Mail On Sunday"]) == ["Brendan Carlin For The Mail On Sunday"]


@pytest.mark.parametrize("join", latinbylines.NAME_JOINS)
def test_every_interview_join_credits_both_names(join):
    assert clean_names([f"Jana Roth {join} Paul Berg"]) == ["Jana Roth", "Paul Berg"]


@pytest.mark.parametrize("word", ["No Author", "Follow", "Folgen"])
def test_latin_placeholders_and_buttons_are_no_name(word):
    assert clean_names([word]) == []


def _marked(author: str, host: str = "www.beispielwelle.de", site: str = "") -> list[str]:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    html = (
        f'<html lang="de"><head><meta charset="utf-8">{meta}<meta name="author" content="{author}"></head>'
        "<body><h1>Neue Brücke</h1><p>Die Stadt baut eine neue Brücke über den Fluss.</p></body></html>"
    )
    return extract_credits(Page.from_bytes(html.encode("utf-8"), f"https://{host}/a/1.html", {})).authors


def test_an_imprint_in_markup_credits_the_site_not_its_address():
    assert _marked("beispielwelle.de, Kassel, Germany") == ["beispielwelle.de"]
    assert _marked("Beispielwelle, Kassel, Deutschland", host="example.org", site="Beispielwelle") == ["Beispielwelle"]


@pytest.mark.parametrize(
    "author",
    ["Jana Roth, Paul Berg, Eva Lind", "beispielwelle.de, Jana Roth"],  # people; the site and one more part
)
def test_other_comma_lists_in_markup_stay_as_they_are(author):
    assert _marked(author) == [author]
