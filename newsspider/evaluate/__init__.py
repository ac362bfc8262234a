"""Offline evaluation of the extraction chain against labelled corpora (``scrapy evaluate``)."""
