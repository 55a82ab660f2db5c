import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mirrors import services
from mirrors.builder import Builder
from mirrors.export import Flavour


class Command(BaseCommand):
    help = (
        "Write a complete static copy of the public site in every language and sign its manifest. "
        "With --out, into that folder only; without, into MIRROR_EXPORT_ROOT and publish to every "
        "origin of MIRROR_ORIGINS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", help="Write the copy into this folder (nothing is published).")
        parser.add_argument(
            "--onion", action="store_true", help="With --out: the onion copy (no other host)."
        )

    def handle(self, *args, out=None, onion=False, **options):
        if out:
            flavour = Flavour.onion() if onion else Flavour.clearnet()
            with tempfile.TemporaryDirectory() as state:
                result = Builder(Path(out), Path(state), flavour).export_everything()
            self.stdout.write(f"{result['files']} files, {result['bytes']} bytes in {out}")
            return
        if not services.enabled():
            raise CommandError("MIRROR_EXPORT_ROOT is not set: give --out DIR or configure the mirrors.")
        for name, result in services.export_everything().items():
            self.stdout.write(f"{name}: {result['files']} files, {result['bytes']} bytes")
