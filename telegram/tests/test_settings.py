"""The Telegram settings as production reads them: channels per language from the environment,
an https API, a token that looks like one, and never the token in what the check prints."""

import pytest

from hhd_site.tests.production import PRODUCTION_ENV, run_manage

TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"  # noqa: S105 - the shape of a real one, not one
PRINT_SETTINGS = (
    "from django.conf import settings; "
    "print(sorted(settings.TELEGRAM_CHANNELS.items()), settings.TELEGRAM_API_BASE_URL)"
)


def test_channels_are_read_per_language_and_the_api_defaults_to_telegrams():
    result = run_manage(
        {**PRODUCTION_ENV, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_CHANNELS": "tk=@hhd_tk, ru=@hhd_ru"},
        "shell",
        "-c",
        PRINT_SETTINGS,
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip().splitlines()[-1]
        == "[('ru', '@hhd_ru'), ('tk', '@hhd_tk')] https://api.telegram.org"
    )


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"TELEGRAM_API_BASE_URL": "http://api.telegram.org"}, "TELEGRAM_API_BASE_URL must be an https://"),
        ({"TELEGRAM_BOT_TOKEN": "not a token " + TOKEN}, "TELEGRAM_BOT_TOKEN must be the token"),
        ({"TELEGRAM_CHANNELS": "tm=@hhd_tm"}, "unknown: tm"),
    ],
)
def test_production_refuses_a_half_or_wrongly_configured_telegram_without_printing_the_token(
    overrides, complaint
):
    env = {**PRODUCTION_ENV, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_CHANNELS": "tk=@hhd_tk", **overrides}
    result = run_manage(env, "check")
    assert result.returncode != 0
    assert complaint in result.stderr
    assert TOKEN.split(":")[1] not in result.stderr + result.stdout


def test_production_starts_without_telegram():
    assert run_manage(PRODUCTION_ENV, "check").returncode == 0
