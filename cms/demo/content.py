"""The demo's e-learning content, read from the YAML files in ``cms/demo/data/`` (its
README.md says how to edit them): the learning paths, their courses with lessons and
quizzes, and the texts of the home page and the course overview.

Every file is checked as it is read, and a mistake is reported with the file, the line and
the key, so that whoever edits a course never has to read Python. What the checks demand
is what the pages need: both languages for every text, a slug for every lesson, quizzes
that Wagtail would accept (exactly one correct answer for single-choice and true/false
questions, at least one for multiple choice), prerequisites that come earlier in a path.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import yaml

from people.models import Role

DATA_DIR = Path(__file__).with_name("data")
PROJECT_DIR = Path(__file__).resolve().parents[2]
LANGUAGES = ("nl", "en")
QUESTION_KINDS = ("single", "multiple", "true_false")
# A lesson's blocks (its quiz aside); each holds a bilingual text, the assignment two.
BLOCKS = ("heading", "paragraph", "tip", "assignment")
SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")  # Django's slug rule, as Wagtail checks page slugs
TITLE_LENGTH = 255  # Page.title
SUMMARY_LENGTH = 500  # CoursePage.summary


class DemoDataError(ValueError):
    """A data file the demo cannot use; the message names the file, the line and the key."""


@dataclass(frozen=True)
class DemoContent:
    """Everything the page tree is built from.

    ``courses`` holds each course once, in the order the pages are made (the paths' order,
    so a prerequisite always exists before the course that needs it); every course is a
    dict ``{slug, title, summary, estimated_minutes, prerequisites, lessons}``, every lesson
    ``{slug, title, body: [{type, value}], quiz?: {pass_mark, questions}}``, texts
    ``{"nl": ..., "en": ...}``. A path is ``{slug, title, intro, target_role, courses}``
    with its courses' dicts in order.
    """

    site: dict
    paths: list[dict]
    courses: list[dict]


def load(data_dir: Path | None = None) -> DemoContent:
    """Read and check every data file under ``data_dir`` (``DATA_DIR`` when not given);
    raises ``DemoDataError``."""
    data_dir = Path(data_dir or DATA_DIR)
    site = _site(_read(data_dir / "site.yaml"))
    course_files = {file.stem: file for file in sorted((data_dir / "courses").glob("*.yaml"))}
    path_files = sorted((data_dir / "paths").glob("*.yaml"))
    if not path_files:
        raise DemoDataError(f"{_shown(data_dir / 'paths')}: no learning path (a .yaml file) in this folder")
    courses: dict[str, dict] = {}
    paths = []
    for file in path_files:
        path_node = _read(file)
        spec = _path(path_node, course_files)
        for slug_node in path_node["courses"].items():
            slug = slug_node.value
            if slug not in courses:
                courses[slug] = _course(_read(course_files[slug]), slug_node, known=course_files, earlier=courses)
        spec["courses"] = [courses[slug] for slug in spec["courses"]]
        paths.append(spec)
    for slug, file in course_files.items():
        if slug not in courses:
            raise DemoDataError(
                f"{_shown(file)}: the course is in no learning path; add {slug!r} to the courses of a file in paths/"
            )
    return DemoContent(site=site, paths=paths, courses=list(courses.values()))


# --- Reading: YAML that remembers lines, and refuses duplicate keys ---------------------


class _Mapping(dict):
    line = 0
    lines: dict


class _Sequence(list):
    line = 0
    lines: list


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = _Mapping()
    mapping.line, mapping.lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            # YAML would silently keep the last one: a pasted second "nl:" must not win unseen.
            raise yaml.constructor.ConstructorError(None, None, f"{key!r} appears twice", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader, node):
    sequence = _Sequence(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line, sequence.lines = node.start_mark.line + 1, [child.start_mark.line + 1 for child in node.value]
    return sequence


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _shown(file: Path) -> str:
    """The file as a reader finds it: relative to the project when it lies inside."""
    try:
        return str(file.resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(file)


def _read(file: Path) -> "_Node":
    if not file.is_file():
        raise DemoDataError(f"{_shown(file)}: file not found")
    try:
        value = yaml.load(file.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a safe loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f", line {mark.line + 1}" if mark else ""
        problem = error.problem or error.context
        if "mapping values are not allowed" in str(problem):
            problem = f"{problem} (a text with ': ' in it goes in quotes, or in a '>-' block)"
        raise DemoDataError(f"{_shown(file)}{line}: not valid YAML: {problem}") from error
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise DemoDataError(f"{_shown(file)}: not valid YAML: {error}") from error
    return _Node(_shown(file), value, where="", line=getattr(value, "line", 1))


class _Node:
    """A value read from a data file, with where it came from, to name in an error."""

    def __init__(self, file: str, value, where: str, line: int):
        self.file, self.value, self.where, self.line = file, value, where, line

    def fail(self, problem: str) -> NoReturn:
        where = f", {self.where}" if self.where else ""
        raise DemoDataError(f"{self.file}, line {self.line}{where}: {problem}")

    def mapping(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> "_Node":
        if not isinstance(self.value, dict):
            self.fail(f"expected keys ({', '.join(required)}), found {_kind(self.value)}")
        for key in self.value:
            if key not in required and key not in optional:
                self._child(key).fail(f"unknown key {key!r}; expected one of: {', '.join((*required, *optional))}")
        missing = [key for key in required if key not in self.value]
        if missing:
            self.fail(f"missing {', '.join(repr(key) for key in missing)}")
        return self

    def __getitem__(self, key: str) -> "_Node":
        return self._child(key)

    def __contains__(self, key: str) -> bool:
        return key in self.value

    def _child(self, key: str) -> "_Node":
        where = f"{self.where}.{key}" if self.where else str(key)
        return _Node(self.file, self.value[key], where, self.value.lines.get(key, self.line))

    def items(self, at_least: int = 0) -> list["_Node"]:
        """The nodes of a list, numbered from 1 in messages as a reader counts them."""
        if not isinstance(self.value, list):
            self.fail(f"expected a list, found {_kind(self.value)}")
        if len(self.value) < at_least:
            self.fail(f"expected at least {at_least}, found {len(self.value)}")
        return [
            _Node(self.file, item, f"{self.where}[{n}]", line)
            for n, (item, line) in enumerate(zip(self.value, self.value.lines, strict=True), start=1)
        ]

    def text(self, *, single_line: bool = False, max_length: int | None = None) -> str:
        value = self.value
        if not isinstance(value, str):
            hint = " (put the text in quotes)" if isinstance(value, bool | int | float) else ""
            self.fail(f"expected a text, found {_kind(value)}{hint}")
        if not value.strip():
            self.fail("the text is empty")
        if single_line and "\n" in value:
            self.fail("a line break in a one-line text (in a '>-' block, indent every line the same)")
        if max_length and len(value) > max_length:
            self.fail(f"the text has {len(value)} characters, at most {max_length} fit")
        return value

    def texts(self, **checks) -> dict[str, str]:
        """A text in every language: ``{"nl": ..., "en": ...}``."""
        self.mapping(LANGUAGES)
        return {language: self[language].text(**checks) for language in LANGUAGES}

    def integer(self, low: int, high: int) -> int:
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            self.fail(f"expected a whole number, found {_kind(self.value)}")
        if not low <= self.value <= high:
            self.fail(f"expected a number from {low} to {high}, found {self.value}")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail(f"expected true or false, found {_kind(self.value)}")
        return self.value

    def slug(self) -> str:
        value = self.text(single_line=True)
        if not SLUG.match(value):
            self.fail(f"{value!r} is not a slug (letters, digits, '-' and '_' only)")
        return value


def _kind(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, dict):
        return f"keys ({', '.join(str(key) for key in value)})"
    if isinstance(value, list):
        return "a list"
    return repr(value)


# --- The files ---------------------------------------------------------------------------


def _site(node: _Node) -> dict:
    node.mapping(("home", "course_index"))
    home = node["home"].mapping(("title", "intro"))
    index = node["course_index"].mapping(("slug", "title"))
    return {
        "home": {
            "title": home["title"].texts(single_line=True, max_length=TITLE_LENGTH),
            "intro": home["intro"].texts(),
        },
        "course_index": {
            "slug": index["slug"].slug(),
            "title": index["title"].texts(single_line=True, max_length=TITLE_LENGTH),
        },
    }


def _path(node: _Node, course_files: dict[str, Path]) -> dict:
    node.mapping(("title", "intro", "target_role", "courses"))
    role = node["target_role"].text(single_line=True)
    if role not in Role.values:
        node["target_role"].fail(f"unknown role {role!r}; expected one of: {', '.join(Role.values)}")
    slugs = []
    for course in node["courses"].items(at_least=1):
        slug = course.slug()
        if slug in slugs:
            course.fail(f"the course {slug!r} is in this path twice")
        if slug not in course_files:
            course.fail(f"no course {slug!r}: there is no file courses/{slug}.yaml")
        slugs.append(slug)
    return {
        "slug": Path(node.file).stem,
        "title": node["title"].texts(single_line=True, max_length=200),  # LearningPath.title
        "intro": node["intro"].texts(),
        "target_role": role,
        "courses": slugs,
    }


def _course(node: _Node, named_at: _Node, *, known: dict[str, Path], earlier: dict[str, dict]) -> dict:
    """``named_at`` is the course's place in a path; ``earlier`` the courses before it."""
    node.mapping(("title", "summary", "estimated_minutes", "prerequisites", "lessons"))
    slug = named_at.value
    prerequisites = []
    for prerequisite in node["prerequisites"].items():
        required = prerequisite.slug()
        if required == slug:
            prerequisite.fail("a course cannot be its own prerequisite")
        if required not in known:
            prerequisite.fail(f"no course {required!r}: there is no file courses/{required}.yaml")
        if required not in earlier:
            prerequisite.fail(
                f"the prerequisite {required!r} must come before {slug!r} in the path ({named_at.file}, line "
                f"{named_at.line})"
            )
        prerequisites.append(required)
    lessons = [_lesson(lesson) for lesson in node["lessons"].items(at_least=1)]
    seen = set()
    for lesson_node, lesson in zip(node["lessons"].items(), lessons, strict=True):
        if lesson["slug"] in seen:
            lesson_node["slug"].fail(f"two lessons in this course have the slug {lesson['slug']!r}")
        seen.add(lesson["slug"])
    return {
        "slug": slug,
        "title": node["title"].texts(single_line=True, max_length=TITLE_LENGTH),
        "summary": node["summary"].texts(max_length=SUMMARY_LENGTH),
        "estimated_minutes": node["estimated_minutes"].integer(1, 32767),
        "prerequisites": prerequisites,
        "lessons": lessons,
    }


def _lesson(node: _Node) -> dict:
    node.mapping(("slug", "title", "body"), optional=("quiz",))
    lesson = {
        "slug": node["slug"].slug(),
        "title": node["title"].texts(single_line=True, max_length=TITLE_LENGTH),
        "body": [_block(block) for block in node["body"].items()],
    }
    if "quiz" in node:
        lesson["quiz"] = _quiz(node["quiz"])
    return lesson


def _block(node: _Node) -> dict:
    """A block is written ``- paragraph: {nl: ..., en: ...}``: its type is its one key."""
    if not isinstance(node.value, dict) or len(node.value) != 1:
        node.fail(f"a block has one key, its type ({', '.join(BLOCKS)}); found {_kind(node.value)}")
    kind = next(iter(node.value))
    if kind not in BLOCKS:
        node[kind].fail(f"unknown block type {kind!r}; expected one of: {', '.join(BLOCKS)}")
    if kind == "assignment":
        value = node[kind].mapping(("title", "instructions"))
        return {
            "type": kind,
            "value": {
                "title": value["title"].texts(single_line=True),
                "instructions": value["instructions"].texts(),
            },
        }
    return {"type": kind, "value": node[kind].texts(single_line=kind == "heading")}


def _quiz(node: _Node) -> dict:
    node.mapping(("pass_mark", "questions"))
    return {
        "pass_mark": node["pass_mark"].integer(0, 100),
        "questions": [_question(question) for question in node["questions"].items(at_least=1)],
    }


def _question(node: _Node) -> dict:
    node.mapping(("kind", "text", "choices"))
    kind = node["kind"].text()
    if kind not in QUESTION_KINDS:
        node["kind"].fail(f"unknown question kind {kind!r}; expected one of: {', '.join(QUESTION_KINDS)}")
    choices = []
    for choice in node["choices"].items(at_least=2):
        choice.mapping(("correct", "text", "explanation"))
        choices.append(
            {
                "text": choice["text"].texts(single_line=True),
                "correct": choice["correct"].boolean(),
                "explanation": choice["explanation"].texts(),
            }
        )
    correct = sum(choice["correct"] for choice in choices)
    # The same rules as courses.blocks.QuizQuestionBlock.clean, said for a data file.
    if kind == "true_false" and len(choices) != 2:
        node["choices"].fail(f"a true_false question has exactly two answers, found {len(choices)}")
    if kind in ("single", "true_false") and correct != 1:
        node["choices"].fail(f"a {kind} question has exactly one answer with 'correct: true', found {correct}")
    if kind == "multiple" and correct < 1:
        node["choices"].fail("no answer has 'correct: true'; a multiple question needs at least one")
    return {"kind": kind, "text": node["text"].texts(), "choices": choices}
