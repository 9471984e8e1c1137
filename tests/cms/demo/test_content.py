"""The demo's data files: the real ones load and keep the content's invariants, and a
malformed file is refused with a message naming the file, the line and the key."""

import copy
import shutil
import textwrap

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.test import override_settings

from cms.demo import content
from cms.demo.content import LANGUAGES, DemoDataError, load
from people.models import Member


def texts(value):
    """Every bilingual text in a loaded value, with where it is."""
    if isinstance(value, dict) and set(value) == set(LANGUAGES):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


def test_every_data_file_loads():
    demo = load()

    course_files = {file.stem for file in (content.DATA_DIR / "courses").glob("*.yaml")}
    assert {course["slug"] for course in demo.courses} == course_files
    assert [path["slug"] for path in demo.paths] == ["ambassador-to-creator"]
    path = demo.paths[0]
    assert path["target_role"] == "creator"
    assert [course["slug"] for course in path["courses"]] == [
        "linkedin-profile",
        "stories-from-the-work-floor",
        "photo-and-video-with-your-phone",
        "six-cs-of-a-social-company",
    ]
    assert demo.site["course_index"]["slug"] == "e-learning"


def test_every_text_is_written_in_dutch_and_english():
    demo = load()
    found = list(texts([demo.site, demo.paths, demo.courses]))
    assert len(found) > 300
    for text in found:
        assert all(isinstance(text[language], str) and text[language].strip() for language in LANGUAGES), text


def test_every_lesson_has_a_quiz_with_a_correct_answer_to_every_question():
    for course in load().courses:
        slugs = [lesson["slug"] for lesson in course["lessons"]]
        assert len(slugs) == len(set(slugs)), course["slug"]
        for lesson in course["lessons"]:
            assert lesson["body"], lesson["slug"]
            quiz = lesson["quiz"]
            assert 0 < quiz["pass_mark"] <= 100
            for question in quiz["questions"]:
                correct = [choice for choice in question["choices"] if choice["correct"]]
                if question["kind"] == "multiple":
                    assert correct, (lesson["slug"], question["text"]["en"])
                else:
                    assert len(correct) == 1, (lesson["slug"], question["text"]["en"])


def test_prerequisites_come_before_the_course_that_needs_them():
    seen = set()
    for course in load().courses:
        assert set(course["prerequisites"]) <= seen, course["slug"]
        seen.add(course["slug"])


# --- Malformed files ---------------------------------------------------------------------

SITE = {
    "home": {"title": {"nl": "Thuis", "en": "Home"}, "intro": {"nl": "<p>Hallo</p>", "en": "<p>Hello</p>"}},
    "course_index": {"slug": "e-learning", "title": {"nl": "E-learning", "en": "E-learning"}},
}
PATH = {
    "title": {"nl": "Pad", "en": "Path"},
    "intro": {"nl": "Inleiding", "en": "Introduction"},
    "target_role": "creator",
    "courses": ["basics", "advanced"],
}


def course(*, prerequisites=()):
    return {
        "title": {"nl": "Cursus", "en": "Course"},
        "summary": {"nl": "Samenvatting", "en": "Summary"},
        "estimated_minutes": 10,
        "prerequisites": list(prerequisites),
        "lessons": [
            {
                "slug": "first",
                "title": {"nl": "Eerste", "en": "First"},
                "body": [
                    {"heading": {"nl": "Kop", "en": "Heading"}},
                    {"paragraph": {"nl": "<p>Tekst</p>", "en": "<p>Text</p>"}},
                    {"tip": {"nl": "<p>Tip</p>", "en": "<p>Tip</p>"}},
                    {
                        "assignment": {
                            "title": {"nl": "Doe het", "en": "Do it"},
                            "instructions": {"nl": "<p>Nu</p>", "en": "<p>Now</p>"},
                        }
                    },
                ],
                "quiz": {
                    "pass_mark": 70,
                    "questions": [
                        {
                            "kind": "single",
                            "text": {"nl": "Vraag?", "en": "Question?"},
                            "choices": [
                                {
                                    "correct": True,
                                    "text": {"nl": "Ja", "en": "Yes"},
                                    "explanation": {"nl": "Goed", "en": "Right"},
                                },
                                {
                                    "correct": False,
                                    "text": {"nl": "Nee", "en": "No"},
                                    "explanation": {"nl": "Fout", "en": "Wrong"},
                                },
                            ],
                        }
                    ],
                },
            }
        ],
    }


def write(root, *, site=SITE, paths=None, courses=None):
    """A data folder like cms/demo/data/, by default two courses in one path."""
    paths = {"starter": PATH} if paths is None else paths
    courses = {"basics": course(), "advanced": course(prerequisites=["basics"])} if courses is None else courses
    shutil.rmtree(root, ignore_errors=True)
    (root / "paths").mkdir(parents=True)
    (root / "courses").mkdir()
    (root / "site.yaml").write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False))
    for name, value in paths.items():
        (root / "paths" / f"{name}.yaml").write_text(yaml.safe_dump(value, sort_keys=False))
    for name, value in courses.items():
        (root / "courses" / f"{name}.yaml").write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False))
    return root


def broken(tmp_path, change, name="advanced"):
    """The default data with ``change(course)`` applied to one course."""
    changed = course(prerequisites=["basics"] if name == "advanced" else [])
    change(changed)
    courses = {"basics": course(), "advanced": course(prerequisites=["basics"])}
    courses[name] = changed
    return write(tmp_path / "data", courses=courses)


def first_question(data):
    return data["lessons"][0]["quiz"]["questions"][0]


def test_the_minimal_data_set_loads(tmp_path):
    demo = load(write(tmp_path / "data"))
    assert [course["slug"] for course in demo.courses] == ["basics", "advanced"]
    assert demo.courses[1]["prerequisites"] == ["basics"]
    assert demo.courses[0]["lessons"][0]["body"][3] == {
        "type": "assignment",
        "value": {"title": {"nl": "Doe het", "en": "Do it"}, "instructions": {"nl": "<p>Nu</p>", "en": "<p>Now</p>"}},
    }


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        (
            lambda c: c["lessons"][0]["title"].pop("en"),
            "lessons[1].title",
            "missing 'en'",
        ),
        (
            lambda c: first_question(c)["choices"][0].update(correct=False),
            "lessons[1].quiz.questions[1].choices",
            "a single question has exactly one answer with 'correct: true', found 0",
        ),
        (
            lambda c: [choice.update(correct=True) for choice in first_question(c)["choices"]],
            "lessons[1].quiz.questions[1].choices",
            "a single question has exactly one answer with 'correct: true', found 2",
        ),
        (
            lambda c: first_question(c).update(
                kind="multiple", choices=[dict(choice, correct=False) for choice in first_question(c)["choices"]]
            ),
            "lessons[1].quiz.questions[1].choices",
            "no answer has 'correct: true'",
        ),
        (
            lambda c: first_question(c).update(kind="true_false", choices=first_question(c)["choices"] * 2),
            "lessons[1].quiz.questions[1].choices",
            "a true_false question has exactly two answers, found 4",
        ),
        (
            lambda c: first_question(c).update(kind="open"),
            "lessons[1].quiz.questions[1].kind",
            "unknown question kind 'open'",
        ),
        (
            lambda c: first_question(c).update(choices=first_question(c)["choices"][:1]),
            "lessons[1].quiz.questions[1].choices",
            "expected at least 2, found 1",
        ),
        (
            lambda c: first_question(c)["choices"][1].update(
                explanaton=first_question(c)["choices"][1].pop("explanation")
            ),
            "lessons[1].quiz.questions[1].choices[2].explanaton",
            "unknown key 'explanaton'",
        ),
        (
            lambda c: first_question(c)["choices"][1].update(correct="no"),
            "lessons[1].quiz.questions[1].choices[2].correct",
            "expected true or false, found the text 'no'",
        ),
        (
            lambda c: first_question(c)["choices"][0]["text"].update(nl=True),
            "lessons[1].quiz.questions[1].choices[1].text.nl",
            "expected a text, found true (put the text in quotes)",
        ),
        (
            lambda c: c["lessons"][0]["quiz"].update(pass_mark=120),
            "lessons[1].quiz.pass_mark",
            "expected a number from 0 to 100, found 120",
        ),
        (
            lambda c: c["lessons"][0]["body"].append({"video": {"nl": "x", "en": "y"}}),
            "lessons[1].body[5].video",
            "unknown block type 'video'",
        ),
        (
            lambda c: c["lessons"][0]["body"][0]["heading"].update(en="Two\nlines"),
            "lessons[1].body[1].heading.en",
            "a line break in a one-line text",
        ),
        (
            lambda c: c["lessons"].append(copy.deepcopy(c["lessons"][0])),
            "lessons[2].slug",
            "two lessons in this course have the slug 'first'",
        ),
        (
            lambda c: c["lessons"][0].update(slug="first lesson"),
            "lessons[1].slug",
            "'first lesson' is not a slug",
        ),
        (
            lambda c: c.update(summary={"nl": "x" * 501, "en": "y"}),
            "summary.nl",
            "the text has 501 characters, at most 500 fit",
        ),
        (
            lambda c: c.update(prerequisites=["advanced"]),
            "prerequisites[1]",
            "a course cannot be its own prerequisite",
        ),
        (
            lambda c: c.update(prerequisites=["cooking"]),
            "prerequisites[1]",
            "no course 'cooking': there is no file courses/cooking.yaml",
        ),
        (
            lambda c: c.pop("lessons"),
            "",
            "missing 'lessons'",
        ),
    ],
)
def test_a_malformed_course_is_refused_naming_file_and_key(tmp_path, change, key, problem):
    root = broken(tmp_path, change)
    with pytest.raises(DemoDataError) as refused:
        load(root)
    message = str(refused.value)
    assert message.startswith(f"{root / 'courses' / 'advanced.yaml'}, line ")
    assert (f", {key}: " if key else ": ") in message
    assert problem in message


def test_a_prerequisite_must_come_earlier_in_the_path(tmp_path):
    root = broken(tmp_path, lambda c: c.update(prerequisites=["advanced"]), name="basics")
    with pytest.raises(
        DemoDataError, match=r"basics\.yaml, line \d+, prerequisites\[1\]: the prerequisite 'advanced' "
    ):
        load(root)


def test_the_error_names_the_line_of_the_mistake(tmp_path):
    root = write(tmp_path / "data")
    (root / "courses" / "basics.yaml").write_text(
        textwrap.dedent(
            """\
            title:
              nl: Cursus
              en: Course
            summary:
              nl: >-
                Een samenvatting
                over twee regels.
              en: A summary
            estimated_minutes: 10
            prerequisites: []
            lessons:
              - slug: first
                title:
                  nl: Eerste
                  nl: First
                body: []
            """
        )
    )
    with pytest.raises(DemoDataError) as refused:
        load(root)
    assert str(refused.value) == f"{root / 'courses' / 'basics.yaml'}, line 15: not valid YAML: 'nl' appears twice"

    (root / "courses" / "basics.yaml").write_text(
        (root / "courses" / "basics.yaml").read_text().replace("      nl: First", "      en: First\n     body: x")
    )
    with pytest.raises(DemoDataError, match=r"basics\.yaml, line 16: not valid YAML: "):
        load(root)


def test_a_colon_in_an_unquoted_text_is_explained(tmp_path):
    root = write(tmp_path / "data")
    file = root / "courses" / "basics.yaml"
    file.write_text(file.read_text().replace("nl: Kop", "nl: Let op: kop"))
    with pytest.raises(DemoDataError) as refused:
        load(root)
    assert str(refused.value).endswith("(a text with ': ' in it goes in quotes, or in a '>-' block)")


@pytest.mark.parametrize(
    ("paths", "courses", "file", "expected"),
    [
        (
            {"starter": dict(PATH, courses=["basics", "cooking"])},
            None,
            "paths/starter.yaml",
            ", courses[2]: no course 'cooking': there is no file courses/cooking.yaml",
        ),
        (
            {"starter": dict(PATH, courses=["basics", "basics"])},
            {"basics": course()},
            "paths/starter.yaml",
            ", courses[2]: the course 'basics' is in this path twice",
        ),
        (
            {"starter": dict(PATH, target_role="chef")},
            None,
            "paths/starter.yaml",
            ", target_role: unknown role 'chef'",
        ),
        (
            {"starter": dict(PATH, courses=["basics"])},
            None,
            "courses/advanced.yaml",
            ": the course is in no learning path; add 'advanced' to the courses of a file in paths/",
        ),
        ({}, None, "paths", ": no learning path (a .yaml file) in this folder"),
    ],
)
def test_a_malformed_path_is_refused_naming_file_and_key(tmp_path, paths, courses, file, expected):
    root = write(tmp_path / "data", paths=paths, courses=courses)
    with pytest.raises(DemoDataError) as refused:
        load(root)
    message = str(refused.value)
    assert message.startswith(str(root / file))
    assert expected in message


def test_a_malformed_site_file_is_refused(tmp_path):
    root = write(tmp_path / "data", site={"home": SITE["home"]})
    with pytest.raises(DemoDataError, match=r"site\.yaml, line 1: missing 'course_index'$"):
        load(root)
    (root / "site.yaml").unlink()
    with pytest.raises(DemoDataError, match=r"site\.yaml: file not found$"):
        load(root)


def test_a_file_in_the_project_is_named_from_the_project_root(tmp_path, monkeypatch):
    monkeypatch.setattr(content, "PROJECT_DIR", tmp_path)
    root = tmp_path / "cms" / "demo" / "data"
    shutil.copytree(content.DATA_DIR, root)
    file = root / "courses" / "linkedin-profile.yaml"
    file.write_text(file.read_text().replace("estimated_minutes: 30", "estimated_minutes: half an hour"))
    with pytest.raises(DemoDataError) as refused:
        load(root)
    assert str(refused.value).startswith("cms/demo/data/courses/linkedin-profile.yaml, line ")
    assert str(refused.value).endswith(", estimated_minutes: expected a whole number, found the text 'half an hour'")


@pytest.mark.django_db
def test_seed_demo_stops_before_changing_anything_when_a_file_is_malformed(tmp_path, monkeypatch):
    root = broken(tmp_path, lambda c: first_question(c)["choices"][0].update(correct=False))
    monkeypatch.setattr(content, "DATA_DIR", root)
    with override_settings(DEBUG=True), pytest.raises(CommandError) as refused:
        call_command("seed_demo", verbosity=0)
    assert str(refused.value).startswith(f"A demo data file needs fixing: {root / 'courses' / 'advanced.yaml'}, line ")
    assert not Member.objects.exists()
