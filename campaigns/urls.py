"""Public URLs of the campaigns app (mounted under /<language>/campaigns/)."""

from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("<int:page_id>/sign/", views.sign, name="sign"),
    path("<int:page_id>/check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("withdraw/<str:token>/", views.withdraw, name="withdraw"),
]
