"""Public URLs of the contact app (mounted under /<language>/contact/)."""

from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("message/<int:page_id>/", views.send_message, name="send_message"),
    path("message/<int:page_id>/sent/", views.message_sent, name="message_sent"),
    path("help/<int:page_id>/", views.ask_for_help, name="ask_for_help"),
]
