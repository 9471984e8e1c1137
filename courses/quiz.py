"""Quiz questions as the learner may see them, and grading on the server.

Question and choice ids are the StreamField list-item ids, which stay the same across
translations of a lesson, so an attempt means the same in Dutch and English.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.errors import InvalidInput

from .blocks import MULTIPLE


class InvalidAnswers(InvalidInput, ValueError):
    """The submitted answers do not fit the quiz; the message says why (400)."""

    default_code = "invalid_answers"


@dataclass
class Grade:
    score: int
    max_score: int
    passed: bool
    pass_mark: int
    feedback: list[dict] = field(default_factory=list)


# The lesson page says "(more than one answer)" beside every multiple-choice question; an
# author's own copy of that hint at the end of the question text would show it twice.
_MULTIPLE_HINT = re.compile(
    r"\s*\((?:meerdere (?:goede )?antwoorden mogelijk|choose all that apply|select all that apply"
    r"|more than one answer(?: possible)?)\.?\)\s*$",
    re.IGNORECASE,
)


def question_text(question) -> str:
    """The question as learners read it: without a trailing multiple-answer hint on a
    multiple-choice question (the page adds its own, once)."""
    text = question["text"]
    if question["kind"] == MULTIPLE:
        text = _MULTIPLE_HINT.sub("", text)
    return text


def _questions(quiz):
    return [(child.id, child.value) for child in quiz["questions"].bound_blocks]


def _choices(question):
    return [(child.id, child.value) for child in question["choices"].bound_blocks]


def public_quiz(quiz) -> dict:
    """The quiz without correct answers or explanations: safe to send before an attempt."""
    return {
        "intro": quiz["intro"],
        "pass_mark": quiz["pass_mark"],
        "questions": [
            {
                "id": question_id,
                "kind": question["kind"],
                "text": question_text(question),
                "choices": [{"id": choice_id, "text": choice["text"]} for choice_id, choice in _choices(question)],
            }
            for question_id, question in _questions(quiz)
        ],
    }


def normalise_answers(quiz, answers) -> dict[str, list[str]]:
    """Check ``{"<question id>": ["<choice id>", ...]}`` against the quiz. Every question
    must be answered, with known choices, one choice for single and true/false questions."""
    if not isinstance(answers, dict):
        raise InvalidAnswers(_("Answers must be an object mapping question ids to lists of choice ids."))
    questions = dict(_questions(quiz))
    unknown = [key for key in answers if key not in questions]
    if unknown:
        raise InvalidAnswers(_("Unknown question: %(id)s.") % {"id": unknown[0]})
    cleaned = {}
    for position, (question_id, question) in enumerate(questions.items(), start=1):
        chosen = answers.get(question_id)
        if chosen is None or chosen == []:
            raise InvalidAnswers(_("Please answer question %(number)s.") % {"number": position})
        if isinstance(chosen, str):
            chosen = [chosen]
        if not isinstance(chosen, list) or not all(isinstance(c, str) for c in chosen):
            raise InvalidAnswers(
                _("The answer to question %(number)s must be a list of choice ids.") % {"number": position}
            )
        valid = {choice_id for choice_id, _choice in _choices(question)}
        if any(c not in valid for c in chosen):
            raise InvalidAnswers(_("Question %(number)s has no such answer.") % {"number": position})
        if question["kind"] != MULTIPLE and len(set(chosen)) != 1:
            raise InvalidAnswers(_("Choose exactly one answer for question %(number)s.") % {"number": position})
        cleaned[question_id] = sorted(set(chosen))
    return cleaned


def grade(quiz, answers) -> Grade:
    """Grade answers on the server (whatever score a client claims is ignored). One point
    per question; a multiple-choice question counts when exactly the correct set is chosen.
    Feedback explains each chosen answer; the correct answers are revealed once passed."""
    cleaned = normalise_answers(quiz, answers)
    score = 0
    feedback = []
    questions = _questions(quiz)
    for question_id, question in questions:
        choices = _choices(question)
        correct_ids = sorted(choice_id for choice_id, choice in choices if choice["correct"])
        chosen = cleaned[question_id]
        is_correct = chosen == correct_ids
        score += int(is_correct)
        feedback.append(
            {
                "question": question_id,
                "correct": is_correct,
                "chosen": chosen,
                "explanations": [
                    {"choice": choice_id, "correct": bool(choice["correct"]), "text": choice["explanation"]}
                    for choice_id, choice in choices
                    if choice_id in chosen and choice["explanation"]
                ],
            }
        )
    max_score = len(questions)
    pass_mark = quiz["pass_mark"]
    passed = max_score == 0 or score * 100 >= pass_mark * max_score
    if passed:
        answers_by_question = {
            question_id: sorted(choice_id for choice_id, choice in _choices(question) if choice["correct"])
            for question_id, question in questions
        }
        for item in feedback:
            item["correct_choices"] = answers_by_question[item["question"]]
    return Grade(score=score, max_score=max_score, passed=passed, pass_mark=pass_mark, feedback=feedback)
