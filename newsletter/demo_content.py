"""Demo content of the newsletter app, built by manage.py seed_demo."""


def build_demo(demo):
    """Build this app's demo pages under ``demo.homes``; return lines for seed_demo's report."""
    return []
