"""After an attempt the lesson shows the result and feedback above the form, which keeps
the learner's answers; the multiple-answer hint appears once per question."""

import pytest

from courses.quiz import public_quiz, question_text
from tests.factories import choice, lessons_of, make_course, question, quiz_block, text_body, wrong_answers

pytestmark = pytest.mark.django_db


def test_after_attempt_answers_stay_selected_and_feedback_is_above_the_form(logged_in):
    course = make_course("Quiz course", lessons=1, quiz_on=[0])
    lesson = lessons_of(course)[0]
    answers = wrong_answers(lesson)
    data = {f"q-{qid}": chosen for qid, chosen in answers.items()}
    response = logged_in.post(f"/learn/lessons/{lesson.pk}/quiz/", data)
    assert response.status_code == 302
    assert response["Location"].endswith("#quiz-result")
    html = logged_in.get(lesson.url).content.decode()
    quiz_form = html.index(f'action="/learn/lessons/{lesson.pk}/quiz/"')
    assert html.index('id="quiz-result"') < html.index('data-testid="quiz-feedback"') < quiz_form
    for chosen in answers.values():
        for choice_id in chosen:
            assert f'value="{choice_id}" checked' in html


def test_multiple_answer_hint_shown_once(logged_in):
    course = make_course("Hint course", lessons=1)
    lesson = lessons_of(course)[0]
    lesson.body = [
        *text_body(),
        quiz_block(
            [
                question(
                    "Which help? (Meerdere antwoorden mogelijk.)",
                    [choice("A", True), choice("B", True), choice("C")],
                    kind="multiple",
                ),
                question("Pick one (Choose all that apply.)", [choice("A", True), choice("B")]),
            ]
        ),
    ]
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    quiz = public_quiz(lesson.quiz)
    assert quiz["questions"][0]["text"] == "Which help?"
    # Only multiple-choice questions lose it: the page adds its hint to those only.
    assert quiz["questions"][1]["text"] == "Pick one (Choose all that apply.)"
    html = logged_in.get(lesson.url).content.decode()
    assert html.count("more than one answer") == 1
    assert "Meerdere antwoorden mogelijk" not in html


def test_question_text_keeps_other_parentheses():
    assert question_text({"kind": "multiple", "text": "Welke (twee) kies je?"}) == "Welke (twee) kies je?"
