"""News index and news articles.

The first cut, enough for the demo content: the news issue adds statements,
topics, feeds and filtering on top of these.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock


class NewsIndexPage(Page):
    """The list of news articles of one language, newest first."""

    intro = models.TextField(blank=True, max_length=600, help_text=_("Shown above the list of articles."))

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            NewsPage.objects.child_of(self).live().select_related("image").order_by("-date", "-pk")
        )
        return context


class NewsPage(Page):
    """One news article."""

    date = models.DateField(default=timezone.localdate, help_text=_("The date shown on the article."))
    summary = models.TextField(
        max_length=400, blank=True, help_text=_("One or two sentences shown in lists and when shared.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The main image, shown at the top and in lists."),
    )
    image_alt = models.CharField(
        max_length=250, blank=True, help_text=_("Describe the main image for people who cannot see it.")
    )
    body = StreamField(BodyBlock(), blank=True, help_text=_("The article."))

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("news article")
