"""Which tests a change can break: the quick loop of `scripts/test --fast`.

Compares the working tree (committed, staged, unstaged and untracked files) with where the branch
left main, and prints one pytest path per line: the tests of every app the change touches, and
every test module that imports a changed module, directly or through other modules (the import
graph that import-linter checks, built by grimp). It prints ALL when the change touches what every
test stands on (settings, shared templates and static files, the root fixtures, requirements), and
nothing when no code changed (docs only). CI always runs the whole suite.
"""

import configparser
import re
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
# Changes here reach every page or every test.
EVERYTHING = ("hhd_site/settings/", "templates/", "static/", "locale/", "admin_locale/", "vendor_locale/")
EVERYTHING_FILES = {"conftest.py", "pyproject.toml", "requirements.txt", "requirements-dev.txt", "manage.py"}
# Modules every test imports through the root fixtures: a change to one of them is a change to all.
ROOT_FIXTURES = {"tests.fixtures", "tests.databases"}
# Tests that read every app's catalogue or every editor-facing field.
CATALOGUE_TESTS = ["hhd_site/tests/test_translation_catalogues.py", "tests/test_editor_experience.py"]


def git(*args):
    # Fixed git queries of this repository.
    return subprocess.run(  # noqa: S603
        ["git", *args],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def changed_files(base):
    merge_base = git("merge-base", base, "HEAD").strip()
    names = git("diff", "--name-only", merge_base).split()
    names += git("ls-files", "--others", "--exclude-standard").split()
    return sorted(set(names))


def packages():
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    return config["importlinter"]["root_packages"].split()


def module_of(path):
    parts = list(Path(path).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def path_of(module):
    path = ROOT / Path(*module.split("."))
    return path if path.is_dir() else path.with_suffix(".py")


def is_test_module(module):
    name = module.rsplit(".", 1)[-1]
    return name.startswith("test_") and (".tests." in module or module.startswith("tests."))


def is_conftest(module):
    return module.rsplit(".", 1)[-1] == "conftest"


def test_files():
    return [p for p in ROOT.glob("*/**/*.py") if p.name.startswith("test_") and ".venv" not in p.parts]


def mentioning(command):
    """Tests that run a management command by name, directly or through a root fixture.

    Commands are run with call_command("name"), which the import graph cannot see.
    """
    names = {command}
    fixtures = (ROOT / "tests" / "fixtures.py").read_text()
    functions = re.split(r"\n(?=(?:@|def )\S)", fixtures)
    grown = True
    while grown:
        grown = False
        for function in functions:
            found = re.match(r"(?:@.*\n)*def (\w+)", function)
            if found and found[1] not in names and any(re.search(rf"\b{n}\b", function) for n in names):
                names.add(found[1])
                grown = True
    words = re.compile("|".join(rf"\b{re.escape(name)}\b" for name in names))
    return {str(p.relative_to(ROOT)) for p in test_files() if words.search(p.read_text())}


def affected(files, apps):
    selected, graph = set(), None
    for name in files:
        if name.startswith(EVERYTHING) or name in EVERYTHING_FILES:
            return None
        top = name.split("/", 1)[0]
        if top not in apps or not (ROOT / name).exists():
            continue  # docs, bench/, deploy/, .ci/, or a file the change deletes
        if top != "tests" and (ROOT / top / "tests").is_dir():
            selected.add(f"{top}/tests")
        if "/locale/" in name:
            selected.update(CATALOGUE_TESTS)
        if not name.endswith(".py"):
            continue
        module = module_of(name)
        if is_test_module(module):
            selected.add(name)
            continue
        if module in ROOT_FIXTURES or (top == "tests" and is_conftest(module)):
            return None
        if graph is None:
            sys.path.insert(0, str(ROOT))
            graph = grimp.build_graph(*apps, cache_dir=None)
        if module not in graph.modules:
            continue
        importers = graph.find_downstream_modules(module) | {module}
        if importers & ROOT_FIXTURES:
            return None
        for importer in importers:
            if is_test_module(importer):
                selected.add(str(path_of(importer).relative_to(ROOT)))
            elif is_conftest(importer):
                selected.add(str(path_of(importer).parent.relative_to(ROOT)))
            elif ".management.commands." in importer:
                selected.update(mentioning(importer.rsplit(".", 1)[-1]))
    return selected


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "main"
    selection = affected(changed_files(base), packages())
    if selection is None:
        print("ALL")
        return
    # A directory already selected covers the files in it.
    for path in sorted(selection):
        if not any(path != other and path.startswith(other + "/") for other in selection):
            print(path)


if __name__ == "__main__":
    main()
