"""WARC capture of article pages: raw captures, per-batch WARC files, reading them back for re-extraction."""
