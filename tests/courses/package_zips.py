"""Small e-learning packages the tests build: a SCORM 1.2 page that sets
``cmi.core.lesson_status``, a SCORM 2004 page that sets ``cmi.completion_status`` and
``cmi.success_status``, a cmi5 course structure; and broken zips."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from courses.models import LearningPackage

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="social-shift-test" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>{title}</title>
    <item identifier="item" identifierref="res"><title>{title}</title></item></organization></organizations>
  <resources><resource identifier="res" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/></resource></resources>
</manifest>"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="social-shift-test-2004" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>{title}</title>
    <item identifier="item" identifierref="res"><title>{title}</title></item></organization></organizations>
  <resources><resource identifier="res" type="webcontent" adlcp:scormType="sco" href="content/start.html">
    <file href="content/start.html"/></resource></resources>
</manifest>"""

CMI5 = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/course/1"><title><langstring lang="nl-NL">{title}</langstring></title></course>
  <au id="https://example.org/au/1" moveOn="Passed"><title><langstring lang="nl-NL">{title}</langstring></title>
    <url>au.html</url></au>
</courseStructure>"""

# The pages call the runtime as an authoring tool's export does: find the API on the parent.
PAGE_12 = """<!doctype html><html><head><meta charset="utf-8"><title>SCORM 1.2</title></head><body>
<p id="state">loading</p><button id="finish" type="button">Afronden</button>
<script>
var api = window.parent && window.parent.API;
document.getElementById("state").textContent = api && api.LMSInitialize("") === "true" ? "ready" : "no api";
document.getElementById("finish").addEventListener("click", function () {
  api.LMSSetValue("cmi.core.score.raw", "{raw}");
  api.LMSSetValue("cmi.core.score.max", "100");
  api.LMSSetValue("cmi.core.lesson_status", "{status}");
  api.LMSCommit("");
  api.LMSFinish("");
  document.getElementById("state").textContent = "finished";
});
</script></body></html>"""

PAGE_2004 = """<!doctype html><html><body><script>
var api = window.parent.API_1484_11; api.Initialize("");
api.SetValue("cmi.completion_status", "completed"); api.SetValue("cmi.success_status", "passed");
api.SetValue("cmi.score.scaled", "0.9"); api.Terminate("");
</script></body></html>"""


def zip_bytes(files: dict[str, bytes | str], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def scorm12(title="Je LinkedIn-profiel", status="completed", raw="80") -> bytes:
    return zip_bytes(
        {
            "imsmanifest.xml": MANIFEST_12.format(title=title),
            "index.html": PAGE_12.replace("{status}", status).replace("{raw}", raw),
        }
    )


def scorm2004(title="Posten met impact") -> bytes:
    return zip_bytes({"imsmanifest.xml": MANIFEST_2004.format(title=title), "content/start.html": PAGE_2004})


def cmi5(title="Het algoritme") -> bytes:
    return zip_bytes({"cmi5.xml": CMI5.format(title=title), "au.html": "<!doctype html><p>AU</p>"})


def upload(data: bytes, name="package.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/zip")


def make_package(data: bytes | None = None, **fields) -> LearningPackage:
    """A stored package (checked and unpacked as the Wagtail admin's form does)."""
    package = LearningPackage(file=upload(data or scorm12()), **fields)
    package.full_clean()
    package.save()
    return package


def attach(lesson, package):
    """``lesson`` plays ``package`` (published)."""
    lesson.package = package
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson
