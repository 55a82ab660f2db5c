#!/usr/bin/env python3
"""Check a downloaded copy of the HHD website against its signed manifest.

Standalone: Python's standard library and ``cryptography`` only, no Django, so that readers and
partners can run it on a copy they fetched:

    python verification.py DIR --key <base64 public key> [--page tk/news/index.html]

The public key is on the About page, the mirrors page and in the README; compare its fingerprint.
A copy passes when ``manifest.json`` carries a valid Ed25519 signature by that key
(``manifest.json.sig``) and every file matches the manifest: no changed byte, no missing file, no
file the manifest does not list. With ``--page``, only that page's file is checked (with the
manifest's signature). Exit status 0: verified; 1: not.
"""

import argparse
import base64
import binascii
import hashlib
import json
import os
import sys
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.sig"


def fingerprint(public_key: bytes) -> str:
    digest = hashlib.sha256(public_key).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4)).upper()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def page_file(page: str) -> str:
    """``tk/news/`` or ``/tk/news/`` → ``tk/news/index.html``."""
    name = page.strip().lstrip("/")
    if not name or name.endswith("/"):
        name += "index.html"
    return name


def verify_copy(directory, public_key: bytes, page: str | None = None) -> list[str]:
    """The problems found in the copy at ``directory`` (an empty list: verified)."""
    root = Path(directory)
    try:
        data = (root / MANIFEST).read_bytes()
        signature = base64.b64decode((root / SIGNATURE).read_bytes().strip(), validate=True)
    except FileNotFoundError as error:
        return [f"missing: {Path(error.filename).name}"]
    except binascii.Error:
        return ["the signature file is not base64"]
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return ["the manifest's signature is not valid for this key"]
    try:
        files = json.loads(data)["files"]
    except (ValueError, KeyError):
        return ["the manifest cannot be read"]
    names = [page_file(page)] if page else sorted(files)
    problems = []
    for name in names:
        item = files.get(name)
        path = root / name
        if item is None:
            problems.append(f"not in the manifest: {name}")
        elif not path.is_file():
            problems.append(f"missing: {name}")
        elif path.stat().st_size != item["size"] or sha256_file(path) != item["sha256"]:
            problems.append(f"changed: {name}")
    if page is None:
        for folder, _dirs, found in os.walk(root):
            for file in found:
                name = (Path(folder) / file).relative_to(root).as_posix()
                if name not in files and name not in (MANIFEST, SIGNATURE):
                    problems.append(f"not in the manifest: {name}")
    return problems


def decode_key(text: str) -> bytes:
    key = base64.b64decode(text.strip(), validate=True)
    if len(key) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return key


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Verify a copy of the HHD website against its signed manifest."
    )
    parser.add_argument("directory", help="the folder of the copy (where manifest.json is)")
    parser.add_argument(
        "--key", required=True, help="the public key (base64), from the About page or the README"
    )
    parser.add_argument("--page", help="check only this page, e.g. tk/news/ or tk/news/index.html")
    arguments = parser.parse_args(argv)
    try:
        key = decode_key(arguments.key)
    except (binascii.Error, ValueError):
        print("The key is not a base64 Ed25519 public key.", file=sys.stderr)
        return 2
    problems = verify_copy(arguments.directory, key, arguments.page)
    print(f"Key fingerprint: {fingerprint(key)}")
    if problems:
        for problem in problems:
            print(f"FAIL {problem}")
        return 1
    print("OK: the copy matches its signed manifest." if not arguments.page else "OK: the page matches.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
