"""scripts/affected_tests.py: which tests `scripts/test --fast` runs for a change."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "affected_tests.py"
spec = importlib.util.spec_from_file_location("affected_tests", SCRIPT)
affected_tests = importlib.util.module_from_spec(spec)
spec.loader.exec_module(affected_tests)
APPS = affected_tests.packages()


def select(*files):
    return affected_tests.affected(list(files), APPS)


def test_a_change_to_an_app_runs_its_tests_and_the_tests_that_import_what_changed():
    selected = select("donations/reconciliation.py")
    assert "donations/tests" in selected
    assert "news/tests" not in selected
    # contact and donations take their reference codes from safety: the tests that import it,
    # directly or through their app's models, run too.
    selected = select("safety/references.py")
    assert {"safety/tests", "donations/tests/test_references.py"} <= selected
    assert any(path.startswith("contact/tests") for path in selected)


def test_a_change_to_a_command_runs_the_tests_that_call_it_by_name():
    selected = select("demo/features.py")
    assert "home/tests/test_seed_demo.py" in selected
    assert "donations/tests/test_demo_content.py" in selected


def test_a_changed_test_module_runs_itself():
    assert select("news/tests/test_feeds.py") == {"news/tests", "news/tests/test_feeds.py"}


def test_a_catalogue_change_runs_the_catalogue_tests():
    selected = select("newsletter/locale/tk/LC_MESSAGES/django.po")
    assert "hhd_site/tests/test_translation_catalogues.py" in selected
    assert "newsletter/tests" in selected


@pytest.mark.parametrize(
    "path",
    [
        "hhd_site/settings/base.py",
        "templates/base.html",
        "static/css/site.css",
        "tests/fixtures.py",
        "conftest.py",
    ],
)
def test_a_change_every_test_stands_on_runs_everything(path):
    assert select(path) is None


def test_docs_and_benchmarks_alone_run_nothing():
    assert select("README.md", "docs/operations.md", "bench/http_load.py") == set()
