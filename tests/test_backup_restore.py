"""scripts/backup and scripts/restore against the test database: a full round trip into a new
database, with personal fields still encrypted and the media files byte for byte, and the
refusals of obviously wrong input."""

import os
import secrets
import subprocess
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection

from campaigns import services
from campaigns.factories import CampaignPageFactory
from campaigns.models import Signature
from safety import encryption

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
BACKUP = ROOT / "scripts" / "backup"
RESTORE = ROOT / "scripts" / "restore"

NAME = "Jeren Öwezmyradowa"
EMAIL = "jeren.owezmyradowa@example.org"
CITY = "Balkanabat"


def database_url(name: str) -> str:
    """A postgres:// URL for a database on the test database's server."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{credentials}@{host}:{port}/{quote(name, safe='')}"


def run(script, *args, env=None):
    """Run a script with a clean environment of our choosing (no settings of this process leak in)."""
    environment = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **(env or {})}
    return subprocess.run(  # noqa: S603 - our own scripts, fixed arguments
        [str(script), *map(str, args)], env=environment, capture_output=True, text=True, timeout=300
    )


def server_connection():
    db = connection.settings_dict
    return psycopg.connect(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def fresh_database():
    """The name of a brand-new, empty database, dropped again after the test."""
    name = f"hhd_restore_test_{os.getpid()}_{secrets.token_hex(4)}"
    with server_connection() as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with server_connection() as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_a_new_database_with_fields_encrypted_and_media_identical(
    site_tree, media_root, fresh_database, tmp_path
):
    from wagtail.documents.models import Document

    campaign = CampaignPageFactory(parent=site_tree.homes["tk"])
    signature = services.sign(
        campaign,
        services.SigningRequest(
            full_name=NAME,
            email=EMAIL,
            country="TR",
            city=CITY,
            show_publicly=False,
            wants_newsletter=False,
            consent_version="tk-test",
            language="tk",
        ),
    )
    assert services.confirm(signature)
    content = secrets.token_bytes(50_000) + "Hasabat ýyllyk".encode()
    document = Document(title="Ýyllyk hasabat")
    document.file.save("hasabat.pdf", ContentFile(content))
    document.save()
    document_path = Path(document.file.path)
    assert document_path.read_bytes() == content

    backups = tmp_path / "backups"
    made = run(
        BACKUP,
        backups,
        env={"DATABASE_URL": database_url(connection.settings_dict["NAME"]), "MEDIA_ROOT": media_root},
    )
    assert made.returncode == 0, made.stderr
    [sums] = backups.glob("hhd-*.sha256")
    stamp = sums.name.removesuffix(".sha256")
    assert sorted(path.name for path in backups.iterdir()) == sorted(
        [f"{stamp}.dump", f"{stamp}-media.tar.gz", f"{stamp}.sha256"]
    )
    assert "FIELD_ENCRYPTION_KEYS" in made.stdout  # it says the keys are not in the backup
    assert settings.FIELD_ENCRYPTION_KEYS[0] not in (backups / f"{stamp}.dump").read_bytes().decode("latin-1")

    restored_media = tmp_path / "restored-media"
    restored = run(RESTORE, sums, database_url(fresh_database), restored_media)
    assert restored.returncode == 0, restored.stderr
    assert "checksums of 2 files are right" in restored.stdout

    with psycopg.connect(database_url(fresh_database).replace("postgres://", "postgresql://")) as db:
        full_name, email, city, confirmed_at = db.execute(
            "SELECT full_name, email, city, confirmed_at FROM campaigns_signature WHERE id = %s",
            [signature.pk],
        ).fetchone()
        [document_name] = db.execute(
            "SELECT file FROM wagtaildocs_document WHERE id = %s", [document.pk]
        ).fetchone()
    assert confirmed_at is not None
    for stored, plain in ((full_name, NAME), (email, EMAIL), (city, CITY)):
        assert plain not in stored and plain.split()[0] not in stored
        assert stored.startswith("gAAAAA")  # a Fernet token
        assert encryption.decrypt(stored) == plain
    assert (restored_media / document_name).read_bytes() == content
    assert Signature.objects.get().full_name == NAME  # the original database is untouched


@pytest.fixture
def fake_backup(tmp_path):
    """Files shaped like a backup (not restorable, but with right checksums)."""
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "hhd-20260101T000000Z.dump").write_bytes(b"PGDMP not really a dump")
    (folder / "hhd-20260101T000000Z-media.tar.gz").write_bytes(b"not really an archive")
    subprocess.run(  # noqa: S603
        ["sha256sum", "hhd-20260101T000000Z.dump", "hhd-20260101T000000Z-media.tar.gz"],  # noqa: S607
        cwd=folder,
        stdout=(folder / "hhd-20260101T000000Z.sha256").open("w"),
        check=True,
    )
    return folder


NOWHERE = "postgres://nobody@127.0.0.1:1/none"  # would fail loudly if the script ever got that far


def test_restore_refuses_a_changed_dump_before_touching_anything(fake_backup, tmp_path):
    dump = fake_backup / "hhd-20260101T000000Z.dump"
    dump.write_bytes(dump.read_bytes() + b"!")
    result = run(RESTORE, fake_backup / "hhd-20260101T000000Z.sha256", NOWHERE, tmp_path / "media")
    assert result.returncode != 0
    assert "checksum mismatch" in result.stderr
    assert not (tmp_path / "media").exists()


def test_restore_refuses_missing_files_and_wrong_arguments(fake_backup, tmp_path):
    sums = fake_backup / "hhd-20260101T000000Z.sha256"
    media = tmp_path / "media"
    assert "is not a file" in run(RESTORE, fake_backup / "hhd-missing.sha256", NOWHERE, media).stderr
    assert "postgres:// URL" in run(RESTORE, sums, "mysql://root@localhost/hhd", media).stderr
    assert "usage" in run(RESTORE, sums).stderr
    assert "give the directory" in run(RESTORE, sums, NOWHERE).stderr
    media.mkdir()
    (media / "left-over.jpg").write_bytes(b"x")
    assert "not empty" in run(RESTORE, sums, NOWHERE, media).stderr
    (fake_backup / "hhd-20260101T000000Z-media.tar.gz").unlink()
    result = run(RESTORE, sums, NOWHERE, tmp_path / "other")
    assert result.returncode != 0 and "missing" in result.stderr


def test_backup_refuses_a_missing_or_foreign_database_url_and_a_missing_media_root(tmp_path):
    target = tmp_path / "backups"
    assert "DATABASE_URL is not set" in run(BACKUP, target).stderr
    result = run(BACKUP, target, env={"DATABASE_URL": "sqlite:///db.sqlite3"})
    assert result.returncode != 0 and "postgres:// URL" in result.stderr
    result = run(BACKUP, target, env={"DATABASE_URL": NOWHERE, "MEDIA_ROOT": tmp_path / "no-such-dir"})
    assert result.returncode != 0 and "not a directory" in result.stderr
    assert not target.exists()


def test_backup_never_prints_the_database_password(tmp_path):
    (tmp_path / "media").mkdir()
    result = run(
        BACKUP,
        tmp_path / "backups",
        env={"DATABASE_URL": "postgres://hhd:s3cret-Pa55@127.0.0.1:1/hhd", "MEDIA_ROOT": tmp_path / "media"},
    )
    assert result.returncode != 0  # nothing listens on port 1
    assert "s3cret-Pa55" not in result.stdout + result.stderr
    assert "hhd:***@127.0.0.1:1/hhd" in result.stdout
    assert list((tmp_path / "backups").iterdir()) == []  # no half-written file is left
