"""Details meant for operators are not told to the public."""

import pytest

from hhd_site.static_files import StaticFilesMiddleware


@pytest.mark.django_db
def test_public_pages_do_not_say_whether_they_came_from_the_cache(client, site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_STATUS_HEADER = False  # the production default
    first, second = client.get("/tk/"), client.get("/tk/")
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_the_static_files_manifest_is_not_served_but_the_files_are(tmp_path, settings):
    """staticfiles.json lists every static file: an inventory for whoever asks."""
    (tmp_path / "staticfiles.json").write_text('{"paths": {}}')
    (tmp_path / "site.css").write_text("body{}")
    settings.STATIC_ROOT = tmp_path
    for autorefresh in (False, True):  # production (files read at start) and development
        settings.WHITENOISE_AUTOREFRESH = autorefresh
        settings.WHITENOISE_USE_FINDERS = False
        middleware = StaticFilesMiddleware(lambda request: None)
        if autorefresh:
            assert middleware.find_file("/static/staticfiles.json") is None
            assert middleware.find_file("/static/site.css") is not None
        else:
            assert "/static/staticfiles.json" not in middleware.files
            assert "/static/site.css" in middleware.files
