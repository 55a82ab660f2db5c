"""Demo content of the newsletter app, built by manage.py seed_demo: the newsletter page in
four languages (linked to the privacy policy) and one draft issue per language.

Idempotent: the page is found by its slug under each home page, the drafts by language and
subject; running seed_demo again changes nothing.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageText:
    title: str
    intro: str


SLUG = "newsletter"  # the app's own URLs (subscribe/, confirm/...) live beneath /<language>/newsletter/

NEWSLETTER_PAGE = {
    "tk": PageText(
        "Habarnama",
        "Möhüm bir waka bolanda öz diliňizde gysga hat alarsyňyz. Aýda birnäçe hatdan köp däl. "
        "Salgyňyz diňe şu maksat üçin saklanýar we islän wagtyňyz ýazgydan çykyp bilersiňiz.",
    ),
    "ru": PageText(
        "Рассылка",
        "Короткое письмо на вашем языке, когда происходит что-то важное. Не больше нескольких писем в "
        "месяц. Ваш адрес хранится только для рассылки, отписаться можно в любой момент.",
    ),
    "tr": PageText(
        "Bülten",
        "Önemli bir şey olduğunda kendi dilinizde kısa bir e-posta. Ayda birkaç taneden fazla değil. "
        "Adresiniz yalnızca bunun için saklanır ve istediğiniz an abonelikten çıkabilirsiniz.",
    ),
    "en": PageText(
        "Newsletter",
        "A short e-mail in your language when something important happens. No more than a few a month. "
        "We keep your address only for this, and you can unsubscribe at any time.",
    ),
}

DRAFT_ISSUE = {
    "tk": ("HHD-den täzelikler", "<p>Soňky hepdelerde näme bolandygy barada gysgaça.</p>"),
    "ru": ("Новости HHD", "<p>Коротко о том, что произошло за последние недели.</p>"),
    "tr": ("HHD'den haberler", "<p>Son haftalarda olanlar hakkında kısaca.</p>"),
    "en": ("News from HHD", "<p>A short round-up of the last few weeks.</p>"),
}


def build_demo(demo):
    """Build this app's demo pages under ``demo.homes``; return lines for seed_demo's report."""
    from home.management.commands.seed_demo import DEFAULT_LANGUAGE, child_page, publish, translations_of

    from .models import NewsletterIssue, NewsletterPage

    source = child_page(
        demo.homes[DEFAULT_LANGUAGE], NewsletterPage, _Slugged(NEWSLETTER_PAGE[DEFAULT_LANGUAGE], SLUG)
    )
    pages = translations_of(source, demo.locales)
    for code, page in pages.items():
        text = NEWSLETTER_PAGE[code]
        publish(
            page,
            title=text.title,
            slug=SLUG,
            intro=text.intro,
            privacy_page=demo.privacies[code],
            show_in_menus=True,
        )
    for code, (subject, intro) in DRAFT_ISSUE.items():
        NewsletterIssue.objects.get_or_create(
            language=code, subject=subject, defaults={"intro": intro, "include_new_articles": True}
        )
    return [f"  Newsletter: a subscribe page and a draft issue in {len(pages)} languages"]


@dataclass(frozen=True)
class _Slugged:
    """A page text with the slug that seed_demo's child_page() looks the page up by."""

    text: PageText
    slug: str

    @property
    def title(self):
        return self.text.title
