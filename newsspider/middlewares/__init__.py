"""Downloader and spider middlewares, one concern each."""
