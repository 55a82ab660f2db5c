from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News and statements"

    def ready(self):
        from caching.signals import purge_on_change_of
        from home.listings import show_latest

        from .models import NewsPage, StatementPage, Topic

        show_latest("latest_news", NewsPage)
        show_latest("latest_statements", StatementPage)
        purge_on_change_of(Topic)  # topic names appear on every article
