"""What the copy's pages contain: relative links, forms replaced, the CSP as a meta policy, and the
onion copy with no link to another host."""

import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from mirrors.export import canonical_url, file_for, relative


def test_addresses_become_files():
    assert file_for("/tk/news/") == "tk/news/index.html"
    assert file_for("/tk/news/?page=2&type=news") == "tk/news/_type-news/_page-2/index.html"
    # The copy numbers list pages from the oldest article (news.pagination): page 1 is the oldest
    # ten, a page of its own, never the list's first page.
    assert file_for("/tk/news/?page=1") == "tk/news/_page-1/index.html"
    assert canonical_url("/tk/news/?page=1") == "/tk/news/?page=1"
    assert file_for("/tk/feeds/news.rss") == "tk/feeds/news.rss"
    assert file_for("/tk/search/?q=x") is None
    assert file_for("/admin/") is None
    assert file_for("/tk/news/?utm=1") is None
    assert canonical_url("/tk/news/?page=2&type=news") == "/tk/news/?type=news&page=2"
    assert relative("tk/news/index.html", "static/css/site.css") == "../../static/css/site.css"


@pytest.fixture
def demo_copy(demo_content, tmp_path, settings):
    def export(onion=False):
        out = tmp_path / ("onion" if onion else "clearnet")
        arguments = ["--out", str(out), *(["--onion"] if onion else [])]
        call_command("export_mirror", *arguments, stdout=StringIO())
        return out

    return export


def pages(folder):
    return {path.relative_to(folder).as_posix(): path for path in folder.rglob("*.html")}


@pytest.mark.slow
def test_every_link_of_the_copy_is_relative_and_resolves_inside_it(demo_copy, settings):
    copy = demo_copy()
    found = pages(copy)
    assert {"tk/index.html", "ru/index.html", "tr/index.html", "en/index.html", "tk/news/index.html"} <= set(
        found
    )
    for name, path in found.items():
        soup = BeautifulSoup(path.read_text(), "html.parser")
        assert not soup.find("form"), name
        # A copy counts no reads: no beacon address, no counting image (readership/).
        assert not soup.find(attrs={"data-count-url": True}), name
        assert "/count/" not in path.read_text(), name
        for tag in soup.find_all(["a", "link", "img", "script", "source"]):
            for attribute in ("href", "src"):
                value = tag.get(attribute)
                if not value or value.startswith(("#", "mailto:", "tel:")):
                    continue
                if value.startswith(("http://", "https://")):
                    assert tag.name == "a", (name, value)  # only links out, never a resource
                    continue
                target = (path.parent / value.split("#")[0]).resolve()
                assert target.is_file(), (name, value)
        meta = (
            soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
            if name != "index.html"
            else True
        )
        assert meta, name


@pytest.mark.slow
def test_forms_become_a_notice_and_the_onion_copy_links_to_no_other_host(demo_copy, settings):
    settings.ONION_ADDRESS = "a" * 56 + ".onion"
    clearnet, onion = demo_copy(), demo_copy(onion=True)
    help_page = [p for n, p in pages(clearnet).items() if n.startswith("en/help/")][0].read_text()
    assert 'class="mirror-notice"' in help_page
    # The help page offers the organisation's safer channels, with the live form after them.
    from home.models import OrganisationDetails

    organisation = OrganisationDetails.for_language("en")
    assert 'class="help-channels"' in help_page
    assert f"mailto:{organisation.email}" in help_page
    assert f'href="{settings.SITE_URL}/en/help/"' in help_page
    assert f'href="{settings.SITE_URL}/en/search/"' in help_page
    for name, path in pages(onion).items():
        hosts = set(re.findall(r'(?:href|src|content)="https?://([^/"]+)', path.read_text()))
        assert all(host.endswith(".onion") for host in hosts), (name, hosts)
    assert settings.SITE_URL.encode() not in (onion / "sitemap.xml").read_bytes()
    assert settings.ONION_ADDRESS.encode() in (onion / "sitemap.xml").read_bytes()
