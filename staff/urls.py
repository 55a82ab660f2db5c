from django.urls import path

from . import views

app_name = "staff"
urlpatterns = [
    path("", views.VerifyView.as_view(), name="verify"),
    path("set-up/", views.SetupView.as_view(), name="setup"),
    path("not-set-up/", views.NotEnrolledView.as_view(), name="not_enrolled"),
    # Everything under enrol/ is reachable before the second step (staff.middleware).
    path("enrol/", views.EnrolmentLinkView.as_view(), {"token": ""}, name="enrol_links"),
    path("enrol/<str:token>/", views.EnrolmentLinkView.as_view(), name="enrol"),
    path("recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("passkeys/", views.PasskeysView.as_view(), name="passkeys"),
]
