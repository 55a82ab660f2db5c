"""Writing a copy of the site to a folder: a full export, or the re-export of what a change shows.

The copy's folder holds only what is published (pages, feeds, files, ``manifest.json`` and its
signature); what the crawl found is kept in a state file outside it (mirrors.export).
"""

import hashlib
import json
import os
from collections import deque
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.utils import timezone

from . import signing
from .export import Entry, Flavour, Renderer, file_for, fixed_seeds, load_state, save_state, seed_urls

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.sig"
ROOT_PAGE = "index.html"


class Builder:
    """Exports addresses of the site into ``site_dir``; remembers what it found in ``state_dir``."""

    def __init__(self, site_dir: Path, state_dir: Path, flavour: Flavour):
        self.site_dir = Path(site_dir)
        self.state_dir = Path(state_dir)
        self.site_dir.mkdir(parents=True, exist_ok=True)
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.renderer = Renderer(flavour)
        self.state = load_state(self.state_dir)
        self.changed: set[str] = set()
        self.removed: set[str] = set()
        self.rendered = 0

    # --- the crawl --------------------------------------------------------------------------
    def export_everything(self):
        """Render every address again (new ones are found by following links)."""
        seeds = seed_urls()
        self.crawl(seeds, seeds, follow_known=True)
        return self.finish(seeds)

    def export_addresses(self, urls: dict[str, int | None]):
        """Render these addresses (with the ids of the pages they show) again, and the new addresses
        they link to. The pages the copy already has stand for the site's pages: asking every
        page of the site for its address would cost as much as the site is large."""
        seeds = {url: entry.page_id for url, entry in self.state.items() if entry.page_id}
        seeds.update(fixed_seeds())
        seeds.update(urls)
        self.crawl(list(urls), seeds, follow_known=False)
        return self.finish(seeds, incremental=True)

    def crawl(self, start, seeds, *, follow_known):
        queue = deque(start)
        done: set[str] = set()
        while queue:
            url = queue.popleft()
            if url in done:
                continue
            done.add(url)
            entry = self.render(url, seeds.get(url))
            if entry is None:
                self.state.pop(url, None)
                continue
            self.state[url] = entry
            queue.extend(
                link for link in entry.links if link not in done and (follow_known or link not in self.state)
            )

    def render(self, url: str, page_id: int | None) -> Entry | None:
        file = file_for(url)
        if file is None:
            return None
        status, content_type, body, csp = self.renderer.render(url)
        self.rendered += 1
        if status != 200:
            return None
        entry = Entry(file=file, page_id=page_id)
        if content_type.startswith("text/html"):
            body, links, assets = self.renderer.page(url, body, csp, file)
            entry.links = sorted(links)
            entry.assets = sorted(assets)
        elif "xml" in content_type:
            body = self.renderer.absolute_text(body)
        self.write(file, body)
        return entry

    # --- files ------------------------------------------------------------------------------
    def write(self, file: str, data: bytes):
        path = self.site_dir / file
        try:
            if path.read_bytes() == data:
                return
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".part")
        temporary.write_bytes(data)
        temporary.replace(path)
        self.changed.add(file)

    def asset_bytes(self, file: str) -> bytes | None:
        static_prefix = settings.STATIC_URL.lstrip("/")
        if static_prefix and file.startswith(static_prefix):
            name = file[len(static_prefix) :]
            try:
                with staticfiles_storage.open(name) as handle:
                    return handle.read()
            except (FileNotFoundError, OSError, ValueError):
                found = finders.find(name)
                return Path(found).read_bytes() if found else None
        media_prefix = settings.MEDIA_URL.lstrip("/") if settings.MEDIA_URL.startswith("/") else "media/"
        if file.startswith(media_prefix):
            try:
                with default_storage.open(file[len(media_prefix) :]) as handle:
                    return handle.read()
            except (FileNotFoundError, OSError):
                return None
        return None

    def copy_assets(self) -> set[str]:
        """Copy the static files and renditions the pages use (and what their stylesheets use)."""
        wanted = {asset for entry in self.state.values() for asset in entry.assets}
        queue = deque(sorted(wanted))
        present: set[str] = set()
        while queue:
            file = queue.popleft()
            if file in present:
                continue
            is_media = not file.startswith(settings.STATIC_URL.lstrip("/"))
            if is_media and (self.site_dir / file).is_file():
                present.add(file)  # renditions never change under the same name
                continue
            data = self.asset_bytes(file)
            if data is None:
                continue
            present.add(file)
            self.write(file, data)
            if file.endswith(".css"):
                found: dict[str, str] = {}
                self.renderer.css("/" + file, data, file, found)
                queue.extend(found)
        return present

    def root_page(self) -> bytes:
        """``index.html`` at the top: the languages, and on to Turkmen (meta refresh, no script)."""
        default = settings.LANGUAGE_CODE
        links = "".join(
            f'<li><a href="{code}/index.html" hreflang="{code}" lang="{code}">{name}</a></li>'
            for code, name in settings.LANGUAGES
        )
        return (
            f'<!DOCTYPE html>\n<html lang="{default}"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
            f'<meta http-equiv="refresh" content="0; url={default}/index.html">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Hak Hukuga Daýanç</title></head><body><ul>{links}</ul></body></html>\n"
        ).encode()

    def finish(self, seeds, incremental=False) -> dict:
        """Drop what nothing reaches any more, copy files, write and sign the manifest. After an
        incremental export only the files the last manifest lists can be left over: the folder is
        not walked."""
        reachable: set[str] = set()
        queue = deque(url for url in seeds if url in self.state)
        while queue:
            url = queue.popleft()
            if url in reachable or url not in self.state:
                continue
            reachable.add(url)
            queue.extend(self.state[url].links)
        self.state = {url: entry for url, entry in self.state.items() if url in reachable}
        self.write(ROOT_PAGE, self.root_page())
        expected = {entry.file for entry in self.state.values()} | self.copy_assets() | {ROOT_PAGE}
        previous = read_manifest(self.site_dir) if incremental else None
        if previous is None:
            files = (path for path in self.site_dir.rglob("*") if path.is_file())
            present = {path.relative_to(self.site_dir).as_posix() for path in files}
        else:
            present = set(previous) | self.changed
        for name in sorted(present - expected - {MANIFEST, SIGNATURE}):
            (self.site_dir / name).unlink(missing_ok=True)
            self.removed.add(name)
            parent = (self.site_dir / name).parent
            while parent != self.site_dir and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        save_state(self.state_dir, self.state)
        manifest = write_manifest(self.site_dir, self.changed, self.removed, previous)
        return {
            "rendered": self.rendered,
            "changed": sorted(self.changed),
            "removed": sorted(self.removed),
            "files": len(manifest["files"]) + 2,
            "bytes": sum(item["size"] for item in manifest["files"].values()),
        }


def source_commit() -> str:
    commit = getattr(settings, "SOURCE_COMMIT", "")
    if commit:
        return commit
    import subprocess

    try:
        return subprocess.run(  # noqa: S603 - a fixed command, no shell
            ["git", "describe", "--always", "--dirty"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=5,
            cwd=settings.BASE_DIR,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(site_dir: Path) -> dict | None:
    """The files the last manifest listed ({name: {sha256, size}}), or None when there is none."""
    try:
        return json.loads((site_dir / MANIFEST).read_text())["files"]
    except (FileNotFoundError, ValueError, KeyError):
        return None


def write_manifest(site_dir: Path, changed: set[str], removed: set[str], previous: dict | None = None):
    """List every file with its SHA-256 and size, and sign it. With the last manifest's files
    (``previous``, an incremental export) only the changed files are read; otherwise the folder is
    walked, taking unchanged files of the same size from the last manifest."""
    if previous is not None:
        files = {name: known for name, known in previous.items() if name not in removed | changed}
        for name in changed - removed:
            path = site_dir / name
            files[name] = {"sha256": sha256_file(path), "size": path.stat().st_size}
    else:
        previous = read_manifest(site_dir) or {}
        files = {}
        for root, _dirs, names in os.walk(site_dir):
            for name in names:
                path = Path(root) / name
                relative = path.relative_to(site_dir).as_posix()
                if relative in (MANIFEST, SIGNATURE):
                    continue
                known = previous.get(relative)
                if known and relative not in changed and known["size"] == path.stat().st_size:
                    files[relative] = known
                else:
                    files[relative] = {"sha256": sha256_file(path), "size": path.stat().st_size}
    manifest = {
        "format": 1,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "source_commit": source_commit(),
        "public_key": signing.public_key_text(),
        "files": dict(sorted(files.items())),
    }
    data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"
    (site_dir / MANIFEST).write_bytes(data)
    import base64

    (site_dir / SIGNATURE).write_bytes(base64.b64encode(signing.sign(data)) + b"\n")
    return manifest
