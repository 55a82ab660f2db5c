"""Fill a development site with the demo content in Turkmen, Russian, Turkish and English.

Safe to run again: everything is looked up (by locale, slug, translation key or
title) and updated instead of being created twice. The texts live in
``home.demo_content`` (pages, illustrations) and ``news.demo_content`` (topics,
news articles, statements).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import override_settings
from wagtail.coreutils import find_available_slug
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from campaigns import demo_content as campaigns_content
from contact import demo_content as contact_content
from donations import demo_content as donations_content
from hhd_site.public_url import public_url, site_address
from home import demo_content
from home.demo_content import CallToAction, Figure, Heading, Paragraph, Quote
from home.models import HomePage, OrganisationDetails, StandardPage
from news import demo_content as news_content
from news.models import NewsIndexPage, NewsPage, StatementPage, Topic
from newsletter import demo_content as newsletter_content

# Each feature app builds its own demo pages from the DemoSite (homes, privacy pages,
# images by language) and returns lines for the report.
APP_DEMO_BUILDERS = [
    campaigns_content.build_demo,
    donations_content.build_demo,
    newsletter_content.build_demo,
    contact_content.build_demo,
]

DEFAULT_LANGUAGE = demo_content.LANGUAGE_CODES[0]  # Turkmen: the source of every translation
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "hhd-demo-admin"  # noqa: S105 -- a published demo password, development only
WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"


@dataclass
class DemoSite:
    """What the command built, by language code, for the next step and the closing report."""

    locales: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    homes: dict = field(default_factory=dict)
    abouts: dict = field(default_factory=dict)
    news_indexes: dict = field(default_factory=dict)
    privacies: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)  # language code -> {topic key: Topic}
    # (article or statement of news_content, {language code: its NewsPage or StatementPage}), in order
    articles: list = field(default_factory=list)
    site: Site | None = None

    def pages_of_article(self, article):
        """The pages of one article or statement of ``news_content``, by language code."""
        return next(pages for candidate, pages in self.articles if candidate is article)

    def pages_of(self, language):
        """The pages a call to action can point at, by the names used in ``demo_content``."""
        return {
            "home": self.homes[language],
            "about": self.abouts[language],
            "news": self.news_indexes[language],
            "privacy": self.privacies[language],
        }


class Command(BaseCommand):
    help = (
        "Build the demo pages, news, images and organisation details in Turkmen, Russian, Turkish and "
        "English, and a development admin account. Running it again updates instead of duplicating."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin",
            action="store_true",
            help="Do not create the development admin account.",
        )

    def handle(self, *args, no_admin=False, **options):
        if not no_admin and (refusal := demo_admin_refusal()):
            # A published password must never reach a database that could be production's:
            # refuse loudly rather than build the content and skip the account unnoticed.
            raise CommandError(
                f"seed_demo creates the demo admin ({ADMIN_USERNAME} / its published password) only "
                f"with the development settings on the embedded SQLite database; here {refusal} "
                f"({settings.SETTINGS_MODULE}). Add --no-admin to build only the demo content, and "
                "create a real administrator with manage.py create_admin <username>."
            )
        # Translations are copied with the Turkmen slug and then renamed; they were never
        # public under it, so Wagtail's automatic redirects from the old slug would be noise.
        with override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False), transaction.atomic():
            demo = DemoSite(locales=site_locales())
            demo.images = build_illustrations()
            demo.topics = build_topics(demo.locales)
            home = build_turkmen_home_page(demo.locales[DEFAULT_LANGUAGE])
            demo.site = make_turkmen_home_the_default_site_root(home)
            delete_wagtail_welcome_page(home)
            claim_home_slug(home)
            demo.homes = translations_of(home, demo.locales)
            build_section_pages(demo)
            delete_news_pages_that_became_statements(demo)
            build_news_articles(demo)
            publish_home_pages(demo)
            publish_section_pages(demo)
            publish_news_articles(demo)
            build_organisation_details(demo.locales)
            extra_reports = [line for build in APP_DEMO_BUILDERS for line in build(demo)]
        admin_report = create_demo_admin(no_admin=no_admin)
        for line in extra_reports:
            self.stdout.write(line)
        self.report(demo, admin_report)

    def report(self, demo, admin_report):
        """Print what was built and how to log in; these are the command's last lines."""
        write = self.stdout.write
        languages = ", ".join(demo.homes)
        article_count = len(news_content.NEWS_ARTICLES)
        statement_count = len(news_content.STATEMENTS)
        featured = news_content.FEATURED.texts["en"].title
        write(self.style.SUCCESS("Demo content is ready."))
        write(f"  Site: {demo.site.site_name} on {demo.site.hostname}:{demo.site.port}, root page in Turkmen")
        write(f"  Home pages: {languages}, featuring the statement {featured!r}")
        write(
            f"  In each language: About, News ({article_count} articles, {statement_count} statement), "
            "Privacy policy"
        )
        write(f"  Topics: {len(news_content.TOPICS)} in each language")
        write(f"  Images: {len(demo.images)} illustrations")
        write(f"  Organisation details: {len(demo.locales)} languages")
        for line in admin_report:
            write(line)


# --- Steps ---------------------------------------------------------------------


def site_locales():
    """The four site locales, which the home app's migration creates; Turkmen first."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    missing = [code for code in demo_content.LANGUAGE_CODES if code not in locales]
    if missing:
        raise CommandError(f"Locales missing, run `manage.py migrate` first: {', '.join(missing)}")
    return {code: locales[code] for code in demo_content.LANGUAGE_CODES}


def build_illustrations():
    """Draw the demo illustrations and store them as Wagtail images, reusing those found by title.

    An image whose file has gone missing from storage (a wiped media folder) is drawn again.
    """
    image_model = get_image_model()
    images = {}
    for key, illustration in demo_content.ILLUSTRATIONS.items():
        image = image_model.objects.filter(title=illustration.title).order_by("pk").first()
        if image is None or not image.file or not image.file.storage.exists(image.file.name):
            if image is None:
                image = image_model(title=illustration.title)
            else:
                image.renditions.all().delete()  # they were made from the lost file
            image.file = ContentFile(
                demo_content.render_illustration(illustration), name=illustration.filename
            )
            image._set_image_file_metadata()
            image.save()
        images[key] = image
    return images


def build_topics(locales):
    """Find or create each topic in Turkmen and its translations; return them by language and key.

    The translations share the Turkmen topic's translation key, so that pages and
    the news filter can show a topic in the visitor's language.
    """
    topics = {code: {} for code in locales}
    for key, texts in news_content.TOPICS.items():
        turkmen = locales[DEFAULT_LANGUAGE]
        source = Topic.objects.filter(locale=turkmen, slug=texts[DEFAULT_LANGUAGE].slug).first()
        if source is None:
            source = Topic(locale=turkmen)
        save_topic(source, texts[DEFAULT_LANGUAGE])
        for code, locale in locales.items():
            if code == DEFAULT_LANGUAGE:
                topics[code][key] = source
                continue
            text = texts[code]
            # An editor may have made the same topic without linking it: adopt it by its slug.
            translation = (
                source.get_translation_or_none(locale)
                or Topic.objects.filter(locale=locale, slug=text.slug).first()
                or source.copy_for_translation(locale)
            )
            translation.translation_key = source.translation_key
            topics[code][key] = save_topic(translation, text)
    return topics


def save_topic(topic, text):
    """Give the topic the name and slug of ``text``, saving it only if something changes."""
    if topic.pk is None or (topic.name, topic.slug) != (text.name, text.slug):
        topic.name = text.name
        topic.slug = text.slug
        topic.save()
    return topic


def build_turkmen_home_page(turkmen):
    """Find or create the Turkmen home page at the top of the page tree (under Root)."""
    home = HomePage.objects.filter(depth=2, locale=turkmen).order_by("path").first()
    if home is None:
        root = Page.get_first_root_node()
        text = demo_content.HOME_PAGE[DEFAULT_LANGUAGE]
        # Wagtail's welcome page may still hold the slug; claim_home_slug() takes it over.
        slug = find_available_slug(root, text.slug)
        home = HomePage(title=text.title, slug=slug, locale=turkmen, live=False)
        root.add_child(instance=home)
    return home


def make_turkmen_home_the_default_site_root(home):
    """Point the default Site (on the public address, SITE_URL) at the Turkmen home page."""
    # The localhost:80 record first: taking another one would clash with its unique host and port.
    site = (
        Site.objects.filter(hostname="localhost", port=80).first()
        or Site.objects.filter(is_default_site=True).first()
        or Site()
    )
    site.hostname, site.port = site_address()
    site.site_name = demo_content.ORGANISATION_NAME
    site.root_page = home
    site.is_default_site = True
    site.save()
    Site.objects.exclude(pk=site.pk).filter(is_default_site=True).update(is_default_site=False)
    return site


def delete_wagtail_welcome_page(home):
    """Delete the "Welcome to your new Wagtail site!" page that a fresh install starts with.

    Only a plain, childless Page at the top of the tree is taken for it; any Site
    still pointing at it is moved to the home page first, because deleting a
    site's root page would delete the Site too.
    """
    plain_page = ContentType.objects.get_for_model(Page)
    welcome_pages = Page.objects.filter(
        depth=2, numchild=0, content_type=plain_page, title=WELCOME_PAGE_TITLE
    )
    for welcome in welcome_pages:
        Site.objects.filter(root_page=welcome).update(root_page=home)
        welcome.delete()


def claim_home_slug(home):
    """Give the Turkmen home page the slug "home" once the welcome page no longer holds it.

    This comes before the translations are copied, whose slugs derive from it ("home-ru").
    """
    slug = demo_content.HOME_PAGE[DEFAULT_LANGUAGE].slug
    if home.slug != slug and find_available_slug(home.get_parent(), slug, ignore_page_id=home.pk) == slug:
        home.slug = slug
        home.save(update_fields=["slug", "url_path"])


def build_section_pages(demo):
    """Find or create About, News and Privacy under the Turkmen home page and their translations."""
    home = demo.homes[DEFAULT_LANGUAGE]
    for page_model, texts, attribute in (
        (StandardPage, demo_content.ABOUT_PAGE, "abouts"),
        (NewsIndexPage, demo_content.NEWS_INDEX_PAGE, "news_indexes"),
        (StandardPage, demo_content.PRIVACY_PAGE, "privacies"),
    ):
        page = child_page(home, page_model, texts[DEFAULT_LANGUAGE])
        setattr(demo, attribute, translations_of(page, demo.locales))


def delete_news_pages_that_became_statements(demo):
    """Delete, in every language, the news articles that are now statements.

    Earlier versions of this command made the passport-amnesty appeal a news
    article. A page cannot change its type, so those pages go (with their
    revisions) and ``build_news_articles`` creates the statement in their place,
    under the same slugs.
    """
    for statement in news_content.STATEMENTS:
        old_pages = NewsPage.objects.none()
        for code, news_index in demo.news_indexes.items():
            # A translation copied from the Turkmen page starts with the Turkmen slug.
            slugs = {statement.texts[code].slug, statement.texts[DEFAULT_LANGUAGE].slug}
            old_pages |= NewsPage.objects.child_of(news_index).filter(slug__in=slugs)
        keys = set(old_pages.values_list("translation_key", flat=True))
        for page in NewsPage.objects.filter(translation_key__in=keys):
            page.delete()


def build_news_articles(demo):
    """Find or create the articles and statements under the Turkmen news index, and their translations."""
    news_index = demo.news_indexes[DEFAULT_LANGUAGE]
    demo.articles = []
    for article in news_content.NEWS_ARTICLES + news_content.STATEMENTS:
        page_model = StatementPage if isinstance(article, news_content.Statement) else NewsPage
        page = child_page(news_index, page_model, article.texts[DEFAULT_LANGUAGE], date=article.date)
        demo.articles.append((article, translations_of(page, demo.locales)))


def publish_home_pages(demo):
    """Give each home page its title, intro, body and featured statement in its language, and publish it."""
    featured = demo.pages_of_article(news_content.FEATURED)
    for code, home in demo.homes.items():
        text = demo_content.HOME_PAGE[code]
        publish(
            home,
            title=text.title,
            intro=text.intro,
            body=stream_data(text.body, code, demo),
            featured_page=featured[code],
        )


def publish_section_pages(demo):
    """Fill About, News and Privacy in each language, show them in the menu, and publish them."""
    for code in demo.locales:
        for page, texts in (
            (demo.abouts[code], demo_content.ABOUT_PAGE),
            (demo.news_indexes[code], demo_content.NEWS_INDEX_PAGE),
            (demo.privacies[code], demo_content.PRIVACY_PAGE),
        ):
            text = texts[code]
            fields = {"title": text.title, "slug": text.slug, "intro": text.intro, "show_in_menus": True}
            if text.body:
                fields["body"] = stream_data(text.body, code, demo)
            publish(page, **fields)


def publish_news_articles(demo):
    """Fill each article and statement in each language and publish it.

    Each page gets its illustration with the alt text, its source line and the
    topics *of its own language*: a translation copied from the Turkmen page
    would otherwise keep pointing at the Turkmen topics.
    """
    for article, pages in demo.articles:
        illustration = demo_content.ILLUSTRATIONS[article.illustration]
        for code, page in pages.items():
            text = article.texts[code]
            fields = {
                "title": text.title,
                "slug": text.slug,
                "date": article.date,
                "summary": text.summary,
                "image": demo.images[article.illustration],
                "image_alt": illustration.alt_text[code],
                "source": news_content.SOURCES[article.source][code],
                "topics": [demo.topics[code][key] for key in article.topics],
                "body": stream_data(text.body, code, demo),
            }
            if isinstance(article, news_content.Statement):
                fields["addressee"] = article.addressee[code]
            publish(page, **fields)


def build_organisation_details(locales):
    """One OrganisationDetails per language, all sharing the Turkmen record's translation key."""
    source = OrganisationDetails.objects.filter(locale=locales[DEFAULT_LANGUAGE]).order_by("pk").first()
    if source is None:
        source = OrganisationDetails(locale=locales[DEFAULT_LANGUAGE])
    for code, locale in locales.items():
        if code == DEFAULT_LANGUAGE:
            details = source
        else:
            details = (
                OrganisationDetails.objects.filter(
                    translation_key=source.translation_key, locale=locale
                ).first()
                or OrganisationDetails.objects.filter(locale=locale).order_by("pk").first()
                or OrganisationDetails(locale=locale)
            )
            details.translation_key = source.translation_key
        text = demo_content.ORGANISATION[code]
        details.name = demo_content.ORGANISATION_NAME
        details.tagline = text.tagline
        details.address = text.address
        details.email = demo_content.EMAIL
        details.youtube_handle = demo_content.YOUTUBE_HANDLE
        details.tiktok_handle = demo_content.TIKTOK_HANDLE
        details.save()


def demo_admin_refusal() -> str:
    """Why the demo admin may not be made here, or "" when it may.

    Its password is published (README), so it exists only in development settings on the
    embedded SQLite database: a database that DATABASE_URL names may be shared or become
    production, and production settings must never hold an account anyone can sign in to.
    """
    if not getattr(settings, "HHD_DEMO_ADMIN_ALLOWED", False):
        return "these are not the development settings (HHD_DEMO_ADMIN_ALLOWED is off)"
    if connection.vendor != "sqlite":
        return f"the database is {connection.vendor}, not the embedded SQLite file of development"
    return ""


def create_demo_admin(no_admin):
    """Create the development superuser (the command checked demo_admin_refusal); return the lines to report.

    An existing account is left as it is.
    """
    if no_admin:
        return ["  Admin user: not created (--no-admin)."]
    user_model = get_user_model()
    admin_url = public_url("/admin/")
    if user_model.objects.filter(username=ADMIN_USERNAME).exists():
        return [f"  Admin user: {ADMIN_USERNAME!r} exists already, left unchanged.", f"  Admin: {admin_url}"]
    user_model.objects.create_superuser(username=ADMIN_USERNAME, email="", password=ADMIN_PASSWORD)
    return [
        f"  Admin: {admin_url}",
        f"  Username: {ADMIN_USERNAME}",
        f"  Password: {ADMIN_PASSWORD}  (development only)",
    ]


# --- Building blocks of the steps ------------------------------------------------


def child_page(parent, page_model, text, **fields):
    """The child of ``parent`` with the text's slug, created as a draft if it is not there yet."""
    page = page_model.objects.child_of(parent).filter(slug=text.slug).first()
    if page is None:
        page = page_model(title=text.title, slug=text.slug, live=False, **fields)
        parent.add_child(instance=page)
    return page


def translations_of(page, locales):
    """The page in every locale, by language code; missing translations are copied from it.

    ``copy_for_translation`` keeps the translation key, so Wagtail and the
    language switcher know the copies are the same page; their own texts are
    set when they are published.
    """
    pages = {}
    for code, locale in locales.items():
        if page.locale_id == locale.pk:
            pages[code] = page
            continue
        translation = page.get_translation_or_none(locale)
        if translation is None:
            translation = page.copy_for_translation(locale, copy_parents=True)
        pages[code] = translation.specific
    return pages


def publish(page, **fields):
    """Set the fields on a fresh copy of the page, save a revision and publish it.

    A live page that already shows these values is left alone, so that running
    the command again adds no revisions to the page history.
    """
    page = type(page).objects.get(pk=page.pk)
    if page.live and not page.has_unpublished_changes and shows_values(page, fields):
        return page
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def shows_values(page, fields):
    """Whether the page's fields already hold these values.

    StreamFields are compared as raw data, foreign keys by id (a specific page
    and its plain ``Page`` are the same page) and many-to-many fields as sets.
    """
    for name, value in fields.items():
        field = page._meta.get_field(name)
        if field.many_to_many:
            current, value = {item.pk for item in getattr(page, name).all()}, {item.pk for item in value}
        elif field.many_to_one:
            current, value = getattr(page, field.attname), (value.pk if value is not None else None)
        elif isinstance(field, StreamField):
            current = [
                {"type": block["type"], "value": block["value"]}
                for block in getattr(page, name).get_prep_value()
            ]
        else:
            current = getattr(page, name)
        if current != value:
            return False
    return True


def stream_data(blocks, language, demo):
    """The StreamField data for the body blocks described in ``demo_content``, in one language."""
    pages = demo.pages_of(language)
    data = []
    for block in blocks:
        if isinstance(block, Heading):
            data.append({"type": "heading", "value": {"text": block.text, "level": block.level}})
        elif isinstance(block, Paragraph):
            data.append({"type": "paragraph", "value": block.html})
        elif isinstance(block, Quote):
            data.append({"type": "quote", "value": {"quote": block.text, "attribution": block.attribution}})
        elif isinstance(block, Figure):
            illustration = demo_content.ILLUSTRATIONS[block.illustration]
            value = {
                "image": demo.images[block.illustration].pk,
                "alt_text": illustration.alt_text[language],
                "caption": block.caption,
            }
            data.append({"type": "image", "value": value})
        elif isinstance(block, CallToAction):
            value = {"label": block.label, "page": pages[block.target].pk, "url": ""}
            data.append({"type": "call_to_action", "value": value})
        else:
            raise TypeError(f"No StreamField block for {block!r}")
    return data
