"""What every public response's security headers must be (shared by tests)."""

PUBLIC_DIRECTIVES = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "form-action": ["'self'"],
    # navigator.sendBeacon of the reading counts (readership/), to this origin only.
    "connect-src": ["'self'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    # The click-to-load privacy-mode video player, inserted only after the visitor's click.
    "frame-src": ["https://www.youtube-nocookie.com"],
}


def directives(policy):
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def assert_public_security_headers(response):
    """What the issue asks of every public response."""
    policy = response["Content-Security-Policy"]
    assert directives(policy) == PUBLIC_DIRECTIVES
    assert "unsafe" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    features = dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "bluetooth", "display-capture"):
        assert features[feature] == "()", feature
    assert set(features.values()) <= {"()", "(self)", '("https://www.youtube-nocookie.com")'}
