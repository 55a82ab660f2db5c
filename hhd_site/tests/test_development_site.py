"""The README's first command serves the demo site on SQLite: every kind of page answers there too.

The rest of the suite runs on PostgreSQL; SQLite differs (e.g. it refuses ORDER BY inside
a UNION), so the development set-up is exercised once, end to end, in a subprocess.
"""

import pytest

from tests.fixtures import run_manage_py

pytestmark = pytest.mark.slow


URLS = [
    "/tk/",
    "/ru/",
    "/tr/",
    "/en/",
    "/ru/about/",
    "/ru/privacy/",
    "/ru/news/",
    "/ru/news/?type=statements",
    "/ru/news/?type=news&page=2",
    "/ru/news/svoboda-peredvizheniya/",
    "/ru/search/?q=паспорт",
    "/ru/feeds/news.rss",
    "/ru/feeds/news.atom",
    "/sitemap.xml",
    "/robots.txt",
]

CHECK = """
from django.test import Client
from news.models import Topic
client = Client()
urls = {urls!r}
topic = Topic.objects.filter(locale__language_code="ru").first()
urls += [f"/ru/news/?topic={{topic.slug}}", f"/ru/feeds/topic/{{topic.slug}}.rss"]
from django.contrib.auth import get_user_model
admin = get_user_model().objects.get(username="admin")
assert admin.is_superuser and admin.check_password("hhd-demo-admin")
# The demo's help flow works: the admin has a caseworker key that the published passphrase opens,
# the help page offers its form, and a request is sealed to that key and opens with it.
from types import SimpleNamespace
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from contact import services
from contact.factories import KEY_AAD, passphrase_key
from contact.models import CaseworkerKey, unb64
from contact.tests.conftest import open_case
key = CaseworkerKey.objects.get(user=admin, active=True)
wrapping = passphrase_key("hhd-demo-caseworker", unb64(key.passphrase_salt), key.passphrase_iterations)
pkcs8 = AESGCM(wrapping).decrypt(unb64(key.passphrase_nonce), unb64(key.wrapped_private_key), KEY_AAD)
material = SimpleNamespace(key=key, private_key=serialization.load_der_private_key(pkcs8, password=None))
help_page = client.get("/tk/help/", HTTP_HOST="127.0.0.1").content.decode()
assert 'class="form help-form"' in help_page and "help-unavailable" not in help_page
case = services.submit_help_request(services.HelpRequestSubmission(
    category="passport", urgent=False, location="Ankara", contact_channel="telegram",
    contact_value="@aman_t", language="tk", name="", account="Pasport.", consent_version="tk-0"))
assert open_case(case, material)["account"] == "Pasport."
for url in urls:
    response = client.get(url, HTTP_HOST="127.0.0.1")
    print(response.status_code, url)
"""


manage = run_manage_py


def test_the_demo_site_on_sqlite_serves_every_kind_of_page(migrated_sqlite):
    env = migrated_sqlite  # the migrations ran from scratch once this run (tests/fixtures.py)
    # As the first command (scripts/setup) runs them.
    for args in (("migrate", "--noinput", "-v0"), ("seed_demo",)):
        result = manage(env, *args)
        assert result.returncode == 0, result.stderr[-3000:]
    # A newcomer sees a short summary, not the build's log: what was made, the addresses (SITE_URL's
    # development default, which the first command serves), the demo admin (made on development's
    # SQLite file only) and where mail goes.
    console = result.stdout + result.stderr
    assert not [line for line in console.splitlines() if line.lstrip().startswith("{")]
    assert len(console.splitlines()) < 40
    summary = result.stdout
    for part in (
        "Demo site ready",
        "Campaign: Passport amnesty",
        "Site:  http://127.0.0.1:8000/",
        "Admin: http://127.0.0.1:8000/admin/",
        "Admin user: admin\n",
        "Password: hhd-demo-admin",
        "Mail: printed in the terminal that runs the server",
        "seed_demo -v 2",
    ):
        assert part in summary, part
    sign_in = summary.split("Sign in (development only):")[1].split("\n\n")[0]
    assert "Admin user: admin" in sign_in and "hhd-demo-admin" in sign_in
    assert "hhd-demo-caseworker" in sign_in  # the passphrase of the admin's demo caseworker key
    result = manage(env, "shell", "-v0", "-c", CHECK.format(urls=URLS))
    assert result.returncode == 0, result.stderr[-3000:]
    statuses = [line.split(" ", 1) for line in result.stdout.strip().splitlines()]
    assert len(statuses) == len(URLS) + 2
    assert [url for status, url in statuses if status != "200"] == []
