import base64

import pytest
from django.core.exceptions import ImproperlyConfigured

from mirrors import signing


def test_signature_verifies_with_the_public_key_and_fails_on_a_changed_byte():
    data = b'{"files": {}}'
    signature = signing.sign(data)
    public = signing.public_key_bytes()
    assert signing.verify(public, data, signature)
    assert not signing.verify(public, data + b" ", signature)
    assert not signing.verify(public, data, bytes([signature[0] ^ 1]) + signature[1:])


def test_fingerprint_is_sixteen_groups_of_four_hex_digits():
    groups = signing.fingerprint().split(" ")
    assert len(groups) == 16
    assert all(len(group) == 4 and group == group.upper() for group in groups)
    assert base64.b64decode(signing.public_key_text()) == signing.public_key_bytes()


def test_a_new_key_differs_and_loads(settings):
    settings.MIRROR_SIGNING_KEY = signing.generate_private_key()
    assert len(base64.b64decode(settings.MIRROR_SIGNING_KEY)) == 32
    assert signing.is_configured()
    assert len(signing.public_key_bytes()) == 32


@pytest.mark.parametrize("value", ["", "not base64!", base64.b64encode(b"short").decode()])
def test_a_missing_or_broken_key_is_refused_with_a_clear_message(settings, value):
    settings.MIRROR_SIGNING_KEY = value
    with pytest.raises(ImproperlyConfigured, match="MIRROR_SIGNING_KEY"):
        signing.private_key()


def test_mirror_key_command_makes_a_key_and_shows_the_configured_one(settings):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("mirror_key", stdout=out, stderr=StringIO())
    line = out.getvalue().strip()
    assert line.startswith("MIRROR_SIGNING_KEY=")
    out = StringIO()
    call_command("mirror_key", "--show", stdout=out)
    assert signing.public_key_text() in out.getvalue()
    assert signing.fingerprint() in out.getvalue()
