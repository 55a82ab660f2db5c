from django.core.management.base import BaseCommand

from safety.encryption import rotate_all


class Command(BaseCommand):
    help = (
        "Re-encrypt every personal field with the first key of FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, run this, then remove the old key."
    )

    def handle(self, *args, **options):
        rows = rotate_all()
        self.stdout.write(f"Re-encrypted {rows} rows with the current key.")
