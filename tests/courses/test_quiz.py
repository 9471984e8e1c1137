"""Quiz grading on the server (``courses.quiz``), tested on the block value itself."""

import pytest

from courses.blocks import QuizBlock
from courses.quiz import InvalidAnswers, grade, normalise_answers, public_quiz
from tests.factories import choice, question, quiz_block


def make_quiz(*questions, pass_mark=70):
    raw = quiz_block(list(questions), pass_mark=pass_mark)["value"]
    return QuizBlock().to_python(raw)


def ids(quiz):
    """{question text: (question id, {choice text: choice id})}"""
    return {
        q.value["text"]: (q.id, {c.value["text"]: c.id for c in q.value["choices"].bound_blocks})
        for q in quiz["questions"].bound_blocks
    }


@pytest.fixture
def quiz():
    return make_quiz(
        question("Pick A", [choice("A", True), choice("B")]),
        question("A and C", [choice("A", True), choice("B"), choice("C", True)], kind="multiple"),
        question("The sky is blue", [choice("True", True), choice("False")], kind="true_false"),
    )


def answers_for(quiz, picks):
    found = ids(quiz)
    return {found[text][0]: [found[text][1][c] for c in chosen] for text, chosen in picks.items()}


ALL_RIGHT = {"Pick A": ["A"], "A and C": ["A", "C"], "The sky is blue": ["True"]}


def test_all_right_passes_and_reveals_the_correct_answers(quiz):
    result = grade(quiz, answers_for(quiz, ALL_RIGHT))
    assert (result.score, result.max_score, result.passed, result.pass_mark) == (3, 3, True, 70)
    assert all(item["correct"] and "correct_choices" in item for item in result.feedback)


def test_a_multiple_choice_question_counts_only_for_exactly_the_correct_set(quiz):
    result = grade(quiz, answers_for(quiz, {**ALL_RIGHT, "A and C": ["A"]}))
    assert result.score == 2 and not result.passed  # 67% < 70%
    too_many = grade(quiz, answers_for(quiz, {**ALL_RIGHT, "A and C": ["A", "B", "C"]}))
    assert too_many.score == 2


def test_a_failed_attempt_explains_the_chosen_answers_but_hides_the_right_ones(quiz):
    result = grade(quiz, answers_for(quiz, {"Pick A": ["B"], "A and C": ["B"], "The sky is blue": ["False"]}))
    assert result.score == 0 and not result.passed
    assert all("correct_choices" not in item for item in result.feedback)
    first = result.feedback[0]
    assert first["explanations"] == [{"choice": ids(quiz)["Pick A"][1]["B"], "correct": False, "text": "About B."}]


def test_the_pass_mark_is_a_share_of_the_questions():
    quiz = make_quiz(
        question("One", [choice("Yes", True), choice("No")]),
        question("Two", [choice("Yes", True), choice("No")]),
        pass_mark=50,
    )
    assert grade(quiz, answers_for(quiz, {"One": ["Yes"], "Two": ["No"]})).passed
    strict = make_quiz(question("One", [choice("Yes", True), choice("No")]), pass_mark=100)
    assert not grade(strict, answers_for(strict, {"One": ["No"]})).passed


def test_a_single_answer_may_come_as_a_string_and_duplicates_collapse(quiz):
    found = ids(quiz)
    answers = answers_for(quiz, ALL_RIGHT)
    answers[found["Pick A"][0]] = found["Pick A"][1]["A"]
    answers[found["A and C"][0]] = [found["A and C"][1]["C"], found["A and C"][1]["A"], found["A and C"][1]["C"]]
    cleaned = normalise_answers(quiz, answers)
    assert cleaned[found["Pick A"][0]] == [found["Pick A"][1]["A"]]
    assert cleaned[found["A and C"][0]] == sorted([found["A and C"][1]["A"], found["A and C"][1]["C"]])


@pytest.mark.parametrize(
    "mangle, message",
    [
        (lambda a, q: "not a dict", "must be an object"),
        (lambda a, q: {**a, "no-such-question": ["x"]}, "Unknown question"),
        (lambda a, q: {k: v for k, v in a.items() if k != q}, "Please answer question 1"),
        (lambda a, q: {**a, q: []}, "Please answer question 1"),
        (lambda a, q: {**a, q: ["no-such-choice"]}, "has no such answer"),
        (lambda a, q: {**a, q: [1, 2]}, "must be a list of choice ids"),
    ],
)
def test_answers_that_do_not_fit_the_quiz_are_refused(quiz, mangle, message):
    answers = answers_for(quiz, ALL_RIGHT)
    first = ids(quiz)["Pick A"][0]
    with pytest.raises(InvalidAnswers, match=message) as excinfo:
        grade(quiz, mangle(answers, first))
    assert excinfo.value.status_code == 400 and isinstance(excinfo.value, ValueError)


def test_two_answers_to_a_single_choice_question_are_refused(quiz):
    found = ids(quiz)
    answers = answers_for(quiz, ALL_RIGHT)
    answers[found["Pick A"][0]] = list(found["Pick A"][1].values())
    with pytest.raises(InvalidAnswers, match="exactly one answer"):
        normalise_answers(quiz, answers)


def test_the_public_quiz_has_no_correct_answers_or_explanations(quiz):
    shown = public_quiz(quiz)
    assert shown["pass_mark"] == 70 and [q["kind"] for q in shown["questions"]] == ["single", "multiple", "true_false"]
    assert "correct" not in str(shown) and "About" not in str(shown)
    assert [c["text"] for c in shown["questions"][1]["choices"]] == ["A", "B", "C"]
    assert shown["questions"][0]["id"] == ids(quiz)["Pick A"][0]
