"""Steps of the two-factor set-up that several tests take."""

import re

from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import current_code, enrolment_path, present_link, sign_in

ADMIN_URLS = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/", "/admin/users/"]


def forget_failures(device):
    """After a wrong code django-otp makes the user wait a moment; tests don't wait."""
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()


def set_up_authenticator(client):
    """The set-up page as a user sees it: scan, type the code, get recovery codes."""
    page = client.get("/admin/two-factor/set-up/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert b"<svg" in page.content  # the QR code, drawn here: no outside service
    device = TOTPDevice.objects.get(confirmed=False)
    forget_failures(device)
    response = client.post("/admin/two-factor/set-up/", {"code": current_code(device)})
    assert response.status_code == 302
    codes_page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    codes = re.findall(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", codes_page)
    assert len(codes) == 10
    device.refresh_from_db()
    return device, codes


def enrol(client, user):
    """First sign-in of a new colleague: the password, then the enrolment link an
    administrator made, then the set-up."""
    path = enrolment_path(user)
    sign_in(client, user.get_username())
    assert present_link(client, path)["Location"].startswith("/admin/two-factor/set-up/")
    return set_up_authenticator(client)
