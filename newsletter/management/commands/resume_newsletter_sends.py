from django.core.management.base import BaseCommand

from newsletter.sending import resume_all_sending


class Command(BaseCommand):
    help = (
        "Queue a sending run for every newsletter issue still sending that has none queued "
        "(every worker does this by itself when it starts and every few minutes)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Newsletter issues resumed: {resume_all_sending()}")
