"""The guard sequence of public forms (safety.public_forms): one order, for every public form."""

import pytest
from django import forms
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation

from safety import guards
from safety.public_forms import PublicFormView

from .form_tokens import backdated_token

factory = RequestFactory()


class PetitionForm(guards.GuardedForm):
    form_name = "petition"
    email = forms.EmailField()
    consent = forms.BooleanField(label="I agree to the petition's terms.")


class PetitionView(PublicFormView):
    """Records each step it reaches, so that the order can be read back."""

    form_class = PetitionForm
    ip_limit, email_limit = "petition:ip", "petition:email"
    closed = False
    steps = None

    def load(self, **kwargs):
        self.steps.append("load")

    def refuse(self, form):
        self.steps.append("refuse?")
        return HttpResponse("closed", status=409) if self.closed else None

    def form_invalid(self, form):
        self.steps.append("invalid")
        return HttpResponse("form again", status=400)

    def success(self, form):
        return HttpResponse("thanks", status=303)

    def form_valid(self, form, consent_version):
        self.steps.append(("stored", consent_version))
        return self.success(form)


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "petition:ip": (3, 600), "petition:email": (1, 3600)}


def post(data, steps, *, closed=False, ip="203.0.113.7", **headers):
    request = factory.post("/petition/", data, REMOTE_ADDR=ip, **headers)
    view = PetitionView.as_view(steps=steps, closed=closed)
    return view(request)


def petition(**overrides):
    return {
        "email": "aman@example.org",
        "consent": "on",
        "website": "",
        "form_token": backdated_token("petition"),
        **overrides,
    }


@pytest.mark.django_db
def test_a_person_passes_every_step_and_the_consent_version_reaches_the_view(limits):
    steps = []
    with translation.override("ru"):
        response = post(petition(), steps)
    assert response.status_code == 303
    assert response["Cache-Control"] == "no-store, private"
    assert steps[:2] == ["load", "refuse?"]
    [(stored, version)] = steps[2:]
    assert stored == "stored" and version.startswith("ru-")


def test_a_cross_site_post_is_refused_before_anything_is_counted_or_loaded(limits):
    steps = []
    for _ in range(5):
        response = post(petition(), steps, HTTP_ORIGIN="https://evil.example")
        assert response.status_code == 403
    assert steps == []


@pytest.mark.django_db
def test_the_address_limit_comes_before_the_page_is_loaded(limits):
    steps = []
    statuses = [post(petition(email="x@example.org"), steps, ip="198.51.100.4").status_code for _ in range(4)]
    assert statuses[3] == 429
    assert steps.count("load") == 3


def test_an_early_refusal_comes_before_validation(limits):
    steps = []
    response = post(petition(email="not an address"), steps, closed=True)
    assert response.status_code == 409
    assert steps == ["load", "refuse?"]


def test_a_bot_filling_the_honeypot_with_bad_input_gets_the_form_back_like_a_person(limits):
    steps = []
    response = post(petition(email="not an address", website="http://spam.example"), steps)
    assert (response.status_code, response.content) == (400, b"form again")
    assert response["Cache-Control"] == "no-store, private"


def test_a_bot_filling_the_honeypot_is_thanked_after_validation_and_nothing_is_stored(limits):
    steps = []
    response = post(petition(website="http://spam.example"), steps)
    assert (response.status_code, response.content) == (303, b"thanks")
    assert not any(isinstance(step, tuple) for step in steps)


@pytest.mark.django_db
def test_the_honeypot_counts_nothing_against_the_address_limit(limits):
    for _ in range(3):
        post(petition(website="http://spam.example"), [], ip="192.0.2.1")
    steps = []
    assert post(petition(), steps, ip="192.0.2.2").status_code == 303
    assert post(petition(), [], ip="192.0.2.3").status_code == 429  # the limit per e-mail address: one


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("campaigns:sign", [1]),
        ("newsletter:subscribe", []),
        ("donations:pledge", [1]),
        ("contact:send_message", [1]),
        ("contact:ask_for_help", [1]),
    ],
)
def test_every_public_form_is_answered_by_the_one_pipeline(name, args):
    with translation.override("en"):
        view = resolve(reverse(name, args=args)).func
    assert issubclass(view.view_class, PublicFormView)
