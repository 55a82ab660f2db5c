"""The Turkmen catalogue of the admin: Wagtail and the packages staff see ship none, so the
project ships one (issue 21), kept in ``admin_locale/`` and maintained with
``scripts/admin-catalogue`` (this module).

- ``admin_locale/components/<package>/<domain>.po``: one file per package and gettext domain,
  holding exactly the msgids of the installed package's own English catalogue (or, for a package
  without one, of all its catalogues), translated into Turkmen. These are the files translators edit.
- ``admin_locale/tk/LC_MESSAGES/<domain>.po``: every component combined, the file Django loads
  (``LOCALE_PATHS``) once ``compilemessages`` has compiled it. Built, never edited by hand.

``update`` re-reads the installed packages' catalogues (after an upgrade) and lists per component
what is new, changed and removed; ``build`` combines the components. The completeness test
(``staff/tests/test_admin_catalogue.py``) fails until both have been run and every entry is
translated.
"""

import argparse
import difflib
import importlib.metadata
import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
ADMIN_LOCALE = ROOT / "admin_locale"
COMPONENTS_DIR = ADMIN_LOCALE / "components"
LANGUAGE = "tk"

# (package, domain), in the order Django ranks the packages' own catalogues (INSTALLED_APPS:
# the earlier app wins): on a msgid two components share, the first one's translation is built.
COMPONENTS = [
    ("wagtail_localize", "django"),
    ("wagtail_localize", "djangojs"),
    ("wagtail_localize.locales", "django"),
    ("wagtail.contrib.forms", "django"),
    ("wagtail.contrib.redirects", "django"),
    ("wagtail.contrib.settings", "django"),
    ("wagtail.embeds", "django"),
    ("wagtail.sites", "django"),
    ("wagtail.users", "django"),
    ("wagtail.snippets", "django"),
    ("wagtail.documents", "django"),
    ("wagtail.images", "django"),
    ("wagtail.search", "django"),
    ("wagtail.admin", "django"),
    ("wagtail.admin", "djangojs"),
    ("axes", "django"),
    ("wagtail", "django"),
    ("taggit", "django"),
    ("django_filters", "django"),
    ("django_otp", "django"),
]
DOMAINS = ("django", "djangojs")

HEADER = {
    "Language": LANGUAGE,
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    # As Django's own Turkmen catalogue: Turkmen keeps the noun singular after a number, so the
    # two forms are often the same.
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}
# Old and new msgid at least this similar: a changed string, whose old translation is kept, fuzzy.
SIMILAR = 0.75
# Placeholders and markup a translation must keep: %(name)s, %s, %d, {name}, {0}, HTML tags and
# entities. Used by the completeness test.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}|</?[a-zA-Z][^>]*>|&[#\w]+;")

Key = tuple  # (msgctxt or "", msgid)


def key(entry) -> Key:
    return (entry.msgctxt or "", entry.msgid)


def component_path(package, domain) -> Path:
    return COMPONENTS_DIR / package / f"{domain}.po"


def combined_path(domain) -> Path:
    return ADMIN_LOCALE / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


def package_locale_dir(package) -> Path:
    spec = importlib.util.find_spec(package)
    return Path(next(iter(spec.submodule_search_locations))) / "locale"


def package_version(package) -> str:
    distributions = importlib.metadata.packages_distributions().get(package.split(".")[0], [])
    if not distributions:
        return ""
    name = distributions[0]
    return f"{name} {importlib.metadata.version(name)}"


def source_entries(package, domain) -> dict:
    """The msgids (with context and plural) the installed package translates: its English
    catalogue, or, without one (django-axes, django-otp, django-filter), all of its catalogues
    together, in a fixed order."""
    locale_dir = package_locale_dir(package)
    english = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
    sources = [english] if english.exists() else sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po"))
    entries = {}
    for source in sources:
        for entry in polib.pofile(str(source)):
            if not entry.obsolete and entry.msgid and key(entry) not in entries:
                entries[key(entry)] = entry
    return entries


def is_translated(entry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return len(entry.msgstr_plural) == 2 and all(entry.msgstr_plural.get(n) for n in (0, 1))
    return bool(entry.msgstr)


def new_entry(source, translation=None) -> polib.POEntry:
    """A component entry for a source entry: its msgid, context, plural, format flags and the
    developers' comment; no references (they change with every release)."""
    entry = polib.POEntry(
        msgctxt=source.msgctxt,
        msgid=source.msgid,
        msgid_plural=source.msgid_plural,
        comment=source.comment,
        flags=[flag for flag in source.flags if flag != "fuzzy"],
    )
    if source.msgid_plural:
        entry.msgstr_plural = {0: "", 1: ""}
    if translation is not None:
        if source.msgid_plural and translation.msgid_plural:
            entry.msgstr_plural = {n: translation.msgstr_plural.get(n, "") for n in (0, 1)}
        elif source.msgid_plural:
            entry.msgstr_plural = {0: translation.msgstr, 1: translation.msgstr}
        elif translation.msgid_plural:
            entry.msgstr = translation.msgstr_plural.get(0, "")
        else:
            entry.msgstr = translation.msgstr
        entry.tcomment = translation.tcomment
    return entry


def empty_catalogue(project) -> polib.POFile:
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {"Project-Id-Version": project, **HEADER}
    return catalogue


@dataclass
class Changes:
    """What an update found in one component: msgids added, changed (the old translation kept,
    fuzzy) and removed."""

    new: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    created: bool = False

    def __bool__(self):
        return bool(self.new or self.changed or self.removed or self.created)


def updated_component(package, domain) -> tuple[polib.POFile, Changes]:
    """The component's catalogue merged with the installed package's msgids, and the changes."""
    path = component_path(package, domain)
    changes = Changes(created=not path.exists())
    old = {}
    if path.exists():
        old = {key(entry): entry for entry in polib.pofile(str(path)) if not entry.obsolete}
    source = source_entries(package, domain)
    gone = {k: entry for k, entry in old.items() if k not in source}
    merged = empty_catalogue(package_version(package) or package)
    for k, source_entry in source.items():
        if k in old:
            entry = new_entry(source_entry, old[k])
            if (old[k].msgid_plural or "") != (source_entry.msgid_plural or ""):
                entry.flags.append("fuzzy")
                changes.changed.append(k)
            elif "fuzzy" in old[k].flags:
                entry.flags.append("fuzzy")
        else:
            previous = closest(source_entry, gone)
            if previous is None:
                entry = new_entry(source_entry)
                changes.new.append(k)
            else:
                entry = new_entry(source_entry, gone.pop(previous))
                entry.flags.append("fuzzy")
                entry.previous_msgid = previous[1]
                changes.changed.append(k)
        merged.append(entry)
    changes.removed = sorted(gone)
    return merged, changes


def closest(source_entry, candidates) -> Key | None:
    """The removed msgid (same context) this new msgid most probably replaces, if any."""
    best, best_ratio = None, SIMILAR
    for k, entry in candidates.items():
        if k[0] != (source_entry.msgctxt or "") or not is_translated(entry):
            continue
        ratio = difflib.SequenceMatcher(None, k[1], source_entry.msgid).ratio()
        if ratio >= best_ratio:
            best, best_ratio = k, ratio
    return best


@dataclass
class Conflict:
    msgid: Key
    kept: tuple  # (component, translation)
    other: tuple


def combined(domain) -> tuple[polib.POFile, list[Conflict]]:
    """Every component of ``domain`` in one catalogue: translated, non-fuzzy entries only, the
    first component (COMPONENTS order) winning on a msgid two share; and the conflicts, msgids
    two components translate differently."""
    catalogue = empty_catalogue("hhd-site admin (admin_locale/components)")
    catalogue.header = "Built by scripts/admin-catalogue build from admin_locale/components/: edit those."
    seen, conflicts = {}, []
    ours = project_keys(domain)
    for package, component_domain in COMPONENTS:
        path = component_path(package, component_domain)
        if component_domain != domain or not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if not is_translated(entry):
                continue
            k = key(entry)
            if k in ours:  # LOCALE_PATHS outrank every app: the project's own wording stays its own
                continue
            translation = tuple(translations_of(entry))
            if k in seen:
                first_package, first_translation = seen[k]
                if first_translation != translation:
                    conflicts.append(Conflict(k, (first_package, first_translation), (package, translation)))
                continue
            seen[k] = (package, translation)
            built = new_entry(entry, entry)
            built.comment = package
            catalogue.append(built)
    return catalogue, conflicts


def project_keys(domain) -> set:
    """The msgids the project's own Turkmen catalogues translate (locale/ and each of our apps'
    locale/): admin_locale sits in LOCALE_PATHS, which Django ranks above every app's catalogue,
    so a shared msgid ("Update", "Status", "Language") would otherwise change our pages' wording."""
    folders = [ROOT / "locale", *(app.parent / "locale" for app in sorted(ROOT.glob("*/apps.py")))]
    keys = set()
    for folder in folders:
        path = folder / "tk" / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            keys.update(key(entry) for entry in polib.pofile(str(path)) if is_translated(entry))
    return keys


def translations_of(entry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural.get(n, "") for n in (0, 1)]
    return [entry.msgstr]


def text_of(catalogue) -> str:
    return str(catalogue) + "\n"


def write_if_changed(path, text) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def describe(k) -> str:
    context, msgid = k
    shown = msgid if len(msgid) <= 90 else msgid[:87] + "..."
    shown = shown.replace("\n", "\\n")
    return f"[{context}] {shown}" if context else shown


def run_update(selected, out) -> int:
    """Merge the installed packages' msgids into the components; print what changed."""
    for package, domain in selected:
        catalogue, changes = updated_component(package, domain)
        name = f"{package} ({domain})"
        untranslated = sum(not is_translated(entry) for entry in catalogue)
        if not changes:
            print(f"{name}: up to date, {len(catalogue)} msgids, {untranslated} to translate", file=out)
        else:
            write_if_changed(component_path(package, domain), text_of(catalogue))
            verb = "created" if changes.created else "updated"
            print(f"{name}: {verb}, {len(catalogue)} msgids, {untranslated} to translate", file=out)
            if not changes.created:
                listed = {"new": changes.new, "changed (fuzzy)": changes.changed, "removed": changes.removed}
                for label, keys in listed.items():
                    for k in keys:
                        print(f"  {label}: {describe(k)}", file=out)
    return 0


def run_build(check, out) -> int:
    """Combine the components into admin_locale/tk/LC_MESSAGES/<domain>.po; with ``check``, only
    say whether that would change anything (exit status 1 if so)."""
    stale = False
    for domain in DOMAINS:
        catalogue, conflicts = combined(domain)
        path = combined_path(domain)
        text = text_of(catalogue)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        relative = path.relative_to(ROOT)
        if current == text:
            print(f"{relative}: up to date, {len(catalogue)} entries", file=out)
        elif check:
            stale = True
            print(f"{relative}: out of date (run scripts/admin-catalogue build)", file=out)
        else:
            write_if_changed(path, text)
            print(f"{relative}: built, {len(catalogue)} entries", file=out)
        for conflict in conflicts:
            print(
                f"  conflict: {describe(conflict.msgid)}: {conflict.kept[0]} {list(conflict.kept[1])} kept, "
                f"{conflict.other[0]} {list(conflict.other[1])} not used",
                file=out,
            )
    return 1 if stale else 0


def run_status(out) -> int:
    """Per component: msgids, translated, and whether the file is missing."""
    for package, domain in COMPONENTS:
        path = component_path(package, domain)
        if not path.exists():
            print(f"{package} ({domain}): missing", file=out)
            continue
        entries = [entry for entry in polib.pofile(str(path)) if not entry.obsolete]
        done = sum(is_translated(entry) for entry in entries)
        print(f"{package} ({domain}): {done}/{len(entries)} translated", file=out)
    return 0


def selected_components(names) -> list:
    if not names:
        return list(COMPONENTS)
    unknown = [name for name in names if name not in {package for package, _domain in COMPONENTS}]
    if unknown:
        raise SystemExit(f"not a component: {', '.join(unknown)} (see COMPONENTS in {Path(__file__).name})")
    return [(package, domain) for package, domain in COMPONENTS if package in names]


def main(argv=None, out=sys.stdout) -> int:
    parser = argparse.ArgumentParser(prog="scripts/admin-catalogue", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    update = commands.add_parser("update", help="merge the installed packages' msgids into the components")
    update.add_argument("components", nargs="*", help="packages to update (default: all)")
    build = commands.add_parser("build", help="combine the components into admin_locale/tk/LC_MESSAGES")
    build.add_argument("--check", action="store_true", help="change nothing; exit 1 if a build would")
    commands.add_parser("status", help="translated entries per component")
    arguments = parser.parse_args(argv)
    if arguments.command == "update":
        return run_update(selected_components(arguments.components), out)
    if arguments.command == "build":
        return run_build(arguments.check, out)
    return run_status(out)


if __name__ == "__main__":
    sys.exit(main())
