"""Public URLs of the donations app (mounted under /<language>/donations/)."""

from django.urls import path

from . import views

app_name = "donations"

urlpatterns = [
    path("pledge/<int:page_id>/", views.pledge, name="pledge"),
    path("thanks/<str:token>/", views.thanks, name="thanks"),
]
