import binascii

from django.core.management.base import BaseCommand, CommandError

from mirrors import signing, verification


class Command(BaseCommand):
    help = "Check a copy of the site against its signed manifest (the whole tree, or one page)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--page", help="Only this page, e.g. tk/news/ or tk/news/index.html.")
        parser.add_argument("--key", help="The public key (base64); the configured key's by default.")

    def handle(self, *args, directory, page=None, key=None, **options):
        try:
            public_key = verification.decode_key(key) if key else signing.public_key_bytes()
        except (binascii.Error, ValueError) as error:
            raise CommandError("The key is not a base64 Ed25519 public key.") from error
        problems = verification.verify_copy(directory, public_key, page)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"The copy does not match its signed manifest ({len(problems)} problem(s)).")
        self.stdout.write("OK: the copy matches its signed manifest.")
