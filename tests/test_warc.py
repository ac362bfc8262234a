"""WARC files: records written as captured, read back, damaged records skipped, non-WARC refused, disk full."""

from __future__ import annotations

import errno
import gzip
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler
from warcio.warcwriter import WARCWriter

from newsspider import manifest
from newsspider.requestmeta import KEY, KIND
from newsspider.state.feedstorage import AtomicFileFeedStorage
from newsspider.warc import reader
from newsspider.warc.archive import WarcArchive, WarcWriteError
from newsspider.warc.batchhook import BatchCompanions
from newsspider.warc.capture import Capture, from_exchange
from newsspider.warc.names import warc_path
from newsspider.warc.replay import decoded_body
from newsspider.warc.writer import WarcBatchFile, software

HTML = "<html><head><title>标题</title></head><body><p>正文。</p></body></html>".encode()
WHEN = datetime(2026, 11, 30, 4, 0, 1, 250000, tzinfo=UTC)


def capture(url: str, body: bytes = HTML, encoding: str | None = None) -> Capture:
    headers = [("Content-Type", "text/html; charset=utf-8"), ("X-Archive-Orig-Transfer-Encoding", "chunked")]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    return Capture(url, WHEN, "GET", [("Host", "www.example.cn"), ("Accept-Encoding", "gzip")], b"", 200,
                   headers, body, "HTTP/1.1", "127.0.0.1")  # fmt: skip


def write(path: Path, articles: list[list[Capture]]) -> list[str]:
    warc = WarcBatchFile(path, {"isPartOf": "test"})
    ids = [warc.write_article(pages, "www.example.cn") for pages in articles]
    warc.seal()
    warc.publish()
    return ids


@pytest.fixture
def warc_file(tmp_path) -> tuple[Path, list[str]]:
    path = tmp_path / "warc" / "b-00001.warc.gz"
    articles = [[capture(f"http://www.example.cn/a/{n}.htm", gzip.compress(HTML), "gzip")] for n in range(5)]
    articles.append([capture("http://www.example.cn/m/1.htm"), capture("http://www.example.cn/m/1_2.htm")])
    return path, write(path, articles)


def test_records_round_trip_as_captured(warc_file):
    path, ids = warc_file
    report = reader.ReadReport()
    found = list(reader.articles(path, report))
    assert [article.first.record_id for article in found] == ids
    first = found[0].first
    assert (first.url, first.status, first.date, first.site) == ("http://www.example.cn/a/0.htm", 200, WHEN, "www.example.cn")
    assert first.header("content-encoding") == "gzip" and gzip.decompress(first.payload) == HTML  # as sent
    assert decoded_body(first) == HTML  # what the chain is given
    assert [page.url for page in found[-1].pages] == ["http://www.example.cn/m/1.htm", "http://www.example.cn/m/1_2.htm"]
    assert report.records == 1 + 2 * 7 and report.responses == 7 and report.skipped == []


def test_one_gzip_member_per_record_and_a_warcinfo_naming_newsspider(warc_file):
    path, _ids = warc_file
    members = list(reader.gzip_members(path.read_bytes(), reader.ReadReport(), path.name))
    assert len(members) == 1 + 2 * 7
    info = members[0][1]
    assert info.startswith(b"WARC/1.1\r\nWARC-Type: warcinfo")
    assert f"software: {software()}".encode() in info and software().startswith("newsspider/")
    response = members[1][1]
    for header in (b"WARC-Payload-Digest: sha1:", b"WARC-Target-URI: http://www.example.cn/a/0.htm",
                   b"WARC-Date: 2026-11-30T04:00:01.250000Z", b"WARC-IP-Address: 127.0.0.1"):  # fmt: skip
        assert header in response


def test_nothing_under_the_final_name_before_publish(tmp_path):
    final = tmp_path / "warc" / "x.warc.gz"
    warc = WarcBatchFile(final, {})
    warc.write_article([capture("http://www.example.cn/a/1.htm")], None)
    assert not final.exists() and warc.part.name == ".x.warc.gz.part"
    warc.abort()
    assert list(final.parent.iterdir()) == []


def _damage(data: bytes, member: int, change) -> bytes:
    members = list(reader.gzip_members(data, reader.ReadReport(), "x"))
    start = members[member][0]
    end = members[member + 1][0] if member + 1 < len(members) else len(data)
    return data[:start] + change(data[start:end]) + data[end:]


def _flip(chunk: bytes) -> bytes:
    middle = len(chunk) // 2
    return chunk[:middle] + bytes([chunk[middle] ^ 0xFF]) + chunk[middle + 1 :]


def _new_payload(chunk: bytes) -> bytes:
    """A well-formed gzip member whose payload no longer matches its recorded digests."""
    return gzip.compress(zlib.decompress(chunk, zlib.MAX_WBITS | 16).replace(b"\x1f\x8b", b"\x1f\x8c", 1))


DAMAGE = {
    "flipped_byte": lambda data: _damage(data, 3, _flip),  # article 2's response
    "digest_mismatch": lambda data: _damage(data, 3, _new_payload),
    "truncated_file": lambda data: data[: len(data) - 40],  # the last record (a request) is cut
    "garbage_between_records": lambda data: _damage(data, 3, lambda chunk: b"garbage" + chunk),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_damaged_record_is_skipped_counted_and_the_rest_read(warc_file, case):
    path, ids = warc_file
    path.write_bytes(DAMAGE[case](path.read_bytes()))
    report = reader.ReadReport()
    found = [article.first.record_id for article in reader.articles(path, report)]
    assert len(report.skipped) == 1, report.skipped
    name, offset, reason = report.skipped[0]
    assert name == path.name and offset > 0 and reason
    if case == "truncated_file":
        assert found == ids
    elif case == "garbage_between_records":
        assert found == ids  # the record itself is whole: only the garbage is skipped
    else:
        assert found == ids[:1] + ids[2:]  # only article 2 is lost


def test_a_multipage_article_missing_a_page_is_counted_not_replayed(warc_file):
    path, ids = warc_file
    data = path.read_bytes()
    members = list(reader.gzip_members(data, reader.ReadReport(), "x"))
    path.write_bytes(data[: members[-2][0]])  # drop page 2's response and request
    report = reader.ReadReport()
    assert [article.first.record_id for article in reader.articles(path, report)] == ids[:-1]
    assert report.incomplete == 1


@pytest.mark.parametrize(
    "content", [b"{\"url\": \"http://a\"}\n", gzip.compress(b"<html>not a warc</html>"), b"", b"\x1f\x8b\x08garbage"]
)
def test_a_non_warc_file_is_refused(tmp_path, content):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(content)
    with pytest.raises(reader.NotWarcError, match="not a WARC file"):
        list(reader.articles(path, reader.ReadReport()))


def test_an_uncompressed_warc_file_is_read(tmp_path):
    path = tmp_path / "plain.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False, warc_version="1.1")
        record = writer.create_warc_record("http://www.example.cn/p.htm", "response", payload=__import__("io").BytesIO(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + HTML))  # fmt: skip
        writer.write_record(record)
    (page,) = reader.records(path, reader.ReadReport())
    assert page.payload == HTML


def test_capture_keeps_the_encoded_body_and_renames_transfer_encoding():
    request = Request("http://www.example.cn/a/1.htm?x=1", headers={"Accept-Encoding": "gzip"})
    response = HtmlResponse(request.url, body=gzip.compress(HTML), request=request, ip_address=None,
                            headers={"Content-Encoding": "gzip", "Transfer-Encoding": "chunked"})  # fmt: skip
    found = from_exchange(request, response, WHEN)
    assert gzip.decompress(found.body) == HTML
    assert ("Content-Encoding", "gzip") in found.response_headers
    assert ("X-Archive-Orig-Transfer-Encoding", "chunked") in found.response_headers
    assert found.request_line == "GET /a/1.htm?x=1 HTTP/1.1"
    assert found.request_headers[0] == ("Host", "www.example.cn")


def _archive(tmp_path) -> tuple[WarcArchive, AtomicFileFeedStorage, Path]:
    crawler = get_crawler(settings_dict={"NEWSSPIDER_WARC": True, "NEWSSPIDER_RUN_ID": "r1"})
    archive = WarcArchive(crawler)
    hook = BatchCompanions.from_crawler(crawler)  # on batch_prepared, as in a crawl
    hook.archive = archive
    batch = tmp_path / "site" / "site-r1-00001.jsonl"
    storage = AtomicFileFeedStorage(str(batch), crawler=crawler)
    storage.companions = hook  # keeps the receiver alive: signals hold weak references
    return archive, storage, batch


def test_archived_item_names_its_record_and_the_batch_publishes_warc_and_manifest(tmp_path):
    archive, storage, batch = _archive(tmp_path)
    url = "http://www.example.cn/a/1.htm"
    archive.add({KIND: "article", KEY: "k1"}, capture(url))
    handle = storage.open(None)
    warc_file, record_id = archive.archive_item(batch, {"url": url, "site": "site"})
    handle.write(b"{}\n")
    assert warc_file == "warc/site-r1-00001.warc.gz" and record_id.startswith("<urn:uuid:")
    assert not (batch.parent / warc_file).exists()  # not before the batch is stored
    storage.store(handle)
    assert [page.record_id for page in reader.records(batch.parent / warc_file, reader.ReadReport())] == [record_id]
    entry = manifest.read(manifest.manifest_path(batch))
    assert entry["warc_files"][0]["file"] == warc_file and entry["lines"] == 1 and entry["run_id"] == "r1"


def test_disk_full_while_writing_warc_refuses_the_batch(tmp_path, monkeypatch):
    archive, storage, batch = _archive(tmp_path)
    url = "http://www.example.cn/a/1.htm"
    archive.add({KIND: "article", KEY: "k1"}, capture(url))

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(WARCWriter, "write_request_response_pair", full)
    handle = storage.open(None)
    with pytest.raises(WarcWriteError, match="No space left"):
        archive.archive_item(batch, {"url": url, "site": "site"})
    handle.write(b"{}\n")
    with pytest.raises(WarcWriteError):
        storage.store(handle)
    assert not batch.exists() and not manifest.manifest_path(batch).exists()
    assert not warc_path(batch, "r1").exists() and not (batch.parent / "warc" / ".site-r1-00001.warc.gz.part").exists()
    assert archive.stats.get_value("newsspider/warc/write_failed") == 1


def test_a_batch_killed_after_its_warc_rename_is_discarded_with_its_companions(tmp_path):
    """Killed between the WARC/manifest renames and the batch rename: the next run removes both."""
    from newsspider.companions import remove_companions
    from newsspider.state.store import SeenStore

    batch = tmp_path / "site" / "site-r1-00001.jsonl"
    write(warc_path(batch, "r1"), [[capture("http://www.example.cn/a/1.htm")]])
    manifest.write_part(batch, {"manifest_version": 1, "file": batch.name})
    manifest.publish(batch)
    with SeenStore.in_dir(tmp_path / "state") as store:
        store.prepare_batch(str(batch), "site", "r1", ["k1"])
        committed, discarded = store.reconcile("site", on_discard=lambda path, run: remove_companions(Path(path), run))
        assert (committed, discarded) == (0, 1)
        assert not store.is_seen("k1")
    assert not warc_path(batch, "r1").exists() and not manifest.manifest_path(batch).exists()


def test_captures_follow_the_article_from_page_one_to_its_line(tmp_path, monkeypatch):
    from newsspider.requestmeta import ITEM
    from newsspider.warc import archive as archive_module

    archive, _storage, _batch = _archive(tmp_path)
    first, second = "http://www.example.cn/m/1.htm", "http://www.example.cn/m/1_2.htm"
    archive.add({KIND: "article"}, capture(first))
    archive.add({KIND: "article_page", ITEM: {"url": first}}, capture(second))
    archive.add({KIND: "article_page", ITEM: {"url": "http://www.example.cn/gone.htm"}}, capture(second))
    assert [page.url for page in archive.take(first)] == [first, second]
    archive.add({KIND: "article"}, capture(first))
    archive.forget_item({"url": first})  # dropped: its captures are not kept
    assert archive.take(first) == []
    monkeypatch.setattr(archive_module, "MAX_WAITING", 2)
    for n in range(3):
        archive.add({KIND: "article"}, capture(f"http://www.example.cn/a/{n}.htm"))
    assert list(archive.captures) == ["http://www.example.cn/a/1.htm", "http://www.example.cn/a/2.htm"]
    assert archive.stats.get_value("newsspider/warc/captures_evicted") == 1


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_an_undecodable_payload_is_a_clear_error(encoding):
    from newsspider.warc.replay import UndecodableRecord

    page = reader.ArchivedPage("http://www.example.cn/a/1.htm", WHEN, "<urn:uuid:x>", 200,
                               [("Content-Encoding", encoding)], b"not compressed at all")  # fmt: skip
    with pytest.raises(UndecodableRecord, match=f"cannot undo Content-Encoding {encoding}"):
        decoded_body(page)


def test_payloads_are_decoded_as_scrapy_would():
    import zlib as _zlib

    plain = reader.ArchivedPage("http://x/1", WHEN, "<urn:uuid:x>", 200, [], HTML)
    assert decoded_body(plain) == HTML
    deflated = reader.ArchivedPage("http://x/1", WHEN, "<urn:uuid:x>", 200, [("Content-Encoding", "deflate")],
                                   _zlib.compress(HTML))  # fmt: skip
    assert decoded_body(deflated) == HTML
    twice = reader.ArchivedPage("http://x/1", WHEN, "<urn:uuid:x>", 200, [("Content-Encoding", "deflate, gzip")],
                                gzip.compress(_zlib.compress(HTML)))  # fmt: skip
    assert decoded_body(twice) == HTML
