"""News articles and statements, their index, and the topics they are filed under."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from caching.generation import cached_fragment
from hhd_site.public_url import canonical_url
from home.admin_forms import PageForm
from home.blocks import BodyBlock
from home.language_switch import shown_page_number

from .admin_forms import ArticlePageForm
from .pagination import archive_page, numbered_from_oldest

ARTICLES_PER_PAGE = 10


class Topic(TranslatableMixin, models.Model):
    """A subject that articles and statements are filed under, e.g. passports or deportation.

    Translated per language; pages link to a topic in any language and are shown
    with the topic's translation in the visitor's language (same translation key).
    """

    name = models.CharField(
        _("topic name"), max_length=80, help_text=_("The topic's name as visitors see it.")
    )
    slug = models.SlugField(
        _("name in addresses"),
        max_length=80,
        allow_unicode=True,
        help_text=_("The topic's part of the address, e.g. 'passports'. Letters, digits and hyphens."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    override_translatable_fields = [TranslatableField("name"), TranslatableField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="news_topic_unique_slug_per_locale"),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def by_translation_key(cls, locale_id):
        """The topics of one language by translation key (cached until something changes)."""
        return cached_fragment(
            f"topics:{locale_id}",
            lambda: {topic.translation_key: topic for topic in cls.objects.filter(locale_id=locale_id)},
        )

    def slug_by_language(self):
        """``{language code: slug}`` of this topic's translations (cached until something changes)."""
        return cached_fragment(
            f"topic-slugs:{self.translation_key}",
            lambda: dict(
                Topic.objects.filter(translation_key=self.translation_key).values_list(
                    "locale__language_code", "slug"
                )
            ),
        )


class ArticlePage(Page):
    """What news articles and statements share: date, summary, main image, body, topics, source.

    Abstract: each kind keeps its own table, and lists combine them by date.
    """

    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_(
            "Shown on the page; news lists and feeds are sorted by it, newest first. Today by default."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences shown in lists, feeds and when the page is shared."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
        help_text=_("The main image, shown at the top, in lists and when the page is shared."),
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the main image for people who cannot see it."),
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name=_("content"), help_text=_("The text of the page.")
    )
    topics = ParentalManyToManyField(
        "news.Topic",
        blank=True,
        verbose_name=_("topics"),
        help_text=_("What the page is about; visitors can filter the news by topic."),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Author or source line, e.g. 'HHD' or 'Turkmen Helsinki Foundation'."),
    )

    base_form_class = ArticlePageForm
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    override_translatable_fields = [SynchronizedField("date"), SynchronizedField("topics")]

    kind = "news"

    class Meta:
        abstract = True

    def localized_topics(self, topics_by_key):
        """This page's topics in the visitor's language (``topics_by_key``: translation key → topic)."""
        return [topics_by_key.get(topic.translation_key, topic) for topic in self.topics.all()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A translated page may still point at the source language's topics: show
        # each in this page's language when it has been translated.
        # Lazy: a cached copy of the article's text (caching.templatetags) needs no query.
        context["topics"] = SimpleLazyObject(
            lambda: self.localized_topics(Topic.by_translation_key(self.locale_id))
        )
        # The index links the topics: its URL is this page's without the last part (no query).
        url = self.get_url(request)
        context["news_index_url"] = url.rsplit("/", 2)[0] + "/" if url else ""
        context["canonical_url"] = canonical_url(request, self)
        return context


ARTICLE_PANELS = [
    TitleFieldPanel("title"),
    MultiFieldPanel(
        [FieldPanel("date"), FieldPanel("source"), FieldPanel("topics")],
        heading=_("Date, source and topics"),
    ),
    FieldPanel("summary"),
    MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Main image")),
]


class NewsPage(ArticlePage):
    """A news article about Turkmen migrants, political prisoners and HHD's work."""

    content_panels = ARTICLE_PANELS + [FieldPanel("body")]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")


class StatementPage(ArticlePage):
    """A formal appeal or position, often co-signed by other organisations."""

    addressee = models.CharField(
        _("addressee"),
        max_length=250,
        blank=True,
        help_text=_("To whom the statement is addressed, e.g. 'To the President of Turkmenistan'."),
    )
    signed_original = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signed original"),
        help_text=_("Optional: the PDF of the signed original, linked at the end of the statement."),
    )
    campaign = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("appeal to sign"),
        help_text=_("Optional: the appeal page where visitors can add their signature."),
    )

    content_panels = ARTICLE_PANELS + [
        FieldPanel("addressee"),
        FieldPanel("body"),
        InlinePanel(
            "cosigners",
            heading=_("Co-signing organisations"),
            label=_("Organisation"),
            help_text=_("In the order they should be listed."),
        ),
        FieldPanel("signed_original"),
        FieldPanel("campaign"),
    ]
    search_fields = ArticlePage.search_fields + [index.SearchField("addressee")]
    override_translatable_fields = ArticlePage.override_translatable_fields + [
        SynchronizedField("signed_original"),
        SynchronizedField("campaign"),
    ]

    kind = "statement"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cosigners"] = SimpleLazyObject(lambda: list(self.cosigners.all()))
        context["campaign"] = SimpleLazyObject(self.live_campaign)
        return context

    def live_campaign(self):
        """The appeal this statement calls to sign, in the statement's language, if it is live."""
        campaign = self.campaign.localized if self.campaign_id else None
        return campaign if campaign is not None and campaign.live else None

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")


class StatementCosigner(TranslatableMixin, Orderable):
    """An organisation that co-signed a statement, in the statement's order."""

    statement = ParentalKey(StatementPage, on_delete=models.CASCADE, related_name="cosigners")
    name = models.CharField(_("organisation name"), max_length=200, help_text=_("The organisation's name."))
    url = models.URLField(_("website"), blank=True, help_text=_("Optional: the organisation's website."))

    panels = [FieldPanel("name"), FieldPanel("url")]
    override_translatable_fields = [TranslatableField("name"), SynchronizedField("url")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("co-signing organisation")

    def __str__(self):
        return self.name


ARTICLE_KINDS = {"news": NewsPage, "statements": StatementPage}


class NewsIndexPage(Page):
    """The news and statements of one language, newest first, filterable by kind and topic."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown above the list of news and statements."),
    )

    base_form_class = PageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage", "news.StatementPage"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("news index")

    def route(self, request, path_components):
        """Find an article or statement by its slug in one query per page type.

        Wagtail's own routing loads the child as a plain Page and then its specific
        row (two queries); the index knows which types its children are.
        """
        if len(path_components) != 1:
            return super().route(request, path_components)
        for model in ARTICLE_KINDS.values():
            child = model.objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                child._cached_parent_obj = self  # as Wagtail's route does: get_parent() costs nothing
                return child.route(request, [])
        raise Http404

    @cached_property
    def topics_by_key(self):
        """The topics of this index's language, by translation key."""
        return Topic.by_translation_key(self.locale_id)

    def articles(self, kind=None, topic=None):
        """Live articles and statements under this index, as (pk, date) rows newest first."""
        models_ = [ARTICLE_KINDS[kind]] if kind in ARTICLE_KINDS else list(ARTICLE_KINDS.values())
        querysets = []
        for model in models_:
            queryset = model.objects.child_of(self).live()
            if topic is not None:
                queryset = queryset.filter(topics__translation_key=topic.translation_key)
            querysets.append(queryset)
        return newest_first(querysets)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        kind = request.GET.get("type")
        kind = kind if kind in ARTICLE_KINDS else None
        topic = self.topics_by_key_by_slug().get(request.GET.get("topic", ""))
        if numbered_from_oldest():
            context.update(self.archive_context(request, kind, topic))
            return context
        paginator = Paginator(self.articles(kind, topic), ARTICLES_PER_PAGE)
        try:
            page_of_rows = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_of_rows = paginator.page(1)
        except EmptyPage:
            page_of_rows = paginator.page(paginator.num_pages)
        context.update(
            {
                "articles": specific_articles([pk for pk, _date in page_of_rows.object_list]),
                "paginator_page": page_of_rows,
                "page_range": paginator.get_elided_page_range(page_of_rows.number, on_each_side=2, on_ends=1),
                "kind": kind,
                "topic": topic,
                "topics": sorted(self.topics_by_key.values(), key=lambda t: t.name),
                "topics_by_key": self.topics_by_key,
                "filter_query": filter_query(kind, topic),
                "language_query": self.language_query(kind, topic, page_of_rows.number),
            }
        )
        return context

    def archive_context(self, request, kind, topic):
        """The list numbered from the oldest article, as the mirrors' copy shows it (news.pagination);
        its pages link only to the next newer and older page, and switch language to the first."""
        number = request.GET.get("page")
        try:
            number = int(number) if number is not None else None
        except ValueError:
            raise Http404 from None
        shown = archive_page(self.articles(kind, topic), number, ARTICLES_PER_PAGE)
        if shown is None:
            raise Http404
        filters = filter_query(kind, topic)

        def address(page_number):
            if page_number is None:
                return self.get_url(request) + ("?" + filters.rstrip("&") if filters else "")
            return f"?{filters}page={page_number}"

        return {
            "articles": specific_articles([pk for pk, _date in shown.rows]),
            "archive": {
                "number": shown.number,
                "address": address(shown.number),
                "newer": address(shown.newer) if shown.has_newer else None,
                "older": address(shown.older) if shown.older else None,
            },
            "kind": kind,
            "topic": topic,
            "topics": sorted(self.topics_by_key.values(), key=lambda t: t.name),
            "topics_by_key": self.topics_by_key,
            "language_query": self.language_query(kind, topic, None),
        }

    def language_query(self, kind, topic, number):
        """The filters and page number for the language switcher, the topic by its slug in each
        language (home.language_switch). A topic with no translation is dropped there."""
        slugs = topic.slug_by_language() if topic is not None else {}
        page_number = shown_page_number(number)
        return {
            code: {"type": kind, "topic": slugs.get(code), "page": page_number}
            for code, _name in settings.LANGUAGES
        }

    def topics_by_key_by_slug(self):
        return {topic.slug: topic for topic in self.topics_by_key.values()}


def filter_query(kind, topic):
    """The filters, kept in the pagination links ("type=news&topic=x&" or "")."""
    filters = (("type", kind), ("topic", topic and topic.slug))
    return "".join(urlencode({name: value}) + "&" for name, value in filters if value)


def newest_first(querysets):
    """The (pk, date) rows of several page querysets as one UNION query, newest first.

    The parts carry no ORDER BY of their own (pages are ordered by path by default),
    which SQLite refuses inside a compound statement.
    """
    rows = [queryset.order_by().values_list("pk", "date") for queryset in querysets]
    union = rows[0].union(*rows[1:]) if len(rows) > 1 else rows[0]
    return union.order_by("-date", "-pk")


def specific_articles(pks):
    """The article and statement pages with these primary keys, in that order.

    A fixed number of queries whatever the number of pages: per page type, one for
    the pages (with their images) and one for their topics.
    """
    if not pks:
        return []
    by_pk = {}
    for model in ARTICLE_KINDS.values():
        pages = model.objects.filter(pk__in=pks).select_related("image").prefetch_related("topics")
        by_pk.update((page.pk, page) for page in pages)
    return [by_pk[pk] for pk in pks if pk in by_pk]
