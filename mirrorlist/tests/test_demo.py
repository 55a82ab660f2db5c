"""The demo site has a mirrors page and the (fictitious) mirror addresses in every language."""

import pytest

from demo import texts
from mirrorlist.models import MirrorAddress, MirrorsPage

pytestmark = pytest.mark.django_db
LANGUAGES = ("tk", "ru", "tr", "en")


def test_every_language_file_gives_a_note_for_every_address():
    for code in LANGUAGES:
        assert len(texts.MIRRORS_PAGE[code].notes) == len(texts.MIRROR_ADDRESSES), code


def test_the_demo_lists_its_mirrors_in_every_language(client, demo_content):
    assert MirrorAddress.objects.count() == len(LANGUAGES) * len(texts.MIRROR_ADDRESSES)
    assert MirrorsPage.objects.live().count() == len(LANGUAGES)
    addresses = [fields["address"] for fields in texts.MIRROR_ADDRESSES]
    for code in LANGUAGES:
        current = MirrorAddress.current(code)
        assert [mirror.address for mirror in current] == addresses
        assert [mirror.note for mirror in current] == list(texts.MIRRORS_PAGE[code].notes)
        response = client.get(f"/{code}/mirrors/")
        assert response.status_code == 200
        assert texts.MIRRORS_PAGE[code].title in response.content.decode()


def test_running_the_demo_again_changes_no_address(demo_content):
    from django.core.management import call_command

    before = list(MirrorAddress.objects.order_by("pk").values())
    call_command("seed_demo", "--no-admin", verbosity=0)
    assert list(MirrorAddress.objects.order_by("pk").values()) == before
