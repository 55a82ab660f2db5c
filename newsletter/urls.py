"""Public URLs of the newsletter app (mounted under /<language>/newsletter/).

/<language>/newsletter/ itself is left to Wagtail: editors create the NewsletterPage
there (slug "newsletter"), and these views live beneath it.
"""

from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
]
