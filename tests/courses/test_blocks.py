"""Lesson blocks: quiz questions that cannot be graded are refused when saved, videos embed
privacy-friendly, a lesson holds at most one quiz."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import LessonBodyBlock, QuizBlock, QuizQuestionBlock, video_embed_url
from tests.factories import choice, question, quiz_block


def question_value(kind, *correct):
    raw = {
        "kind": kind,
        "text": "Q",
        "choices": [
            {"type": "item", "id": str(uuid.uuid4()), "value": choice(f"C{i}", flag)} for i, flag in enumerate(correct)
        ],
    }
    return QuizQuestionBlock().to_python(raw)


def refusal(kind, *correct) -> str:
    with pytest.raises(StructBlockValidationError) as excinfo:
        QuizQuestionBlock().clean(question_value(kind, *correct))
    return " ".join(excinfo.value.block_errors["choices"].messages)


@pytest.mark.parametrize(
    "kind, correct",
    [("single", (True, False, False)), ("multiple", (True, False, True)), ("true_false", (False, True))],
)
def test_gradable_questions_are_accepted(kind, correct):
    value = QuizQuestionBlock().clean(question_value(kind, *correct))
    assert [c["correct"] for c in value["choices"]] == list(correct)


def test_a_single_choice_question_needs_exactly_one_correct_answer():
    assert "exactly one answer as correct" in refusal("single", True, True)
    assert "exactly one answer as correct" in refusal("single", False, False)


def test_a_multiple_choice_question_needs_a_correct_answer():
    assert "at least one answer as correct" in refusal("multiple", False, False, False)


def test_a_true_false_question_has_exactly_two_answers():
    assert "exactly two answers" in refusal("true_false", True, False, False)
    assert "exactly one answer as correct" in refusal("true_false", True, True)


def test_a_question_needs_two_answers():
    with pytest.raises(ValidationError):
        QuizQuestionBlock().clean(question_value("single", True))


def test_a_quiz_needs_a_question_and_a_pass_mark_between_0_and_100():
    block = QuizBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"intro": "", "pass_mark": 70, "questions": []}))
    raw = quiz_block([question("Q", [choice("A", True), choice("B")])], pass_mark=101)["value"]
    with pytest.raises(ValidationError):
        block.clean(block.to_python(raw))


def test_a_lesson_holds_at_most_one_quiz():
    body = LessonBodyBlock()
    one = quiz_block([question("Q", [choice("A", True), choice("B")])])
    two = [one, quiz_block([question("R", [choice("A", True), choice("B")])])]
    assert len(body.clean(body.to_python([one]))) == 1
    with pytest.raises(ValidationError):
        body.clean(body.to_python(two))


@pytest.mark.parametrize(
    "url, embed",
    [
        ("https://www.youtube.com/watch?v=abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://youtu.be/abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://m.youtube.com/embed/abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://intranet.example.com/film.mp4", None),
    ],
)
def test_videos_embed_without_tracking(url, embed):
    assert video_embed_url(url) == embed


def test_an_embed_url_is_escaped():
    assert '"' not in video_embed_url('https://youtu.be/x"onload="alert(1)')
