"""schema/article.schema.json: a valid 2020-12 schema, in step with items.py and the README table, and strict."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from newsspider import extract_article, schema
from newsspider.items import ARCHIVE_FIELDS, ARTICLE_FIELDS, SCHEMA_FIELD, SCHEMA_VERSION, export_line
from newsspider_testing.pairs import PAGES, FixturePair

README = Path(__file__).resolve().parents[1] / "README.md"
OPTIONAL = {"version", *ARCHIVE_FIELDS}  # revisions only; WARC capture only

_PAIR = FixturePair.load(PAGES / "haikou_original_gbk.json")  # a real line, so new fields join by themselves
GOOD = export_line(
    extract_article(_PAIR.html.read_bytes(), **_PAIR.kwargs),
    ("warc/x.warc.gz", "<urn:uuid:69b71194-2eae-4c8a-b01f-9eee945fcc2e>"),
)


def test_schema_is_valid_2020_12():
    Draft202012Validator.check_schema(schema.load())
    assert schema.load()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_lists_exactly_the_exported_fields():
    properties = schema.load()["properties"]
    assert set(properties) == {*ARTICLE_FIELDS, SCHEMA_FIELD, *OPTIONAL}
    assert set(schema.load()["required"]) == {*ARTICLE_FIELDS, SCHEMA_FIELD}
    assert properties[SCHEMA_FIELD]["const"] == SCHEMA_VERSION
    assert all(spec.get("description") for spec in properties.values())


def test_schema_enums_follow_the_code_tables():
    from newsspider.chainrepair import REPAIRS

    assert schema.load()["properties"]["repairs"]["items"]["enum"] == list(REPAIRS)


def test_readme_table_is_generated_from_the_schema():
    assert schema.readme_section(README.read_text("utf-8")) == schema.readme_table(), (
        "README field table differs from schema/article.schema.json: run python -m newsspider.schema --write README.md"
    )


def test_a_good_line_validates():
    assert schema.errors(GOOD) == []
    without_archive = {k: v for k, v in GOOD.items() if k not in ARCHIVE_FIELDS}
    assert schema.errors(without_archive) == []


def _broken(change):
    line = copy.deepcopy(GOOD)
    change(line)
    return line


BAD = {
    "missing_title": lambda line: line.pop("title"),
    "unknown_field": lambda line: line.update(extra=1),
    "date_not_iso": lambda line: line.update(published_at="2026-11-01 08:00"),
    "unknown_tz_source": lambda line: line.update(published_at_tz="guessed"),
    "empty_title": lambda line: line.update(title=""),
    "authors_not_list": lambda line: line.update(authors="张三"),
    "pages_zero": lambda line: line.update(pages=0),
    "wrong_schema_version": lambda line: line.update(schema_version="0.9"),
    "image_without_caption_key": lambda line: line.update(images=[{"url": "http://x/a.jpg"}]),
    "image_not_object": lambda line: line.update(images=["http://x/a.jpg"]),
    "record_id_not_urn": lambda line: line.update(warc_record_id="1234"),
    "short_body": lambda line: line.update(body="短"),
    "no_schema_version": lambda line: line.pop("schema_version"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_broken_line_is_refused(name):
    assert schema.errors(_broken(BAD[name])), f"{name} was accepted"
