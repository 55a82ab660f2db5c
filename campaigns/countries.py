"""The countries a signer can choose: where Turkmen citizens live in numbers, and "another country".

A short list keeps the form quick on a phone; the counts by country go to the addressees.
"""

from django.utils.translation import gettext_lazy as _

COUNTRIES = [
    ("TR", _("Türkiye")),
    ("TM", _("Turkmenistan")),
    ("RU", _("Russia")),
    ("KZ", _("Kazakhstan")),
    ("UZ", _("Uzbekistan")),
    ("AZ", _("Azerbaijan")),
    ("GE", _("Georgia")),
    ("UA", _("Ukraine")),
    ("BY", _("Belarus")),
    ("PL", _("Poland")),
    ("DE", _("Germany")),
    ("NL", _("Netherlands")),
    ("FR", _("France")),
    ("GB", _("United Kingdom")),
    ("US", _("United States")),
    ("AE", _("United Arab Emirates")),
    ("CY", _("Northern Cyprus")),
    ("XX", _("Another country")),
]
DEFAULT_COUNTRY = "TR"
