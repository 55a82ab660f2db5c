"""The admin form of news articles and statements."""

from django.db.models import Q

from home.admin_forms import PageForm


class ArticlePageForm(PageForm):
    """The topic picker offers the topics of the page's own language only.

    Topics are translated snippets: without this, every topic appears once per language and an
    editor cannot tell which one belongs to the page. Topics the page already has stay on offer
    (a translation synchronised from its source may point at the source language's), so saving
    never drops them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("topics")
        if field is None:
            return
        in_language = Q(locale_id=self.instance.locale_id)
        if self.instance.pk:
            # A list: the page may come from a revision, whose topics are not a real queryset.
            in_language |= Q(pk__in=[topic.pk for topic in self.instance.topics.all()])
        field.queryset = field.queryset.filter(in_language)
