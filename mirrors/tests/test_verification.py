"""A fresh export verifies; a changed byte, a removed file and an added file do not."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mirrors import signing, verification


@pytest.fixture
def copy(site_tree, tmp_path):
    out = tmp_path / "copy"
    call_command("export_mirror", "--out", str(out), stdout=StringIO())
    return out


def test_a_fresh_export_verifies_whole_and_page_by_page(copy):
    key = signing.public_key_bytes()
    assert verification.verify_copy(copy, key) == []
    assert verification.verify_copy(copy, key, page="tk/about/") == []
    call_command("verify_mirror", str(copy), stdout=StringIO())
    call_command("verify_mirror", str(copy), "--page", "ru/about/index.html", stdout=StringIO())


def test_a_changed_byte_fails(copy):
    page = copy / "tk" / "about" / "index.html"
    data = bytearray(page.read_bytes())
    data[100] ^= 1
    page.write_bytes(bytes(data))
    assert verification.verify_copy(copy, signing.public_key_bytes()) == ["changed: tk/about/index.html"]
    with pytest.raises(CommandError):
        call_command("verify_mirror", str(copy), "--page", "tk/about/", stdout=StringIO(), stderr=StringIO())
    call_command("verify_mirror", str(copy), "--page", "ru/about/", stdout=StringIO())


def test_a_removed_file_and_an_added_file_fail(copy):
    (copy / "ru" / "index.html").unlink()
    (copy / "tk" / "extra.html").write_text("<p>not ours</p>")
    problems = verification.verify_copy(copy, signing.public_key_bytes())
    assert sorted(problems) == ["missing: ru/index.html", "not in the manifest: tk/extra.html"]


def test_a_changed_manifest_or_another_key_fails(copy):
    manifest = copy / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"size"', b'"size" ', 1))
    assert verification.verify_copy(copy, signing.public_key_bytes()) == [
        "the manifest's signature is not valid for this key"
    ]


def test_the_standalone_script_runs_without_django(copy):
    script = Path(verification.__file__)
    command = [sys.executable, "-I", str(script), str(copy), "--key", signing.public_key_text()]
    passed = subprocess.run(command, capture_output=True, text=True, cwd=copy, check=False, timeout=60)  # noqa: S603
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert signing.fingerprint() in passed.stdout
    (copy / "robots.txt").write_text("changed")
    failed = subprocess.run(command, capture_output=True, text=True, cwd=copy, check=False, timeout=60)  # noqa: S603
    assert failed.returncode == 1 and "FAIL changed: robots.txt" in failed.stdout
