"""The Dutch translation (locale/nl) is complete, and stays complete.

Refresh it with ``make messages``, then fill every empty ``msgstr`` in
locale/nl/LC_MESSAGES/django.po (and djangojs.po, if it exists).
"""

import gettext as gettext_module
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
NL_DIR = LOCALE_DIR / "nl" / "LC_MESSAGES"
# The same exclusions as ``make messages``.
IGNORE_PATTERNS = [".venv/*", "var/*", "tests/*", "bench/*"]
FOOTER = "You always stay the editor of your own channel: nothing is ever posted on your behalf."
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


# --- a tiny .po parser (standard library only) -----------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        return f"{self.msgctxt}|{self.msgid}" if self.msgctxt else self.msgid


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), f"not a quoted .po string: {text!r}"
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """Entries of a .po file, without the header and without obsolete (#~) entries."""
    entries: list[Entry] = []
    entry, target = Entry(), None

    def flush():
        nonlocal entry, target
        if target is not None and entry.msgid:
            entries.append(entry)
        entry, target = Entry(), None

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            flush()
        elif line.startswith("#,"):
            if target is not None:
                flush()
            entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith("#"):
            continue  # comments, references, previous msgids (#|) and obsolete entries (#~)
        elif line.startswith('"'):
            assert target is not None, f"{path}: continuation line outside an entry: {line!r}"
            kind, index = target
            if kind == "msgstr":
                entry.msgstr[index] += _unquote(line)
            else:
                setattr(entry, kind, (getattr(entry, kind) or "") + _unquote(line))
        else:
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
                flush()  # entries not separated by a blank line
            if keyword.startswith("msgstr"):
                index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
                entry.msgstr[index] = _unquote(rest)
                target = ("msgstr", index)
            elif keyword in ("msgctxt", "msgid", "msgid_plural"):
                setattr(entry, keyword, _unquote(rest))
                target = (keyword, 0)
            else:
                raise AssertionError(f"{path}: unexpected line {line!r}")
    flush()
    return entries


def problems(path: Path) -> dict[str, list[str]]:
    """msgids that are untranslated (an empty msgstr, or msgstr[n] for plurals) or fuzzy."""
    entries = parse_po(path)
    assert entries, f"{path} has no entries"
    return {
        "untranslated": [e.label for e in entries if not e.msgstr or not all(e.msgstr.values())],
        "fuzzy": [e.label for e in entries if "fuzzy" in e.flags],
    }


def report(path: Path, found: dict[str, list[str]]) -> str:
    lines = [f"{path} is not complete; run `make messages` and translate these:"]
    for kind, labels in found.items():
        lines += [f"  {kind}: {label!r}" for label in labels]
    return "\n".join(lines)


def po_files() -> list[Path]:
    return sorted(NL_DIR.glob("*.po"))


# --- the committed translation -------------------------------------------------------


@pytest.mark.source
def test_nl_header_is_set():
    header = (NL_DIR / "django.po").read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert '"Language: nl\\n"' in header
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in header
    assert "charset=UTF-8" in header
    assert "#, fuzzy" not in header


@pytest.mark.source
@pytest.mark.parametrize("path", po_files(), ids=lambda p: p.name)
def test_nl_po_has_no_empty_or_fuzzy_entries(path):
    found = problems(path)
    assert not any(found.values()), report(path, found)


@pytest.mark.source
@pytest.mark.parametrize("path", po_files(), ids=lambda p: p.name)
def test_nl_po_keeps_placeholders(path):
    wrong = []
    for entry in parse_po(path):
        source = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for msgstr in entry.msgstr.values():
            used = set(PLACEHOLDER.findall(msgstr))
            # A plural form may leave out the count; a singular entry keeps them all.
            if (used != source) if entry.msgid_plural is None else not used <= source:
                wrong.append(entry.label)
    assert not wrong, f"{path}: these translations lose or invent %(name)s placeholders: {wrong}"


@pytest.mark.source
def test_nl_mo_matches_po():
    """django.mo is compiled from the current django.po (else Django serves stale text)."""
    mo = NL_DIR / "django.mo"
    assert mo.exists(), "run `make messages` (or manage.py compilemessages -l nl -i .venv) to compile django.mo"
    with mo.open("rb") as handle:
        catalog = gettext_module.GNUTranslations(handle)
    stale = []
    for entry in parse_po(NL_DIR / "django.po"):
        if entry.msgid_plural is not None:
            got = [
                catalog.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                if entry.msgctxt
                else catalog.ngettext(entry.msgid, entry.msgid_plural, n)
                for n in (1, 2)
            ]
            want = [entry.msgstr.get(0), entry.msgstr.get(1)]
        else:
            got = catalog.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else catalog.gettext(entry.msgid)
            want = entry.msgstr.get(0)
        if got != want:
            stale.append(entry.label)
    assert not stale, f"django.mo is out of date; run compilemessages -l nl -i .venv. Stale: {stale}"


# --- every translatable string in the code has a Dutch translation ----------------------


def _project_source_dirs() -> list[str]:
    """Top-level project dirs holding installed apps (cms, people, courses, …)."""
    base = Path(settings.BASE_DIR).resolve()
    names = set()
    for config in apps.get_app_configs():
        app_path = Path(config.path).resolve()
        if app_path.is_relative_to(base) and not app_path.is_relative_to(base / ".venv"):
            names.add(app_path.relative_to(base).parts[0])
    return sorted(names)


@pytest.mark.source
def test_every_translatable_string_in_the_code_has_a_dutch_translation(tmp_path, monkeypatch, settings):
    if shutil.which("xgettext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("xgettext (GNU gettext) is required on CI to check the Dutch translation")
        pytest.skip("xgettext (GNU gettext) is not installed; cannot run makemessages")

    base = Path(settings.BASE_DIR)
    source_dirs = _project_source_dirs()
    assert {"cms", "people", "courses", "learning"} <= set(source_dirs)
    for name in [*source_dirs, "locale"]:
        shutil.copytree(base / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    monkeypatch.chdir(tmp_path)
    settings.LOCALE_PATHS = [tmp_path / "locale"]

    for domain in ("django", "djangojs"):
        call_command(
            "makemessages",
            locale=["nl"],
            domain=domain,
            no_obsolete=True,
            no_location=True,
            ignore_patterns=IGNORE_PATTERNS,
            verbosity=0,
        )

    regenerated = tmp_path / "locale" / "nl" / "LC_MESSAGES"
    assert (regenerated / "django.po").exists()
    for path in sorted(regenerated.glob("*.po")):
        found = problems(path)
        assert not any(found.values()), report(Path("locale/nl/LC_MESSAGES") / path.name, found)


# --- the translation is used ----------------------------------------------------------


def test_key_strings_come_out_in_dutch():
    from people.models import Member, Role

    with translation.override("nl"):
        assert gettext("My learning") == "Mijn leren"
        assert gettext("Notifications") == "Meldingen"
        assert gettext("Log in") == "Inloggen"
        assert gettext("Learning paths") == "Leerpaden"
        assert gettext("Certificate") == "Certificaat"
        assert gettext("%(score)s of %(max)s correct") % {"score": 3, "max": 4} == "3 van 4 goed"
        assert str(Member._meta.get_field("role").verbose_name) == "Social Shift-rol"
        assert str(Member._meta.verbose_name_plural) == "deelnemers"
        # The programme's role names are the same in Dutch.
        assert str(Role.CREATOR.label) == "Social Creator"
        assert str(Role.MASTER.label) == "Social Master"
    with translation.override("en"):
        assert gettext("My learning") == "My learning"
        assert str(Member._meta.get_field("role").verbose_name) == "Social Shift role"


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["accept-language", "cookie"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_home_page_speaks_the_visitors_language(client, language, how):
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get("/")
    else:
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(language):
        footer, log_in = gettext(FOOTER), gettext("Log in")
    assert f'<html lang="{language}">' in html
    assert footer in html
    assert log_in in html
    if language == "nl":
        assert footer != FOOTER, "the footer has no Dutch translation"
        assert "Inloggen" in html
        assert FOOTER not in html
    else:
        assert footer == FOOTER
        assert "Inloggen" not in html
