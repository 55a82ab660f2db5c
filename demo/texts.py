"""The demo texts, read from the YAML files in ``demo/content/`` (see its README).

Each page has a folder there: ``<language>.yaml`` holds its texts in that language and
``common.yaml`` what every language shares. This module turns them into the small frozen
dataclasses below, which ``demo.building`` turns into pages, snippets and images.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

CONTENT = Path(__file__).resolve().parent / "content"


# --- Body blocks ---------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    level: str = "h2"


@dataclass(frozen=True)
class Paragraph:
    html: str  # as Wagtail's rich text stores it


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str


@dataclass(frozen=True)
class Figure:
    illustration: str  # a key of ILLUSTRATIONS, whose alt text the figure takes
    caption: str


@dataclass(frozen=True)
class CallToAction:
    label: str
    target: str  # "home", "about", "news" or "privacy" of the same language


# --- Texts of one page in one language -------------------------------------------------


@dataclass(frozen=True)
class PageText:
    title: str
    slug: str
    intro: str
    body: tuple = ()


@dataclass(frozen=True)
class OrganisationText:
    tagline: str
    address: str


@dataclass(frozen=True)
class TopicText:
    name: str
    slug: str  # plain ASCII, unique per language


@dataclass(frozen=True)
class ArticleText:
    title: str
    slug: str
    summary: str
    body: tuple


@dataclass(frozen=True)
class NewsArticle:
    key: str
    date: datetime.date
    illustration: str
    topics: tuple  # keys of TOPICS
    source: str  # a key of SOURCES
    texts: dict  # language code -> ArticleText


@dataclass(frozen=True)
class Statement(NewsArticle):
    addressee: dict  # language code -> "To ..."


@dataclass(frozen=True)
class Illustration:
    """An abstract picture drawn by ``demo.illustrations``, found again by its title."""

    title: str
    filename: str
    motif: str
    start_colour: tuple
    end_colour: tuple
    word: str
    alt_text: dict  # language code -> what the picture shows


@dataclass(frozen=True)
class CampaignText:
    title: str
    slug: str
    lead: str
    addressee: str
    appeal: str
    email_subject: str
    update: str


@dataclass(frozen=True)
class ContactText:
    title: str
    intro: str
    safety_warning: str
    thank_you: str
    slug: str = "contact"


@dataclass(frozen=True)
class HelpText:
    title: str
    intro: str
    safety_warning: str
    next_steps: str
    slug: str = "help"


@dataclass(frozen=True)
class DonationText:
    title: str
    slug: str
    intro: str
    body: str  # rich text of one paragraph
    impact: tuple  # what each of IMPACT_AMOUNTS can help with
    thank_you: str


@dataclass(frozen=True)
class NewsletterText:
    title: str
    intro: str
    issue_subject: str  # of the draft issue
    issue_intro: str
    slug: str = "newsletter"  # the app's own URLs live beneath /<language>/newsletter/


@dataclass(frozen=True)
class MirrorsText:
    title: str
    intro: str
    notes: tuple  # of the addresses in mirrors/common.yaml, by position
    slug: str = "mirrors"


# --- Reading the files ---------------------------------------------------------------------


def read(*parts):
    """One YAML file of ``demo/content``."""
    import yaml  # development requirement only: the production image seeds no demo

    with (CONTENT.joinpath(*parts)).open(encoding="utf-8") as file:
        return yaml.safe_load(file)


SITE = read("site.yaml")
LANGUAGE_CODES = tuple(SITE["languages"])
DEFAULT_LANGUAGE = LANGUAGE_CODES[0]  # Turkmen: the source of every translation


def per_language(folder, make):
    """``make(<the folder's language file>)`` for every language, by language code."""
    return {code: make(read(folder, f"{code}.yaml")) for code in LANGUAGE_CODES}


def blocks(items):
    """Body blocks from their YAML form: a list of one-key mappings such as ``{heading: ...}``."""
    made = []
    for item in items or ():
        ((kind, value),) = item.items()
        if kind == "heading":
            made.append(Heading(value) if isinstance(value, str) else Heading(**value))
        elif kind == "paragraph":
            made.append(Paragraph(value))
        elif kind == "quote":
            made.append(Quote(**value))
        elif kind == "figure":
            made.append(Figure(**value))
        elif kind == "button":
            made.append(CallToAction(**value))
        else:
            raise ValueError(f"Unknown body block {kind!r} in demo/content")
    return tuple(made)


def page_texts(folder):
    return per_language(folder, lambda data: PageText(**{**data, "body": blocks(data.get("body"))}))


def article(key, kind):
    common = read("news", key, "common.yaml")
    files = {code: read("news", key, f"{code}.yaml") for code in LANGUAGE_CODES}
    texts = {
        code: ArticleText(data["title"], data["slug"], data["summary"], blocks(data["body"]))
        for code, data in files.items()
    }
    fields = {
        "key": key,
        "date": common["date"],
        "illustration": common["illustration"],
        "topics": tuple(common["topics"]),
        "source": common["source"],
        "texts": texts,
    }
    if kind == "statement":
        return Statement(**fields, addressee={code: data["addressee"] for code, data in files.items()})
    return NewsArticle(**fields)


@cache
def organisation_common():
    return read("organisation", "common.yaml")


ORGANISATION_NAME = organisation_common()["name"]
EMAIL = organisation_common()["email"]
YOUTUBE_HANDLE = organisation_common()["youtube_handle"]
TIKTOK_HANDLE = organisation_common()["tiktok_handle"]
ORGANISATION = per_language("organisation", lambda data: OrganisationText(**data))

HOME_PAGE = page_texts("home")
ABOUT_PAGE = page_texts("about")
NEWS_INDEX_PAGE = page_texts("news-index")
PRIVACY_PAGE = page_texts("privacy")

_drawings = read("illustrations", "common.yaml")
_alt_texts = {code: read("illustrations", f"{code}.yaml") for code in LANGUAGE_CODES}
ILLUSTRATIONS = {
    key: Illustration(
        **{
            **drawing,
            "start_colour": tuple(drawing["start_colour"]),
            "end_colour": tuple(drawing["end_colour"]),
        },
        alt_text={code: _alt_texts[code][key] for code in LANGUAGE_CODES},
    )
    for key, drawing in _drawings.items()
}

_topics = {code: read("topics", f"{code}.yaml") for code in LANGUAGE_CODES}
TOPICS = {  # the Turkmen topic is the source of each translation
    key: {code: TopicText(**_topics[code][key]) for code in LANGUAGE_CODES}
    for key in _topics[DEFAULT_LANGUAGE]
}
_sources = {code: read("sources", f"{code}.yaml") for code in LANGUAGE_CODES}
SOURCES = {key: {code: _sources[code][key] for code in LANGUAGE_CODES} for key in _sources[DEFAULT_LANGUAGE]}

# Oldest first, as the pages are created.
NEWS_ARTICLES = tuple(article(key, "news") for key in SITE["news"])
STATEMENTS = tuple(article(key, "statement") for key in SITE["statements"])
ARTICLES = {article.key: article for article in NEWS_ARTICLES + STATEMENTS}
FEATURED = ARTICLES[SITE["featured"]]  # at the top of every home page
FOUNDING_ARTICLE = ARTICLES["founding"]
PASSPORT_AMNESTY_STATEMENT = ARTICLES["passport-amnesty"]

CAMPAIGN = read("campaign", "common.yaml")  # goal, the appeal's date, the statement it belongs to
PASSPORT_AMNESTY = per_language("campaign", lambda data: CampaignText(**data))

CONTACT_PAGE = per_language("contact", lambda data: ContactText(**data))
HELP_PAGE = per_language("help", lambda data: HelpText(**data))

DONATION = read("donation", "common.yaml")  # accounts, suggested amounts, goal
IMPACT_AMOUNTS = tuple(Decimal(amount) for amount in DONATION["impact_amounts"])
DONATION_PAGE = per_language(
    "donation", lambda data: DonationText(**{**data, "impact": tuple(data["impact"])})
)

NEWSLETTER_PAGE = per_language("newsletter", lambda data: NewsletterText(**data))
DRAFT_ISSUE = {code: (text.issue_subject, text.issue_intro) for code, text in NEWSLETTER_PAGE.items()}

MIRROR_ADDRESSES = tuple(read("mirrors", "common.yaml")["addresses"])  # address and kind
MIRRORS_PAGE = per_language("mirrors", lambda data: MirrorsText(**{**data, "notes": tuple(data["notes"])}))
