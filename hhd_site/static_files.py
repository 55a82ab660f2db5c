"""Static files as WhiteNoise serves them, minus the manifest.

``staticfiles.json`` (written by collectstatic's manifest storage) lists every static file and
its hashed name: an inventory of the site's code for whoever asks, and nothing a browser needs
(pages link the hashed names directly). It stays on disk for Django; it is just not served.
"""

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware

MANIFEST_NAME = "staticfiles.json"


def is_manifest(url: str) -> bool:
    return url == settings.STATIC_URL + MANIFEST_NAME


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, with the manifest left out of the files it serves."""

    def add_file_to_dictionary(self, url, path, stat_cache=None):
        if not is_manifest(url):
            super().add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def find_file(self, url):
        return None if is_manifest(url) else super().find_file(url)
