"""URL identity: tracking parameters, the cleaned canonical URL and ``article_key`` (one article, one key)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from w3lib.url import canonicalize_url, url_query_cleaner

TRACKING_PARAMS = (
    "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "spm", "from", "fbclid",
    "gclid", "share", "share_token", "isappinstalled", "scene", "sharer", "wfr", "source",
)  # fmt: skip
# Host prefixes of the same site's variants: www.example.cn, m.example.cn and wap.example.cn are one article.
_HOST_VARIANT_RE = re.compile(r"^(?:www\d?|m|wap|3g|mobile)\.(?=[^.]+\.[^.]+)", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def clean_url(url: str) -> str:
    """``url`` without tracking parameters and fragment (scheme and host kept): the exported canonical_url."""
    return url_query_cleaner(url, TRACKING_PARAMS, remove=True, keep_fragments=False)


def site_host(host: str) -> str:
    """The host without its www./m./wap. variant prefix (lower case)."""
    return _HOST_VARIANT_RE.sub("", host.lower())


def article_key(url: str) -> str:
    """The identity of an article across runs.

    https, the host without www./m. variant prefixes and default port, sorted query without tracking
    parameters, no fragment. A page suffix (``_2.htm``) is kept: whether it continues another page is known
    only from the pages that link it (``links.continuation_pages``), never from the URL alone.
    """
    parts = urlsplit(canonicalize_url(clean_url(url)))
    host = site_host(parts.hostname or "")
    port = parts.port if parts.port and parts.port != _DEFAULT_PORTS.get(parts.scheme) else None
    netloc = f"{host}:{port}" if port else host
    scheme = "https" if parts.scheme == "http" else parts.scheme
    return parts._replace(scheme=scheme, netloc=netloc).geturl()


def legacy_key(url: str) -> str:
    """The key stored before hosts were folded (www./m. kept): a state folder written then still holds."""
    parts = urlsplit(canonicalize_url(url_query_cleaner(url, TRACKING_PARAMS, remove=True)))
    return parts._replace(scheme="https" if parts.scheme == "http" else parts.scheme).geturl()


def same_site(url: str, domains: list[str] | tuple[str, ...]) -> bool:
    """Whether ``url``'s host is one of ``domains`` or under one of them (variants included)."""
    host = site_host(urlsplit(url).hostname or "")
    for domain in domains:
        domain = site_host(domain)
        if host == domain or host.endswith("." + domain):
            return True
    return False
