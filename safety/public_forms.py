"""The one guard sequence of every public form (DESIGN.md §4), as a view base class.

A POST passes, in this order:

1. the origin check (safety.guards.is_cross_site): a post from another site gets 403;
2. the rate limit per client address (``ip_limit``): 429 with Retry-After;
3. ``load()``: the view finds its page (404) and may refuse early (``refuse()``, e.g. a closed
   campaign), before anything is validated;
4. validation of the form: fields, signed form token, minimum fill time; bad input gets the
   form back (``form_invalid()``) with what was typed;
5. the honeypot: a bot that filled it gets the same answer as a person who succeeded
   (``decoy()``) and nothing is stored. It comes after validation, so a bot sees exactly what
   a person with the same input would see and cannot tell that it was caught;
6. the rate limit per e-mail address (``email_limit``, counted on a keyed digest), when the
   form has an address;
7. ``form_valid(form, consent_version)``, with the version of the consent wording the visitor
   agreed to (or "" when they ticked no consent box).

Every answer is private (``Cache-Control: no-store``). Public pages are cached and carry no
CSRF token, so these views are CSRF-exempt: steps 1, 4 and 6 protect them instead.

A refusal (400, 409, 429, 503) says why in the element with ``ERROR_SUMMARY_ID``; the form's
action carries it as the fragment ({% form_action %}, safety/templatetags/public_forms.py), so
that a visitor on a phone lands on the message, not at the top of a long page.
"""

from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from hhd_site.headers import keep_private
from safety.digests import normalise_email
from safety.guards import client_ip, is_cross_site
from safety.ratelimits import forbidden_cross_site, over_limit

ERROR_SUMMARY_ID = "form-errors"


@method_decorator(csrf_exempt, name="dispatch")
class PublicFormView(View):
    """Subclasses set ``form_class``, ``ip_limit`` (and ``email_limit``: names in
    ``settings.RATE_LIMITS``) and implement ``form_invalid`` and ``form_valid``."""

    http_method_names = ["post"]
    form_class = None
    ip_limit: str = ""
    email_limit: str = ""
    email_field = "email"

    def load(self, **kwargs) -> None:
        """Find what the form belongs to (raise Http404 when it is not there)."""

    def get_form(self):
        return self.form_class(self.request.POST)

    def refuse(self, form):
        """An answer that ends the request before validation, or None to go on."""
        return None

    def form_invalid(self, form):
        raise NotImplementedError

    def form_valid(self, form, consent_version: str):
        raise NotImplementedError

    def decoy(self, form):
        """What a bot caught by the honeypot is told: by default what a person is told on success."""
        return self.success(form)

    def success(self, form):
        raise NotImplementedError

    def post(self, request, **kwargs):
        return keep_private(self.guarded(request, **kwargs))

    def guarded(self, request, **kwargs):
        if is_cross_site(request):
            return forbidden_cross_site(request)
        if limited := over_limit(request, self.ip_limit, client_ip(request)):
            return limited
        self.load(**kwargs)
        form = self.get_form()
        if (refused := self.refuse(form)) is not None:
            return refused
        if not form.is_valid():
            return self.form_invalid(form)
        if form.caught_by_honeypot:
            return self.decoy(form)  # looks like success to the bot; nothing stored
        email = form.cleaned_data.get(self.email_field) if self.email_limit else ""
        if email and (limited := over_limit(request, self.email_limit, normalise_email(email))):
            return limited
        return self.form_valid(form, form.agreed_consent_version())
