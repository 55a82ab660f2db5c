from django.urls import path

from . import views

app_name = "staff"
urlpatterns = [
    path("", views.VerifyView.as_view(), name="verify"),
    path("set-up/", views.SetupView.as_view(), name="setup"),
    path("recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
]
