"""The origins the copy is published to, from MIRROR_ORIGINS (docs/configuration.md).

Each origin is a Django storage: an S3-compatible bucket (django-storages' S3Storage, each with its
own endpoint, bucket, prefix and credentials) or a local directory (served by an onion service, or
pushed to a Git pages repository by the deployer's own tooling). Publishing compares the copy's
manifest with the one already on the origin and uploads only the files whose hash changed, then
the manifest and its signature, then removes the files the new manifest no longer lists.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile

from .builder import MANIFEST, SIGNATURE

KINDS = ("s3", "local")


@dataclass(frozen=True)
class Origin:
    """One configured origin; ``onion``: it gets the onion copy (links to no other host)."""

    name: str
    kind: str
    onion: bool = False
    options: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def flavour(self) -> str:
        return "onion" if self.onion else "clearnet"

    def storage(self):
        if self.kind == "local":
            from django.core.files.storage import FileSystemStorage

            return FileSystemStorage(location=self.options["path"], allow_overwrite=True)
        from botocore.config import Config
        from storages.backends.s3 import S3Storage

        options = self.options
        return S3Storage(
            bucket_name=options["bucket"],
            endpoint_url=options.get("endpoint_url") or None,
            region_name=options.get("region") or None,
            access_key=options.get("access_key") or None,
            secret_key=options.get("secret_key") or None,
            location=options.get("prefix", "").strip("/"),
            file_overwrite=True,
            querystring_auth=False,
            default_acl=options.get("acl") or None,
            # A dead endpoint fails within seconds; the retry job tries again later.
            client_config=Config(
                connect_timeout=5, read_timeout=30, retries={"max_attempts": 2, "mode": "standard"}
            ),
        )


def configured() -> list[Origin]:
    """MIRROR_ORIGINS as origins; refuses a list with unknown kinds, missing fields or twice a name."""
    origins = []
    for raw in getattr(settings, "MIRROR_ORIGINS", []) or []:
        kind = raw.get("kind")
        name = raw.get("name")
        if kind not in KINDS or not name:
            raise ImproperlyConfigured(
                f"MIRROR_ORIGINS: every origin needs a name and a kind ({', '.join(KINDS)})."
            )
        if kind == "s3" and not raw.get("bucket"):
            raise ImproperlyConfigured(f"MIRROR_ORIGINS: the S3 origin {name!r} needs a bucket.")
        if kind == "local" and not raw.get("path"):
            raise ImproperlyConfigured(f"MIRROR_ORIGINS: the local origin {name!r} needs a path.")
        onion = bool(raw.get("onion", kind == "local")) and bool(settings.ONION_ADDRESS)
        options = {key: value for key, value in raw.items() if key not in ("name", "kind", "onion")}
        origins.append(Origin(name=name, kind=kind, onion=onion, options=options))
    if len({origin.name for origin in origins}) != len(origins):
        raise ImproperlyConfigured("MIRROR_ORIGINS: two origins have the same name.")
    return origins


def remote_manifest(storage) -> dict:
    try:
        with storage.open(MANIFEST) as handle:
            return json.loads(handle.read())["files"]
    except FileNotFoundError:
        return {}
    except (ValueError, KeyError, TypeError):
        return {}  # unreadable: upload everything


def publish(origin: Origin, site_dir: Path) -> dict:
    """Bring the origin up to the copy in ``site_dir``; returns files, bytes and how many were uploaded.

    Raises what the storage raises (unreachable endpoint, refused credentials): the caller records it.
    """
    storage = origin.storage()
    local = json.loads((site_dir / MANIFEST).read_text())["files"]
    remote = remote_manifest(storage)
    uploaded = 0
    for name, item in local.items():
        if remote.get(name) != item:
            storage.save(name, ContentFile((site_dir / name).read_bytes()))
            uploaded += 1
    # The manifest last: a reader never sees a manifest that lists files not there yet.
    storage.save(MANIFEST, ContentFile((site_dir / MANIFEST).read_bytes()))
    storage.save(SIGNATURE, ContentFile((site_dir / SIGNATURE).read_bytes()))
    for name in remote:
        if name not in local:
            storage.delete(name)
    return {
        "files": len(local) + 2,
        "bytes": sum(item["size"] for item in local.values()),
        "uploaded": uploaded,
    }
