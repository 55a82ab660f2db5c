"""The demo caseworker key: development only, so that a newcomer sees the whole help flow.

The help form takes a request only when it can seal it to a caseworker's key (contact.services);
without one the help page says so and offers the organisation's other channels. A caseworker
makes their key in the browser and only they know its passphrase. The demo admin gets a key made
the same way (contact.factories.make_caseworker_key) under a published passphrase, so that the
demo's help form works and its requests open in the admin's inbox. seed_demo makes it only where it
may make the demo admin (development settings on the SQLite file).
"""

from contact.factories import make_caseworker_key
from contact.models import CaseworkerKey

DEMO_CASEWORKER_PASSPHRASE = "hhd-demo-caseworker"  # noqa: S105 -- published, development only


def register_demo_caseworker_key(user) -> list[str]:
    """Give ``user`` a caseworker key under the published passphrase unless they have one;
    return the lines for the command's report."""
    if CaseworkerKey.objects.filter(user=user, active=True).exists():
        return [
            f"  Caseworker key of {user.get_username()!r}: exists already, left unchanged (passphrase "
            f"{DEMO_CASEWORKER_PASSPHRASE} unless it was changed)"
        ]
    make_caseworker_key(user, passphrase=DEMO_CASEWORKER_PASSPHRASE)
    return [
        f"  Caseworker key of {user.get_username()!r}: passphrase {DEMO_CASEWORKER_PASSPHRASE}  "
        "(development only; opens the demo's help requests under Help requests)"
    ]
