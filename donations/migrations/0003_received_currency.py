"""Record the currency a transfer arrived in, beside its amount.

Transfers recorded before this were taken to be in the pledged currency, so that is
what the existing received pledges get.
"""

from decimal import Decimal

import django.core.validators
from django.db import migrations, models
from django.db.models import F, Q


def received_in_pledged_currency(apps, schema_editor):
    Pledge = apps.get_model("donations", "Pledge")
    Pledge.objects.filter(received_amount__isnull=False, received_currency="").update(
        received_currency=F("currency")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("donations", "0002_editor_help_texts"),
    ]

    operations = [
        migrations.AddField(
            model_name="pledge",
            name="received_currency",
            field=models.CharField(
                blank=True,
                help_text="The currency the transfer arrived in (ISO code, e.g. TRY); the pledged one when left empty.",
                max_length=3,
                verbose_name="currency received",
            ),
        ),
        migrations.AlterField(
            model_name="pledge",
            name="received_amount",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="The amount the bank statement shows, in the currency it arrived in.",
                max_digits=12,
                null=True,
                validators=[django.core.validators.MinValueValidator(Decimal("0.01"))],
                verbose_name="amount received",
            ),
        ),
        migrations.RunPython(received_in_pledged_currency, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="pledge",
            name="donations_pledge_received_has_amount_and_date",
        ),
        migrations.AddConstraint(
            model_name="pledge",
            constraint=models.CheckConstraint(
                condition=~Q(status="received")
                | (Q(received_amount__isnull=False, received_on__isnull=False) & ~Q(received_currency="")),
                name="donations_pledge_received_has_amount_currency_and_date",
            ),
        ),
    ]
