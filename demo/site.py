"""The demo site's own steps: locales, images, topics, home, About, News, Privacy, articles, details.

Everything is looked up (by locale, slug, translation key or title) before it is created,
so a second run updates instead of duplicating.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from hhd_site.public_url import site_address
from home.models import HomePage, OrganisationDetails, StandardPage
from news.models import NewsIndexPage, NewsPage, StatementPage, Topic

from . import features, texts
from .building import DEFAULT_LANGUAGE, DemoSite, child_page, publish, stream_data, translations_of
from .illustrations import render_illustration

WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"


def build_site():
    """Build or update the whole demo; return it and the feature apps' lines for the report."""
    demo = DemoSite(locales=site_locales())
    demo.images = build_illustrations()
    demo.topics = build_topics(demo.locales)
    home = build_turkmen_home_page(demo.locales[DEFAULT_LANGUAGE])
    demo.site = make_turkmen_home_the_default_site_root(home)
    delete_wagtail_welcome_page(home)
    claim_home_slug(home)
    demo.homes = translations_of(home, demo.locales)
    build_section_pages(demo)
    build_news_articles(demo)
    publish_home_pages(demo)
    publish_section_pages(demo)
    publish_news_articles(demo)
    build_organisation_details(demo.locales)
    report = [line for build in features.BUILDERS for line in build(demo)]
    return demo, report


def site_locales():
    """The four site locales, which the home app's migration creates; Turkmen first."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    missing = [code for code in texts.LANGUAGE_CODES if code not in locales]
    if missing:
        raise CommandError(f"Locales missing, run `manage.py migrate` first: {', '.join(missing)}")
    return {code: locales[code] for code in texts.LANGUAGE_CODES}


def build_illustrations():
    """Draw the illustrations into Wagtail images found by title; redraw one whose file is gone."""
    image_model = get_image_model()
    images = {}
    for key, illustration in texts.ILLUSTRATIONS.items():
        image = image_model.objects.filter(title=illustration.title).order_by("pk").first()
        if image is None or not image.file or not image.file.storage.exists(image.file.name):
            if image is None:
                image = image_model(title=illustration.title)
            else:
                image.renditions.all().delete()  # they were made from the lost file
            image.file = ContentFile(render_illustration(illustration), name=illustration.filename)
            image._set_image_file_metadata()
            image.save()
        images[key] = image
    return images


def build_topics(locales):
    """Each topic in Turkmen and its translations (one translation key), by language and key."""
    topics = {code: {} for code in locales}
    for key, names in texts.TOPICS.items():
        turkmen = locales[DEFAULT_LANGUAGE]
        source = Topic.objects.filter(locale=turkmen, slug=names[DEFAULT_LANGUAGE].slug).first()
        if source is None:
            source = Topic(locale=turkmen)
        save_topic(source, names[DEFAULT_LANGUAGE])
        for code, locale in locales.items():
            if code == DEFAULT_LANGUAGE:
                topics[code][key] = source
                continue
            text = names[code]
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
        text = texts.HOME_PAGE[DEFAULT_LANGUAGE]
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
    site.site_name = texts.ORGANISATION_NAME
    site.root_page = home
    site.is_default_site = True
    site.save()
    Site.objects.exclude(pk=site.pk).filter(is_default_site=True).update(is_default_site=False)
    return site


def delete_wagtail_welcome_page(home):
    """Delete the welcome page a fresh install starts with: a plain, childless Page at the top.

    A Site still pointing at it moves to the home page first (deleting a site's root deletes the Site).
    """
    plain_page = ContentType.objects.get_for_model(Page)
    welcome_pages = Page.objects.filter(
        depth=2, numchild=0, content_type=plain_page, title=WELCOME_PAGE_TITLE
    )
    for welcome in welcome_pages:
        Site.objects.filter(root_page=welcome).update(root_page=home)
        welcome.delete()


def claim_home_slug(home):
    """Give the Turkmen home page its slug once the welcome page no longer holds it.

    Before the translations are copied, whose slugs derive from it ("home-ru").
    """
    slug = texts.HOME_PAGE[DEFAULT_LANGUAGE].slug
    if home.slug != slug and find_available_slug(home.get_parent(), slug, ignore_page_id=home.pk) == slug:
        home.slug = slug
        home.save(update_fields=["slug", "url_path"])


def build_section_pages(demo):
    """Find or create About, News and Privacy under the Turkmen home page and their translations."""
    home = demo.homes[DEFAULT_LANGUAGE]
    for page_model, page_texts, attribute in (
        (StandardPage, texts.ABOUT_PAGE, "abouts"),
        (NewsIndexPage, texts.NEWS_INDEX_PAGE, "news_indexes"),
        (StandardPage, texts.PRIVACY_PAGE, "privacies"),
    ):
        page = child_page(home, page_model, page_texts[DEFAULT_LANGUAGE])
        setattr(demo, attribute, translations_of(page, demo.locales))


def build_news_articles(demo):
    """Find or create the articles and statements under the Turkmen news index, and their translations."""
    news_index = demo.news_indexes[DEFAULT_LANGUAGE]
    demo.articles = {}
    for article in texts.NEWS_ARTICLES + texts.STATEMENTS:
        page_model = StatementPage if isinstance(article, texts.Statement) else NewsPage
        page = child_page(news_index, page_model, article.texts[DEFAULT_LANGUAGE], date=article.date)
        demo.articles[article.key] = translations_of(page, demo.locales)


def publish_home_pages(demo):
    """Give each home page its texts and the featured statement in its language, and publish it."""
    featured = demo.articles[texts.FEATURED.key]
    for code, home in demo.homes.items():
        text = texts.HOME_PAGE[code]
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
        for page, page_texts in (
            (demo.abouts[code], texts.ABOUT_PAGE),
            (demo.news_indexes[code], texts.NEWS_INDEX_PAGE),
            (demo.privacies[code], texts.PRIVACY_PAGE),
        ):
            text = page_texts[code]
            fields = {"title": text.title, "slug": text.slug, "intro": text.intro, "show_in_menus": True}
            if text.body:
                fields["body"] = stream_data(text.body, code, demo)
            publish(page, **fields)


def publish_news_articles(demo):
    """Fill and publish each article and statement in each language.

    Topics are those of the page's own language: a copy of the Turkmen page keeps the Turkmen ones.
    """
    for article in texts.NEWS_ARTICLES + texts.STATEMENTS:
        illustration = texts.ILLUSTRATIONS[article.illustration]
        for code, page in demo.articles[article.key].items():
            text = article.texts[code]
            fields = {
                "title": text.title,
                "slug": text.slug,
                "date": article.date,
                "summary": text.summary,
                "image": demo.images[article.illustration],
                "image_alt": illustration.alt_text[code],
                "source": texts.SOURCES[article.source][code],
                "topics": [demo.topics[code][key] for key in article.topics],
                "body": stream_data(text.body, code, demo),
            }
            if isinstance(article, texts.Statement):
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
        text = texts.ORGANISATION[code]
        details.name = texts.ORGANISATION_NAME
        details.tagline = text.tagline
        details.address = text.address
        details.email = texts.EMAIL
        details.youtube_handle = texts.YOUTUBE_HANDLE
        details.tiktok_handle = texts.TIKTOK_HANDLE
        details.save()
