"""E-learning packages as lessons: checking a SCORM 1.2, SCORM 2004 or cmi5 zip before it is
stored, and unpacking it into private media (``core.storage``), where only a view that checks
who asks hands its files out (``learning.views.package_file``).

A zip is refused (``ValidationError``, in Dutch for the Master who uploads it) when it is not
a zip, is too large, unpacks to too much (``MAX_UNPACKED_BYTES``) or by too high a ratio (a
zip bomb), holds too many files, has a path that leaves its folder (zip slip: ``..``, an
absolute path, a drive letter, a backslash), a symbolic link, or a file of a type that runs
outside the browser (``.exe``, ``.sh``, …); or when it has neither an ``imsmanifest.xml``
(SCORM) nor a ``cmi5.xml`` (cmi5) at its root that parses (with defusedxml: no entity
expansion, no external entities) and names a launch file that is in the zip."""

import posixpath
import stat
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ZIP_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_FILES = 5000
MAX_RATIO = 100
FORBIDDEN_EXTENSIONS = {
    ".exe", ".dll", ".com", ".bat", ".cmd", ".msi", ".scr", ".ps1", ".vbs", ".sh", ".bash", ".jar",
    ".apk", ".app", ".dmg", ".deb", ".rpm", ".php", ".py", ".pl", ".cgi", ".asp", ".aspx", ".jsp",
}  # fmt: skip

SCORM12 = "scorm12"
SCORM2004 = "scorm2004"
CMI5 = "cmi5"


@dataclass(frozen=True)
class PackageInfo:
    standard: str
    launch: str
    title: str
    files: int
    unpacked_bytes: int
    activity_id: str = ""  # cmi5: the AU's id (its activity id in the statements)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element, name: str) -> str:
    for key, value in element.attrib.items():
        if _local(key).lower() == name.lower():
            return value
    return ""


def _children(element, name: str):
    return [child for child in element.iter() if _local(child.tag) == name]


def _safe_name(name: str) -> bool:
    if not name or "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return False
    return ".." not in name.split("/")


def _check_entries(archive: zipfile.ZipFile, size: int) -> tuple[int, int]:
    entries = archive.infolist()
    if len(entries) > MAX_FILES:
        raise ValidationError(_("The package holds more than %(count)s files."), params={"count": MAX_FILES})
    total = 0
    for entry in entries:
        if not _safe_name(entry.filename):
            raise ValidationError(
                _("The package has a file outside its folder: %(name)s"), params={"name": entry.filename[:100]}
            )
        if stat.S_ISLNK(entry.external_attr >> 16):
            raise ValidationError(_("The package holds a link: %(name)s"), params={"name": entry.filename[:100]})
        if posixpath.splitext(entry.filename.lower())[1] in FORBIDDEN_EXTENSIONS:
            raise ValidationError(
                _("The package holds a file type that is not allowed: %(name)s"), params={"name": entry.filename[:100]}
            )
        total += entry.file_size
    if total > MAX_UNPACKED_BYTES or total > max(size, 1) * MAX_RATIO:
        raise ValidationError(_("The package unpacks to too much data; it may be a zip bomb."))
    return len([entry for entry in entries if not entry.is_dir()]), total


def _read_xml(archive: zipfile.ZipFile, name: str):
    with archive.open(name) as handle:
        data = handle.read(5 * 1024 * 1024 + 1)
    if len(data) > 5 * 1024 * 1024:
        raise ValidationError(_("%(name)s is too large."), params={"name": name})
    try:
        return ElementTree.fromstring(data)
    except Exception as error:  # defusedxml's refusals and ParseError alike
        raise ValidationError(_("%(name)s cannot be read: %(error)s"), params={"name": name, "error": error}) from None


def _scorm(root, names: set[str]) -> tuple[str, str, str]:
    version = " ".join(element.text or "" for element in _children(root, "schemaversion")).strip()
    standard = SCORM2004 if "2004" in version or "CAM 1.3" in version else SCORM12
    resources = {_attr(resource, "identifier"): resource for resource in _children(root, "resource")}
    organizations = _children(root, "organizations")
    default = _attr(organizations[0], "default") if organizations else ""
    candidates = [org for org in _children(root, "organization") if _attr(org, "identifier") == default] or (
        _children(root, "organization")
    )
    title, href = "", ""
    for organization in candidates[:1]:
        titles = [child for child in organization if _local(child.tag) == "title"]
        title = (titles[0].text or "").strip() if titles else ""
        for item in _children(organization, "item"):
            resource = resources.get(_attr(item, "identifierref"))
            if resource is not None and _attr(resource, "href"):
                href = _attr(resource, "href") + (_attr(item, "parameters") or "")
                break
    if not href:
        scos = [r for r in resources.values() if _attr(r, "scormtype").lower() == "sco" and _attr(r, "href")]
        href = _attr(scos[0], "href") if scos else ""
    return standard, href, title


def _cmi5(root) -> tuple[str, str, str, str]:
    units = _children(root, "au")
    if not units:
        return CMI5, "", "", ""
    urls = [child for child in units[0] if _local(child.tag) == "url"]
    titles = [element for element in units[0].iter() if _local(element.tag) == "langstring"]
    url = (urls[0].text or "").strip() if urls else ""
    return CMI5, url, (titles[0].text or "").strip() if titles else "", _attr(units[0], "id")


def inspect(file) -> PackageInfo:
    """Check the zip in ``file`` (a path or a file object) as the module docstring says.
    Returns what it is (``PackageInfo``); raises ``ValidationError`` with the reason."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_ZIP_BYTES:
        raise ValidationError(_("The package is larger than %(mb)s MB."), params={"mb": MAX_ZIP_BYTES // (1024 * 1024)})
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError):
        raise ValidationError(_("This is not a zip file.")) from None
    with archive:
        files, unpacked = _check_entries(archive, size or sum(e.compress_size for e in archive.infolist()))
        names = {entry.filename for entry in archive.infolist()}
        if "imsmanifest.xml" in names:
            standard, launch, title = _scorm(_read_xml(archive, "imsmanifest.xml"), names)
            activity_id = ""
        elif "cmi5.xml" in names:
            standard, launch, title, activity_id = _cmi5(_read_xml(archive, "cmi5.xml"))
        else:
            raise ValidationError(
                _("The package has no imsmanifest.xml (SCORM) or cmi5.xml (cmi5) in its root folder.")
            )
        path = launch.split("?", 1)[0].split("#", 1)[0]
        if not launch or (not path.startswith(("http://", "https://")) and path not in names):
            raise ValidationError(_("The package's manifest names no launch file that the package holds."))
        if path.startswith(("http://", "https://")):
            raise ValidationError(_("The package starts from another website; only packages that hold their content."))
    if standard == CMI5 and not activity_id:
        raise ValidationError(_("The package's cmi5.xml gives its AU no id."))
    return PackageInfo(
        standard=standard, launch=launch, title=title, files=files, unpacked_bytes=unpacked, activity_id=activity_id
    )


def unpack(file, storage, folder: str) -> None:
    """Write the files of the checked zip ``file`` under ``folder`` of ``storage``."""
    from django.core.files.base import ContentFile

    with zipfile.ZipFile(file) as archive:
        for entry in archive.infolist():
            if entry.is_dir() or not _safe_name(entry.filename):
                continue
            with archive.open(entry) as handle:
                storage.save(f"{folder}/{entry.filename}", ContentFile(handle.read()))
