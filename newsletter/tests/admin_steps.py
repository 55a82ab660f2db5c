"""Steps of the newsletter admin tests that other tests take too."""

ISSUES = "/admin/snippets/newsletter/newsletterissue/"


def refused(response):
    """Wagtail answers a permission error with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response.url == "/admin/"


def as_user(client, user):
    client.force_login(user)
    return client
