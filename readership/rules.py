"""Which requests to /count/ are counted: simple rules, documented in README "Reading counts".

A request is not counted when
* its method is HEAD (or anything but POST from the script and GET from the <noscript> image);
* it has no User-Agent, or one that names a robot (``BOT_PATTERN``: "bot", "crawl", "spider",
  "slurp", "preview", "lighthouse", command-line HTTP clients and libraries...);
* it is a prefetch or prerender: ``Sec-Purpose`` or ``Purpose`` contains "prefetch" or
  "prerender", or ``X-Moz`` / ``X-Purpose`` says "prefetch"/"preview";
* the browser says it comes from another site (``Sec-Fetch-Site`` other than "same-origin"
  or "none"): another site cannot inflate the counts by embedding the image or the beacon;
* the language is not one of LANGUAGES, or the page id is not a number (a page id that matches
  no page is dropped by the worker).
The headers are read and forgotten: none is stored, logged or hashed.
"""

import re

from django.conf import settings

PATH = re.compile(r"^/count/(?P<page>[1-9][0-9]{0,9})/(?P<language>[a-z]{2,3}(?:-[a-z0-9]{2,8})?)/$")
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|preview|lighthouse|pagespeed|monitor|archiver|facebookexternalhit"
    r"|curl|wget|python|httpx|aiohttp|go-http-client|java/|okhttp|libwww|scrapy",
    re.IGNORECASE,
)
PREFETCH_PATTERN = re.compile(r"prefetch|prerender|preview", re.IGNORECASE)


def parse_path(path):
    """``(page_id, language)`` for a counting address, else None (a known language only)."""
    match = PATH.match(path)
    if not match:
        return None
    language = match["language"]
    if language not in {code for code, _name in settings.LANGUAGES}:
        return None
    return int(match["page"]), language


def is_countable(request):
    """True when this view is a person reading the page (the rules above)."""
    if request.method not in ("GET", "POST"):
        return False
    agent = request.headers.get("User-Agent", "")
    if not agent or BOT_PATTERN.search(agent):
        return False
    for header in ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz"):
        if PREFETCH_PATTERN.search(request.headers.get(header, "")):
            return False
    return request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")
