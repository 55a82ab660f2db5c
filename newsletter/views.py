"""Public views of the newsletter: subscribe, confirm, unsubscribe, preferences.

Thin: the rules live in newsletter.services. Every answer here is personal or follows a
POST, so none may be kept by the page cache or a CDN (``Cache-Control: no-store``). The
forms are posted without a CSRF token (they sit on cached pages or are reached from a
mail): the subscribe form by the public-form pipeline (safety.public_forms); the others
by the signed token in their URL.
"""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hhd_site.headers import keep_private
from safety.guards import client_ip, is_cross_site
from safety.public_forms import PublicFormView
from safety.ratelimits import forbidden_cross_site, over_limit

from . import services
from .forms import PreferencesForm, SubscribeForm


def _page(request, template, context=None, status=200):
    # The footer's subscribe form is left out: these pages are the form, or follow from it.
    response = TemplateResponse(
        request, template, {**(context or {}), "hide_footer_subscribe": True}, status=status
    )
    return keep_private(response)


def _invalid_link(request):
    return _page(request, "newsletter/link_invalid.html", status=400)


class SubscribeView(PublicFormView):
    """The subscribe form's target (footer and newsletter page); GET shows the form alone.

    Every accepted request, whether or not the address was known, gets the same
    "check your inbox" page.
    """

    http_method_names = ["get", "post"]
    form_class = SubscribeForm
    ip_limit, email_limit = "subscribe:ip", "subscribe:email"

    def get(self, request):
        return _page(request, "newsletter/subscribe.html", {"form": SubscribeForm()})

    def form_invalid(self, form):
        return _page(self.request, "newsletter/subscribe.html", {"form": form}, status=400)

    def success(self, form):
        return _page(self.request, "newsletter/check_inbox.html")

    def form_valid(self, form, consent_version):
        data = form.cleaned_data
        services.subscribe(data["email"], data["language"], consent_version, source="form")
        return self.success(form)


subscribe = SubscribeView.as_view()


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET: a page with a button (mail scanners open links); only its POST confirms."""
    if request.method == "POST":
        if is_cross_site(request):
            return forbidden_cross_site(request)
        if limited := over_limit(request, "confirm:ip", client_ip(request)):
            return limited
        try:
            services.confirm(token)
        except services.InvalidLink:
            return _invalid_link(request)
        return _page(request, "newsletter/confirmed.html")
    try:
        subscriber = services.subscriber_for_token(token, services.CONFIRM)
    except services.InvalidLink:
        return _invalid_link(request)
    if subscriber is None:
        return _invalid_link(request)
    if subscriber.confirmed_at is not None:
        return _page(request, "newsletter/confirmed.html")
    return _page(request, "newsletter/confirm.html", {"action": request.path})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """RFC 8058 one-click unsubscribe: a POST (from the mail client or the page's button)
    unsubscribes at once, without login, form token or origin check (the signed URL is
    the proof); GET shows the button."""
    if request.method == "POST":
        try:
            services.unsubscribe(token)
        except services.InvalidLink:
            return _invalid_link(request)
        return _page(request, "newsletter/unsubscribed.html")
    try:
        subscriber = services.subscriber_for_token(token, services.UNSUBSCRIBE)
    except services.InvalidLink:
        return _invalid_link(request)
    if subscriber is None:
        return _page(request, "newsletter/unsubscribed.html")
    return _page(request, "newsletter/unsubscribe.html", {"action": request.path})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    """Change the newsletter language through the signed link in every newsletter."""
    try:
        subscriber = services.subscriber_for_token(token, services.PREFERENCES)
    except services.InvalidLink:
        return _invalid_link(request)
    if subscriber is None or subscriber.confirmed_at is None:
        return _invalid_link(request)
    saved = False
    if request.method == "POST":
        if is_cross_site(request):
            return forbidden_cross_site(request)
        form = PreferencesForm(request.POST)
        if form.is_valid():
            subscriber = services.change_language(token, form.cleaned_data["language"])
            form = PreferencesForm(initial={"language": subscriber.language})
            saved = True
    else:
        form = PreferencesForm(initial={"language": subscriber.language})
    unsubscribe_path = reverse(
        "newsletter:unsubscribe", args=[services.make_token(subscriber, services.UNSUBSCRIBE)]
    )
    return _page(
        request,
        "newsletter/preferences.html",
        {"form": form, "saved": saved, "action": request.path, "unsubscribe_path": unsubscribe_path},
    )
