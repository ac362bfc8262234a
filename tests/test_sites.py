"""Site profiles: ids, domains, regexes, selectors; demo URLs classified as the profiles say."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from cssselect import GenericTranslator

import newsspider.sites
from newsspider.demosite.server import DemoSites
from newsspider.sites import all_profiles, get_profile

PROFILES = sorted(all_profiles().values(), key=lambda profile: profile.id)
MODULES = [info.name for info in pkgutil.iter_modules(newsspider.sites.__path__)
           if info.name != "profile" and not info.name.startswith("_")]  # fmt: skip
HK = "http://www.haikou-demo.test"
MT = "http://news.metro-demo.test"
# Every page of the demo sites: (profile id, URL, kind).
DEMO_PAGES = [
    ("demo_haikou", f"{HK}/node_12.htm", "listing"),
    ("demo_haikou", f"{HK}/node_12_2.htm", "listing"),
    ("demo_haikou", f"{HK}/node_12_3.htm", "listing"),
    ("demo_haikou", f"{HK}/2020-02/26/content_3812602.htm", "article"),
    ("demo_haikou", f"{HK}/2020-02/27/content_3812501.htm", "article"),
    ("demo_haikou", f"{HK}/2020-02/27/content_3812501_2.htm", "continuation"),
    ("demo_haikou", f"{HK}/2020-02/27/content_3812501_3.htm", "continuation"),
    ("demo_haikou", f"{HK}/2020-02/28/content_3812400.htm", "article"),
    ("demo_haikou", f"{HK}/2020-02/29/content_3812345.htm", "article"),
    ("demo_haikou", f"{HK}/2020-03/01/content_3812700.htm", "article"),
    ("demo_haikou", f"{HK}/preview/2020-03/02/content_3819999.htm", "article"),  # kept out by robots.txt
    ("demo_metro", f"{MT}/xw/index.html", "listing"),
    ("demo_metro", f"{MT}/xw/index_2.html", "listing"),
    ("demo_metro", f"{MT}/xw/202405/t20240511_40050.html", "article"),
    ("demo_metro", f"{MT}/xw/202405/t20240512_40077.html", "article"),
    ("demo_metro", f"{MT}/xw/202405/t20240513_40098.html", "article"),
    ("demo_metro", f"{MT}/xw/202405/t20240514_40123.html", "article"),
]


def test_ids_equal_module_names_and_are_unique():
    ids = [importlib.import_module(f"newsspider.sites.{name}").PROFILE.id for name in MODULES]
    assert ids == MODULES
    assert len(set(ids)) == len(ids) == len(PROFILES)


def test_domains_are_unique():
    domains = [domain for profile in PROFILES for domain in profile.domains]
    assert len(domains) == len(set(domains))


@pytest.mark.parametrize("profile", PROFILES, ids=lambda profile: profile.id)
def test_regexes_and_selectors_compile(profile):
    for pattern in filter(None, (profile.article_url, profile.listing_url)):
        re.compile(pattern)
    selectors = profile.selectors
    fields = (selectors.title, selectors.published_at, selectors.authors, selectors.editors, selectors.source,
              selectors.section, selectors.body, *selectors.drop)  # fmt: skip
    for css in filter(None, fields):
        GenericTranslator().css_to_xpath(css)


@pytest.mark.parametrize("profile", PROFILES, ids=lambda profile: profile.id)
def test_start_urls_are_on_the_profile_domains(profile):
    for url in profile.start_urls:
        host = re.match(r"https?://([^/:]+)", url).group(1)
        assert any(host == domain or host.endswith("." + domain) for domain in profile.domains)


@pytest.mark.parametrize(("site", "url", "kind"), DEMO_PAGES)
def test_demo_urls_are_classified_by_their_profile(site, url, kind):
    profile = get_profile(site)
    assert profile.is_article_url(url) is (kind == "article")
    assert bool(re.search(profile.listing_url, url)) is (kind == "listing")


def test_demo_table_covers_every_demo_page():
    demo = DemoSites()
    served = {f"http://{host}/{path.relative_to(demo.root / host)}" for host in demo.hosts
              for path in (demo.root / host).rglob("*.htm*")}  # fmt: skip
    assert served == {url for _site, url, _kind in DEMO_PAGES}
