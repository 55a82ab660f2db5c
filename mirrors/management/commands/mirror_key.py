from django.core.management.base import BaseCommand

from mirrors import signing


class Command(BaseCommand):
    help = (
        "Make a new Ed25519 key for signing mirror manifests (put it in MIRROR_SIGNING_KEY), "
        "or with --show print the configured key's public half and fingerprint."
    )

    def add_arguments(self, parser):
        parser.add_argument("--show", action="store_true", help="Show the configured key's public half.")

    def handle(self, *args, show=False, **options):
        if show:
            self.stdout.write(f"Public key:  {signing.public_key_text()}")
            self.stdout.write(f"Fingerprint: {signing.fingerprint()}")
            return
        private = signing.generate_private_key()
        self.stdout.write(f"MIRROR_SIGNING_KEY={private}")
        self.stderr.write(
            "Keep this line only in the server's environment. Readers check copies with the public "
            "key that `manage.py mirror_key --show` prints once it is set."
        )
