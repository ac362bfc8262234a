"""One test per entry added for international pages: month names, time connectors, byline words, name particles,
role labels and suffixes, job titles, ad/promo lines; plus the rules that use them (fixtures: probe_intl_*)."""

from __future__ import annotations

import pytest

from newsspider import extract_article
from newsspider.extract import latinbylines
from newsspider.extract.boilerplate import is_boilerplate_line
from newsspider.extract.creditlines import looks_like_credit_line, parse_latin_byline
from newsspider.extract.labels import AUTHOR, EDITOR
from newsspider.normalize.dates import shown_date
from newsspider.normalize.months import _CONNECTORS, MONTH_NUMBERS
from newsspider.normalize.people import clean_credits, clean_names


@pytest.mark.parametrize(("name", "month"), sorted(MONTH_NUMBERS.items()))
def test_every_month_name_reads_its_month(name, month):
    shown = shown_date(f"12 {name} 2024")
    assert shown is not None and shown.value.month == month and shown.precision == "day"


@pytest.mark.parametrize("word", _CONNECTORS)
def test_every_time_connector_joins_date_and_time(word):
    shown = shown_date(f"12 March 2024 {word} 14:05")
    assert shown is not None and (shown.value.hour, shown.value.minute, shown.precision) == (14, 5, "minute")


@pytest.mark.parametrize(
    ("raw", "hour", "minute", "offset"),
    [
        ("12 mars 2024 kl. 14.05", 14, 5, None),  # a dot between hour and minute
        ("March 12, 2024 — 5.30am", 5, 30, None),  # an em dash before the time, am
        ("Tue 12 Mar 2024 15.30 GMT", 15, 30, 0),
        ("2024年3月12日 9時41分", 9, 41, None),  # Japanese 時
        ("3 de abril de 2024 - 10:21 CEST", 10, 21, 120),
        ("12 marca 2024, godz. 14:05", 14, 5, None),  # a comma, then a connector word
        ("12 Mart 2024 14:05", 14, 5, None),
    ],
)
def test_international_times(raw, hour, minute, offset):
    shown = shown_date(raw)
    assert (shown.value.hour, shown.value.minute, shown.offset) == (hour, minute, offset)


@pytest.mark.parametrize("raw", ["12.03.2024, 3.5 Mio", "12.03.2024 12.03.2025"])
def test_a_dotted_number_after_a_date_is_no_time(raw):
    assert shown_date(raw).precision == "day"


def _item(html: str, url: str = "https://www.example.fr/a/1.html") -> dict:
    page = f"<html><head><meta charset='utf-8'><title>Le titre</title></head><body>{html}</body></html>"
    return extract_article(page.encode(), url=url, headers={}, site=None)


_TEXT = "<p>" + "Le conseil municipal a voté le budget de l'année, qui prévoit de nouveaux investissements. " * 3 + "</p>"


def test_a_later_labelled_date_in_the_same_text_is_the_update():
    item = _item(f"<h1>Le titre</h1><p>Publié le 3 avril 2024 à 08h15, modifié le 3 avril 2024 à 10h02</p>{_TEXT}")
    assert item["published_at"] == "2024-04-03T08:15:00+02:00"
    assert item["updated_at"] == "2024-04-03T10:02:00+02:00"


def test_a_date_that_is_a_links_whole_text_is_the_date_line():
    item = _item(f'<h1>Le titre</h1><p><a href="/archives/2024-04-03/">3 avril 2024 - 10:21 CEST</a></p>{_TEXT}')
    assert item["published_at"] == "2024-04-03T10:21:00+02:00" and item["published_at_tz"] == "page"


@pytest.mark.parametrize("word", latinbylines.BYLINE_WORDS)
def test_every_byline_word(word):
    for written in (word.capitalize(), word):
        assert clean_names(parse_latin_byline(f"{written} Ola Nordmann").authors) == ["Ola Nordmann"]
        assert clean_names([f"{written} Ola Nordmann"]) == ["Ola Nordmann"]


@pytest.mark.parametrize("word", latinbylines.BYLINE_WORDS_LOWER)
def test_every_lower_case_byline_word_is_no_particle(word):
    assert clean_names(parse_latin_byline(f"{word} Marco Rossi").authors) == ["Marco Rossi"]
    assert not parse_latin_byline(f"{word.capitalize()} Maio Rossi")
    assert clean_names([f"{word.capitalize()} Maio"]) == [f"{word.capitalize()} Maio"]


@pytest.mark.parametrize("particle", latinbylines.NAME_PARTICLES)
def test_every_name_particle_stays_in_the_name(particle):
    assert clean_names(parse_latin_byline(f"By Jan {particle} Vries and Ana Lima").authors) == [
        f"Jan {particle} Vries",
        "Ana Lima",
    ]


@pytest.mark.parametrize(("label", "role"), latinbylines.ROLE_LABELS)
def test_every_role_label(label, role):
    found = parse_latin_byline(f"{label}: Anna Berger")
    if role == AUTHOR:
        assert found.authors == ["Anna Berger"]
    elif role == EDITOR:
        assert found.editors == ["Anna Berger"]
    else:
        assert clean_credits(found.credits) == [{"role": role, "name": "Anna Berger"}]
    assert looks_like_credit_line(f"{label}: Anna Berger")


def test_a_credit_line_of_two_roles():
    found = parse_latin_byline("Text: Anna Berger, Fotos: Lukas Meier")
    assert found.authors == ["Anna Berger"] and found.credits == [("photo", "Lukas Meier")]
    assert not parse_latin_byline("Text: Der Bau beginnt im Mai")


@pytest.mark.parametrize("suffix", latinbylines.NAME_ROLE_SUFFIXES)
def test_every_role_suffix_is_stripped(suffix):
    assert clean_names([f"김민준 {suffix}"]) == ["김민준"]
    assert clean_names([f"김민준 {suffix} minjun@example.co.kr"]) == ["김민준"]


@pytest.mark.parametrize("title", latinbylines.JOB_TITLES)
def test_every_job_title_ends_the_names(title):
    assert parse_latin_byline(f"By Tom Harris, Senior {title}").authors == ["Tom Harris"]
    assert looks_like_credit_line(f"By {title}")
    assert clean_names([f"Karin Sjöberg {title}"]) == ["Karin Sjöberg"]  # a name span, then a title span
    assert clean_names([f"Harris {title}"]) == [f"Harris {title}"]  # one word before it: maybe a surname


@pytest.mark.parametrize("suffix", latinbylines.NAME_ROLE_SUFFIXES)
def test_a_korean_closing_credit_is_a_credit_line(suffix):
    assert looks_like_credit_line(f"김서연 {suffix} kimsy@hanbitnews.co.kr")
    assert looks_like_credit_line(f"/김서연·이영희 {suffix}")
    assert not looks_like_credit_line(f"서울시는 김서연 {suffix}에게 말했다.")


@pytest.mark.parametrize("link", latinbylines.NAME_END_LINKS)
def test_every_link_to_more_articles_ends_the_name(link):
    assert clean_names([f"김서연 기자 {link} 보기"]) == ["김서연"]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Written by Rahul Mehta | Pune", ["Rahul Mehta"]),
        ("Por Lucía Fernández | Madrid", ["Lucía Fernández"]),
        ("Por Ana Souza e Pedro Lima, Jornal do Interior — Campinas", ["Ana Souza", "Pedro Lima"]),
        ("By Jane Doe, John Roe and Max Mu", ["Jane Doe", "John Roe", "Max Mu"]),
        ("By Priya Natarajan Mar 12, 2024, 2:05pm EDT", None),  # not a byline line, but its name is clean:
    ],
)
def test_byline_lines(line, authors):
    if authors is None:
        assert clean_names([line]) == ["Priya Natarajan"]
    else:
        assert clean_names(parse_latin_byline(line).authors) == authors


@pytest.mark.parametrize("line", ["By the way, it rains", "Di Maio ha detto che", "Text: Der Bau beginnt im Mai"])
def test_not_byline_lines(line):
    assert not parse_latin_byline(line) and not looks_like_credit_line(line)


@pytest.mark.parametrize(
    "line",
    ["Advertentie", "ANNONS", "Annonse", "Reklame", "Mainos", "Loading", "Cargando…", "Carregando",
     "📣 Join our WhatsApp channel for the latest news", "📲 Participe do canal do Jornal do Interior no WhatsApp",
     "Siga o canal no Telegram", "12/03/2024 09h41 · Atualizado há 2 horas", "vor 3 Stunden aktualisiert"],
)  # fmt: skip
def test_international_boilerplate_lines(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    ["The minister said WhatsApp groups spread the rumour.", "Follow the money, the auditors said on Telegram, and more.",
     "Loading the ferries took two hours on Monday.", "Há 2 horas que a estrada está cortada pela polícia."],
)  # fmt: skip
def test_international_article_lines_stay(line):
    assert not is_boilerplate_line(line)


_PARAGRAPHS = (
    "<p>The council approved the plan on Tuesday after a long debate about costs and the timetable.</p>"
    "<p>Work starts in June on the east side, where many pipes were laid a century ago, officials said.</p>"
)


def test_a_kicker_over_the_repeated_headline_is_dropped():
    html = f"<main><div>Mobilidade</div><h1>Le titre</h1>{_PARAGRAPHS}</main>"
    assert _item(html, "https://www.example.com/a/1.html")["body"].startswith("The council approved")


@pytest.mark.parametrize("name", ["writer", "reporter"])
def test_writer_and_reporter_classes_are_bylines(name):
    html = f"<h1>Le titre</h1><span class='{name}'>김민준 기자</span>{_PARAGRAPHS}"
    assert _item(html, "https://www.example.co.kr/a/1.html")["authors"] == ["김민준"]


def test_a_list_breadcrumb_and_tag_links():
    html = (
        "<ul class='breadcrumb'><li><a href='/eco/'>Économie</a></li><li><a href='/eco/tr/'>Transports</a></li></ul>"
        f"<h1>Le titre</h1>{_PARAGRAPHS}<footer><a rel='tag' href='/t/a'>ferries</a> <a rel='tag' href='/t/b'>"
        "transport</a></footer><aside class='widget'><a rel='tag' href='/t/c'>other</a></aside>"
    )
    item = _item(html, "https://www.example.com/a/1.html")
    assert item["section"] == "Économie > Transports" and item["tags"] == ["ferries", "transport"]


def test_an_unlabelled_date_line_right_before_the_labelled_update_is_the_publication():
    far = "<ul>" + "".join(f"<li><a href='#'>Compartir en la red número {n}</a></li>" for n in range(9)) + "</ul>"
    html = (
        f"<h1>Le titre</h1><p>{'Periodista de la sección de Tarragona. ' * 4}</p>{far}<div class='dates'>"
        "<time class='created'>13/01/2025 10:22</time> <time class='modified'>Actualizado a 13/01/2025 15:43</time>"
        f"</div>{_TEXT}"
    )
    item = _item(html, "https://www.example.com/a/1.html")
    assert item["published_at"] == "2025-01-13T10:22:00" and item["updated_at"] == "2025-01-13T15:43:00"


def test_markup_dated_after_the_urls_day_stays_when_the_date_line_shows_its_day():
    head = "<meta property='article:published_time' content='2022-05-08T06:00:00-05:00'>"
    page = (
        f"<html><head><meta charset='utf-8'><title>Le titre</title>{head}</head><body><h1>Le titre</h1>"
        f"<p><time>08 May 2022</time> <time>Actualizado: 08 de Mayo 2022 | 6:00 h</time></p>{_TEXT}</body></html>"
    )
    item = extract_article(page.encode(), url="https://www.example.com/2022/05/02/x/", headers={}, site=None)
    assert item["published_at"] == "2022-05-08T06:00:00-05:00"
