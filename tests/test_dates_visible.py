"""Which date wins when markup and the visible date line disagree; the headline the scan is anchored to."""

from __future__ import annotations

from newsspider.extract.dates import extract_dates
from newsspider.extract.page import Page

URL = "https://news.example.org/story/some-story"
TITLE = "Council approves the new riverside park plan"
FILLER = "<p>" + "Lorem ipsum dolor sit amet. " * 8 + "</p>"


def _page(body: str, head: str = "", title: str = TITLE, lang: str = "") -> Page:
    html = f"<html lang='{lang}'><head><title>{title} | Example News</title>{head}</head><body>{body}</body></html>"
    return Page.from_bytes(html.encode(), URL, {"Content-Type": "text/html; charset=utf-8"})


def _published(body: str, head: str = "", title: str = TITLE) -> str | None:
    return extract_dates(_page(body, head, title)).published_raw


def test_date_line_under_the_headline_beats_disagreeing_markup():
    head = '<meta property="article:published_time" content="2021-12-20T11:02:44+01:00">'
    body = f"<h1>{TITLE}</h1><div class='info'><span>27.01.2022</span></div>{FILLER}"
    assert _published(body, head) == "27.01.2022"


def test_markup_stays_when_the_date_line_shows_the_same_day():
    head = '<meta property="article:published_time" content="2022-01-27T11:02:44+01:00">'
    body = f"<h1>{TITLE}</h1><div><span>27.01.2022</span></div>{FILLER}"
    assert _published(body, head) == "2022-01-27T11:02:44+01:00"


def test_a_date_far_from_the_headline_does_not_override_markup():
    head = '<meta property="article:published_time" content="2021-12-20T11:02:44+01:00">'
    body = f"<h1>{TITLE}</h1>{FILLER * 20}<p>Event on 27.01.2022</p>"
    assert _published(body, head) == "2021-12-20T11:02:44+01:00"


def test_the_headline_is_the_heading_that_repeats_the_title_not_the_site_name():
    head = '<meta property="article:published_time" content="2019-01-01T10:00:00+01:00">'
    body = (
        "<h1>Example News</h1><ul class='x'><li>31.12.2018</li></ul>"
        + FILLER * 3
        + f"<h2>{TITLE}</h2><p><span>30 septembre 2018</span></p>{FILLER}"
    )
    assert _published(body, head) == "30 septembre 2018"


def test_a_shown_update_confirmed_by_markup_is_the_pages_date():
    head = (
        '<script type="application/ld+json">{"@type": "Article", "datePublished": "2019-06-17T00:00:00+00:00",'
        ' "dateModified": "2020-06-04T16:41:46+00:00"}</script>'
    )
    body = f"<h1>{TITLE}</h1><p>Last updated 04 Jun 2020</p>{FILLER}"
    assert _published(body, head) == "04 Jun 2020"


def test_a_permalink_date_is_not_a_link_list():
    body = (
        f"<h1>{TITLE}</h1><span class='posted-on'><a href='/2014/07/15/x/' rel='bookmark'>"
        "<time class='entry-date published'>15/07/2014</time></a></span>"
        f"{FILLER}<p>Quoted from a book of 14. Juni 2005</p>"
    )
    assert _published(body) == "15/07/2014"


def test_an_updated_class_is_skipped_for_the_published_one():
    body = (
        f"<h1>{TITLE}</h1><time class='updated'>29. Dezember 2022</time>"
        f"<time class='entry-date published'>30. Dezember 2022</time>{FILLER}"
    )
    found = extract_dates(_page(body))
    assert (found.published_raw, found.updated_raw) == ("30. Dezember 2022", "29. Dezember 2022")


def test_a_date_kicker_right_above_the_headline_counts():
    body = f"<div><p>02.02.2022 10:16 Uhr - Bundesliga</p><h1>{TITLE}</h1></div>{FILLER}"
    assert _published(body) == "02.02.2022 10:16 Uhr"


def test_a_site_header_date_far_above_the_headline_is_not_the_date():
    head = '<meta property="article:published_time" content="2023-11-08T08:16:00+00:00">'
    header = "<div class='head-date'>November 9, 2023</div>" + "<div><span>menu</span></div>" * 20
    body = f"{header}<h1>{TITLE}</h1>{FILLER}"
    assert _published(body, head) == "2023-11-08T08:16:00+00:00"


def test_utc_markup_with_one_digit_seconds_takes_the_shown_local_day():
    head = '<meta itemprop="datePublished" content="2020-12-05T23:15:0Z">'
    body = f"<h1>{TITLE}</h1><p>06 Dicembre 2020</p>{FILLER}"
    assert _published(body, head) == "06 Dicembre 2020"


def test_a_date_inside_the_headline_is_its_subject_not_its_date():
    body = f"<h1>{TITLE} of 10. Oktober 2019</h1><time class='entry-date published'>26/12/2019</time>{FILLER}"
    assert _published(body, title=f"{TITLE} of 10. Oktober 2019") == "26/12/2019"


def test_a_permalink_showing_published_and_updated_dates_is_not_a_teaser():
    body = (
        f"<h1>{TITLE}</h1><a href='/p/1'><time class='entry-date published'>Freitag, 15. April 2016</time>"
        f"<time class='updated'>Samstag, 4. März 2017</time></a>{FILLER}<p><em>26.05.2015</em></p>"
    )
    assert _published(body) == "15. April 2016"


def test_the_og_title_or_the_document_title_confirms_the_headline():
    head = '<meta property="og:title" content="Short social title?">'
    head += '<meta property="article:published_time" content="2021-11-29T14:13:37+00:00">'
    body = f"<h1>{TITLE}</h1><div><div>12.01.2022</div></div>{FILLER}"
    assert _published(body, head) == "12.01.2022"


def test_markup_well_after_the_url_day_is_a_republication():
    head = '<meta itemprop="datePublished" content="2019-06-17T18:28:00+0200">'
    html = f"<html><head><title>{TITLE}</title>{head}</head><body><h1>{TITLE}</h1>{FILLER}</body></html>"
    page = Page.from_bytes(html.encode(), "https://blog.example.de/home/2017/7/12/a-post")
    assert extract_dates(page).published_raw == "2017-07-12"


def test_a_slash_date_agreeing_with_markup_read_month_first_keeps_markup():
    head = '<meta property="article:published_time" content="2020-06-01T21:53:12+00:00">'
    body = f"<h1>{TITLE}</h1><p>06/01/2020</p>{FILLER}"
    assert _published(body, head) == "2020-06-01T21:53:12+00:00"


def test_a_utc_evening_hour_on_the_dot_is_a_local_midnight_where_the_zone_is_known():
    head = '<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">'
    found = extract_dates(_page(f"<h1>{TITLE}</h1>{FILLER}", head, lang="de"))
    assert (found.published_raw, found.published_offset) == ("2022-11-07T00:00:00+01:00", 60)


def test_without_a_known_zone_no_offset_is_made_up_from_an_evening_hour():
    head = '<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">'
    found = extract_dates(_page(f"<h1>{TITLE}</h1>{FILLER}", head))
    assert (found.published_raw, found.published_offset) == ("2022-11-06T23:00:00.000Z", None)


def test_a_shown_time_whose_difference_to_utc_markup_is_no_zone_of_the_page_gives_no_offset():
    head = '<meta property="article:published_time" content="2025-04-02T23:35:00Z">'
    found = extract_dates(_page(f"<h1>{TITLE}</h1><p>3.4.2025 8:05</p>{FILLER}", head, lang="de"))
    assert found.published_offset is None  # +08:30 is not Berlin's offset


def test_a_shown_local_time_agreeing_with_the_inferred_zone_keeps_its_offset():
    head = '<meta property="article:published_time" content="2025-04-03T06:05:00Z">'
    found = extract_dates(_page(f"<h1>{TITLE}</h1><p>3.4.2025 8:05</p>{FILLER}", head, lang="de"))
    assert (found.published_raw, found.published_offset) == ("3.4.2025 8:05", 120)


def test_an_aside_holding_the_article_meta_is_not_a_sidebar():
    head = '<meta name="date" content="2022-1-26T14:32:06+02:00">'
    body = (
        f"<article><h1>{TITLE}</h1><aside class='meta'><p><time datetime='2022-01-21'>21.01.2022 - 13:30</time>"
        f"</p></aside>{FILLER}</article><aside class='sidebar'><time datetime='2022-01-25'>25.01.2022</time></aside>"
    )
    assert _published(body, head) == "21.01.2022 - 13:30"


def test_a_json_ld_headline_confirms_a_headline_the_title_rewords():
    head = (
        '<script type="application/ld+json">{"@type": "Article", "headline": "Wait, is the park plan good?",'
        ' "datePublished": "2019-10-15T16:59:59.000Z", "dateModified": "2020-03-12T14:42:17.000Z"}</script>'
    )
    body = "<h1>Wait, is the park plan good?</h1><div><div>Updated Mar 12, 2020</div></div>" + FILLER
    assert _published(body, head) == "Mar 12, 2020"


def test_a_class_naming_the_publish_date_is_not_a_comment_block():
    head = '<meta property="article:published_time" content="2018-03-12T19:30:12+00:00">'
    body = (
        f"<article class='HeaderComment'><h1>{TITLE}</h1><div class='HeaderComment_publishDate'>"
        f"<span class='PublishDate_date'>29. Januar 2019</span></div></article>{FILLER}"
    )
    assert _published(body, head) == "29. Januar 2019"


def test_a_labelled_publication_date_in_the_article_footer_counts():
    body = (
        f"<h1>{TITLE}</h1>{FILLER}<div class='review_footer'><p>Online since 31.10.2023 - 14:49:39</p>"
        "<p>Erschienen am: 01.11.2023</p></div>"
    )
    assert _published(body) == "01.11.2023"


def test_an_unlabelled_date_in_a_footer_block_is_still_noise():
    body = f"<h1>{TITLE}</h1>{FILLER}<div class='footer'><p>31.10.2023</p></div>"
    assert _published(body) != "31.10.2023"


def test_utc_markup_whose_clock_another_markup_states_with_an_offset_is_a_mislabelled_local_time():
    head = (
        '<meta property="article:published_time" content="2025-05-29T20:00:27Z">'
        '<meta property="article:modified_time" content="2025-05-29T20:00:27+0200">'
    )
    found = extract_dates(_page(f"<h1>{TITLE}</h1>{FILLER}", head))
    assert (found.published_raw, found.published_offset) == ("2025-05-29T20:00:27Z", 120)


def test_utc_markup_whose_clock_the_date_line_shows_is_local_time_where_the_zone_is_known():
    head = '<meta property="article:published_time" content="2024-07-17T11:21:03+0000">'
    body = f"<h1>{TITLE}</h1><p>Jul 17, 2024, 11:21am</p>{FILLER}"
    found = extract_dates(_page(body, head, lang="en-GB"))
    assert (found.published_raw, found.published_offset) == ("Jul 17, 2024, 11:21am", None)
    assert extract_dates(_page(body, head)).published_raw == "2024-07-17T11:21:03+0000"  # no zone: UTC stays


def test_an_aside_holding_the_headline_is_the_article_header_not_a_sidebar():
    body = f"<aside class='page-aside'><h1>{TITLE}</h1><span>2019-09-05 11:10</span></aside>{FILLER}"
    assert _published(body) == "2019-09-05 11:10"


def test_markup_naming_only_a_modification_time_gives_the_articles_date():
    found = extract_dates(_page(f"<h2>{TITLE}</h2>{FILLER}", '<meta itemprop="dateUpdate" content="2019-10-08 12:00:57">'))
    assert (found.published_raw, found.updated_raw) == ("2019-10-08 12:00:57", None)
