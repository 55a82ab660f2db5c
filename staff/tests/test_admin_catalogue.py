"""The admin's Turkmen catalogue (admin_locale/, issue 21): complete for the installed Wagtail,
wagtail-localize, django-axes, django-otp, django-taggit and django-filter; the combined files
built from the components; the compiled catalogue used by the admin a Turkmen editor sees; and
the tool that keeps it up to date after an upgrade."""

import io
import re
from collections import Counter

import polib
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from news.factories import NewsIndexPageFactory, NewsPageFactory
from staff import admin_catalogue
from staff.admin_catalogue import COMPONENTS, PLACEHOLDER, component_path, is_translated, key, source_entries

COMPONENT_IDS = [f"{package}-{domain}" for package, domain in COMPONENTS]


def placeholders(text):
    """Placeholders and markup, in order: unnamed ones (%s, %d, {}) cannot be reordered."""
    return PLACEHOLDER.findall(text)


def same_placeholders(source, translation_):
    found, wanted = placeholders(translation_), placeholders(source)
    positional = re.compile(r"%[sdifr]|\{\}")
    return Counter(found) == Counter(wanted) and [p for p in found if positional.fullmatch(p)] == [
        p for p in wanted if positional.fullmatch(p)
    ]


def edges(text):
    """Leading and trailing white space and newlines, which a translation keeps."""
    return (text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :])


def problems_of(entry):
    if "fuzzy" in entry.flags:
        return ["fuzzy"]
    if not is_translated(entry):
        return ["untranslated (both plural forms needed)" if entry.msgid_plural else "untranslated"]
    pairs = [(entry.msgid, entry.msgstr)]
    if entry.msgid_plural:
        pairs = [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
    found = []
    for source, translated in pairs:
        if not same_placeholders(source, translated):
            found.append(f"placeholders {placeholders(source)} became {placeholders(translated)}")
        if edges(source) != edges(translated):
            found.append("leading or trailing white space changed")
    return found


@pytest.mark.parametrize(("package", "domain"), COMPONENTS, ids=COMPONENT_IDS)
def test_every_msgid_of_the_installed_package_is_translated_in_its_component(package, domain):
    path = component_path(package, domain)
    assert path.exists(), (
        f"component {package} ({domain}) is missing: scripts/admin-catalogue update {package}"
    )
    entries = {key(entry): entry for entry in polib.pofile(str(path)) if not entry.obsolete}
    source = source_entries(package, domain)

    missing = sorted(set(source) - set(entries))
    removed = sorted(set(entries) - set(source))
    assert (missing, removed) == ([], []), (
        "out of date with the installed package: scripts/admin-catalogue update"
    )
    plural_changed = [
        k for k, entry in entries.items() if (entry.msgid_plural or "") != (source[k].msgid_plural or "")
    ]
    assert plural_changed == []

    problems = {k[1]: found for k, entry in entries.items() if (found := problems_of(entry))}
    assert problems == {}, f"{len(problems)} of {len(entries)} entries"


def test_the_combined_catalogues_are_built_from_the_components():
    out = io.StringIO()
    assert admin_catalogue.main(["build", "--check"], out=out) == 0, out.getvalue()


def test_django_loads_the_compiled_catalogue():
    title_help = polib.pofile(str(component_path("wagtail", "django"))).find(
        "The page title as you'd like it to be seen by the public"
    )
    with translation.override("tk"):
        assert (
            translation.gettext(title_help.msgid) == title_help.msgstr == "Sahypanyň okyjylara görünjek ady"
        )
        assert translation.ngettext(
            "%(count)s descendant collection", "%(count)s descendant collections", 3
        ) == ("%(count)s içki ýygyndy")


# --- The admin a Turkmen editor sees ---------------------------------------------------------------


@pytest.fixture
def turkmen_editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "x" * 16)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "tk"
    profile.save()
    client.force_login(user)
    return user


@pytest.fixture
def article(site_tree):
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    return NewsPageFactory(parent=index, title="Pasport habary")


def rendered_texts(html):
    """What a reader sees of a page: its text and the labels of buttons and fields."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    texts = {text.strip() for text in soup.find_all(string=True)}
    for attribute in ("aria-label", "placeholder", "title"):
        texts |= {tag[attribute].strip() for tag in soup.find_all(attrs={attribute: True})}
    return texts - {""}


def owners():
    """Each translatable msgid (no context) of the components' source catalogues: its component."""
    found = {}
    for package, domain in COMPONENTS:
        if domain != "django":
            continue
        for (context, msgid), _entry in source_entries(package, domain).items():
            if not context:
                found.setdefault(msgid.strip(), package)
    return found


def english_left(client, url, user):
    """The catalogue's msgids the page shows in English although the editor's admin is Turkmen,
    by component: the texts of the English page that are msgids, still there in the Turkmen one."""
    profile = UserProfile.get_for_user(user)
    pages = {}
    for language in ("en", "tk"):
        profile.preferred_language = language
        profile.save()
        response = client.get(url)
        assert response.status_code == 200
        pages[language] = response.content.decode()
    assert BeautifulSoup(pages["tk"], "html.parser").html["lang"] == "tk"
    msgid_owners = owners()
    built = polib.pofile(str(admin_catalogue.combined_path("django")))
    # Translated as they are ("URL", "port"): not English left over.
    kept_as_they_are = {entry.msgid.strip() for entry in built if entry.msgstr.strip() == entry.msgid.strip()}
    by_component = {}
    with translation.override("tk"):
        for text in sorted(rendered_texts(pages["en"]) & rendered_texts(pages["tk"])):
            untranslated = translation.gettext(text) == text and text not in kept_as_they_are
            if text in msgid_owners and untranslated:
                by_component.setdefault(msgid_owners[text], []).append(text)
    return by_component, pages["tk"]


def test_the_dashboard_is_in_turkmen(client, turkmen_editor, site_tree):
    left, _html = english_left(client, reverse("wagtailadmin_home"), turkmen_editor)
    assert left == {}, f"shown in English, by component: {left}"


def test_the_page_editor_is_in_turkmen(client, turkmen_editor, article):
    left, html = english_left(client, reverse("wagtailadmin_pages:edit", args=[article.pk]), turkmen_editor)
    assert "Sahypanyň okyjylara görünjek ady" in html  # wagtail's help text of the title
    assert left == {}, f"shown in English, by component: {left}"


def test_a_snippet_list_is_in_turkmen(client, turkmen_editor, site_tree):
    left, _html = english_left(client, reverse("wagtailsnippets_news_topic:list"), turkmen_editor)
    assert left == {}, f"shown in English, by component: {left}"


# --- The tool --------------------------------------------------------------------------------------


def catalogue_of(*entries):
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        catalogue.append(entry)
    return catalogue


def test_an_update_lists_new_changed_and_removed_msgids_and_keeps_the_translations(tmp_path, monkeypatch):
    """After an upgrade: a new msgid is added untranslated, a reworded one keeps its old
    translation marked fuzzy, a removed one is dropped, and each is listed."""
    package_dir = tmp_path / "package" / "locale" / "en" / "LC_MESSAGES"
    package_dir.mkdir(parents=True)
    monkeypatch.setattr(admin_catalogue, "COMPONENTS_DIR", tmp_path / "components")
    monkeypatch.setattr(
        admin_catalogue, "package_locale_dir", lambda package: tmp_path / "package" / "locale"
    )
    monkeypatch.setattr(admin_catalogue, "package_version", lambda package: "example 1.0")
    source = package_dir / "django.po"

    catalogue_of(
        polib.POEntry(msgid="Save draft", msgstr=""),
        polib.POEntry(msgid="Delete this page permanently", msgstr=""),
        polib.POEntry(msgid="Old feature", msgstr=""),
    ).save(str(source))
    assert admin_catalogue.run_update([("example", "django")], io.StringIO()) == 0
    component = admin_catalogue.component_path("example", "django")
    translated = polib.pofile(str(component))
    translated.find("Save draft").msgstr = "Garalamany ýatda saklaň"
    translated.find("Delete this page permanently").msgstr = "Bu sahypany düýbünden pozuň"
    translated.find("Old feature").msgstr = "Köne mümkinçilik"
    translated.save()

    catalogue_of(
        polib.POEntry(msgid="Save draft", msgstr=""),
        polib.POEntry(msgid="Delete this page permanently?", msgstr=""),
        polib.POEntry(msgid="%(count)s page", msgid_plural="%(count)s pages", msgstr_plural={0: "", 1: ""}),
    ).save(str(source))
    out = io.StringIO()
    admin_catalogue.run_update([("example", "django")], out)

    assert out.getvalue().splitlines() == [
        "example (django): updated, 3 msgids, 2 to translate",
        "  new: %(count)s page",
        "  changed (fuzzy): Delete this page permanently?",
        "  removed: Old feature",
    ]
    updated = polib.pofile(str(component))
    assert updated.find("Save draft").msgstr == "Garalamany ýatda saklaň"
    reworded = updated.find("Delete this page permanently?")
    assert reworded.msgstr == "Bu sahypany düýbünden pozuň" and "fuzzy" in reworded.flags
    assert updated.find("%(count)s page").msgstr_plural == {0: "", 1: ""}
    assert updated.find("Old feature") is None
    assert updated.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"

    out = io.StringIO()
    admin_catalogue.run_update([("example", "django")], out)
    assert out.getvalue() == "example (django): up to date, 3 msgids, 2 to translate\n"


def test_a_build_combines_the_components_first_one_winning_and_reports_conflicts(tmp_path, monkeypatch):
    monkeypatch.setattr(admin_catalogue, "ADMIN_LOCALE", tmp_path)
    monkeypatch.setattr(admin_catalogue, "COMPONENTS_DIR", tmp_path / "components")
    monkeypatch.setattr(admin_catalogue, "ROOT", tmp_path)
    monkeypatch.setattr(admin_catalogue, "COMPONENTS", [("first", "django"), ("second", "django")])
    for package, translation_ in (("first", "Pozuň"), ("second", "Pozmak")):
        path = admin_catalogue.component_path(package, "django")
        path.parent.mkdir(parents=True)
        fuzzy = polib.POEntry(msgid=f"Fuzzy of {package}", msgstr="Köne", flags=["fuzzy"])
        catalogue_of(polib.POEntry(msgid="Delete", msgstr=translation_), fuzzy).save(str(path))

    out = io.StringIO()
    assert admin_catalogue.run_build(check=True, out=out) == 1
    assert admin_catalogue.run_build(check=False, out=out) == 0
    built = polib.pofile(str(tmp_path / "tk" / "LC_MESSAGES" / "django.po"))
    assert [(entry.msgid, entry.msgstr) for entry in built] == [("Delete", "Pozuň")]
    assert "conflict: Delete: first ['Pozuň'] kept, second ['Pozmak'] not used" in out.getvalue()
    out = io.StringIO()
    assert admin_catalogue.run_build(check=True, out=out) == 0


def test_a_build_leaves_out_what_the_project_translates_itself(tmp_path, monkeypatch):
    """admin_locale outranks every app's catalogue (LOCALE_PATHS): a msgid our own catalogues
    translate ("Update", a noun on the campaign page) keeps our wording."""
    monkeypatch.setattr(admin_catalogue, "ADMIN_LOCALE", tmp_path)
    monkeypatch.setattr(admin_catalogue, "COMPONENTS_DIR", tmp_path / "components")
    monkeypatch.setattr(admin_catalogue, "ROOT", tmp_path)
    monkeypatch.setattr(admin_catalogue, "COMPONENTS", [("first", "django")])
    path = admin_catalogue.component_path("first", "django")
    path.parent.mkdir(parents=True)
    catalogue_of(
        polib.POEntry(msgid="Update", msgstr="Täzeläň"), polib.POEntry(msgid="Save", msgstr="Ýatda saklaň")
    ).save(str(path))
    ours = tmp_path / "campaigns" / "locale" / "tk" / "LC_MESSAGES" / "django.po"
    ours.parent.mkdir(parents=True)
    (tmp_path / "campaigns" / "apps.py").write_text("")
    catalogue_of(polib.POEntry(msgid="Update", msgstr="Täzelik")).save(str(ours))

    assert admin_catalogue.run_build(check=False, out=io.StringIO()) == 0
    built = polib.pofile(str(tmp_path / "tk" / "LC_MESSAGES" / "django.po"))
    assert [(entry.msgid, entry.msgstr) for entry in built] == [("Save", "Ýatda saklaň")]
