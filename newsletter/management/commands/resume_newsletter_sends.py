from django.core.management.base import BaseCommand

from newsletter.sending import resume_all_sending


class Command(BaseCommand):
    help = "Queue a sending run for every newsletter issue still sending (the worker runs this at start)."

    def handle(self, *args, **options):
        self.stdout.write(f"Newsletter issues resumed: {resume_all_sending()}")
