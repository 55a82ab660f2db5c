from django.core.management.base import BaseCommand

from safety.retention import apply_retention


class Command(BaseCommand):
    help = "Delete expired unconfirmed records and anonymise records past their retention period."

    def handle(self, *args, **options):
        for name, count in apply_retention().items():
            self.stdout.write(f"{name}: {count}")
