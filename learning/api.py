"""The learner's API. Every endpoint: any signed-in member (all roles); courses and
lessons that are not live, whose course is not live, or whose audience leaves the member
out answer 404; a locked course answers 403 with the reason."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core.ids import id_from
from courses.models import CoursePage, LessonPage
from courses.quiz import public_quiz

from . import policies, selectors, services


def _certificate_url(request, completion) -> str | None:
    if completion is None:
        return None
    return request.build_absolute_uri(reverse("learning:certificate", args=[completion.certificate_code]))


class LessonSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="lesson.id")
    title = serializers.CharField(source="lesson.title")
    has_quiz = serializers.BooleanField(source="lesson.has_quiz")
    completed = serializers.BooleanField()
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return obj.lesson.get_url(self.context.get("request"))


class CourseProgressSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="course.id")
    title = serializers.CharField(source="course.title")
    summary = serializers.CharField(source="course.summary")
    estimated_minutes = serializers.IntegerField(source="course.estimated_minutes")
    language = serializers.SerializerMethodField()
    lessons_done = serializers.IntegerField(source="done")
    lessons_total = serializers.IntegerField(source="total")
    percent = serializers.IntegerField()
    completed = serializers.BooleanField()
    locked = serializers.SerializerMethodField()
    locked_reason = serializers.CharField(allow_null=True)
    certificate_url = serializers.SerializerMethodField()
    next_lesson = serializers.SerializerMethodField()

    def get_language(self, obj) -> str:
        return self.context["languages"].get(obj.course.locale_id, "")

    def get_locked(self, obj) -> bool:
        return obj.locked_reason is not None

    def get_certificate_url(self, obj) -> str | None:
        return _certificate_url(self.context["request"], obj.completion)

    def get_next_lesson(self, obj) -> int | None:
        return obj.next_lesson.id if obj.next_lesson else None


class CourseDetailSerializer(CourseProgressSerializer):
    lessons = LessonSummarySerializer(many=True)


class PathSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="path.id")
    title = serializers.CharField(source="path.title")
    intro = serializers.CharField(source="path.intro")
    target_role = serializers.CharField(source="path.target_role")
    lessons_done = serializers.IntegerField(source="done")
    lessons_total = serializers.IntegerField(source="total")
    percent = serializers.IntegerField()
    completed = serializers.BooleanField()
    courses = CourseProgressSerializer(many=True)


def _context(request, overview=None) -> dict:
    languages = overview.languages if overview is not None else selectors.languages()
    return {"request": request, "languages": languages}


def _overview(request):
    return selectors.learning_overview(member=request.user, language=request.user.language or get_language())


class PathViewSet(viewsets.ViewSet):
    """Learning paths with their ordered courses and my progress."""

    lookup_value_converter = "int"

    @extend_schema(responses=PathSerializer(many=True))
    def list(self, request):
        overview = _overview(request)
        return Response(PathSerializer(overview.paths, many=True, context=_context(request, overview)).data)


class CourseViewSet(viewsets.ViewSet):
    """Live courses in my language with my progress; a course's lessons with ``completed``."""

    lookup_value_converter = "int"

    @extend_schema(responses=CourseProgressSerializer(many=True))
    def list(self, request):
        overview = _overview(request)
        return Response(CourseProgressSerializer(overview.courses, many=True, context=_context(request, overview)).data)

    def _course(self, request, pk) -> CoursePage:
        course = selectors.visible_course(member=request.user, pk=id_from(pk))
        if course is None:
            raise Http404
        return course

    @extend_schema(responses=CourseDetailSerializer)
    def retrieve(self, request, pk=None):
        course = self._course(request, pk)
        progress = selectors.course_progress(member=request.user, course=course)
        return Response(CourseDetailSerializer(progress, context=_context(request)).data)

    @extend_schema(
        request=None, responses={200: inline_serializer("Enrolled", {"enrolled": serializers.BooleanField()})}
    )
    @action(detail=True, methods=["post"])
    def enrol(self, request, pk=None):
        course = self._course(request, pk)
        services.enrol(member=request.user, course=course)
        return Response({"enrolled": True})


class CompleteResultSerializer(serializers.Serializer):
    completed = serializers.BooleanField()
    course_completed = serializers.BooleanField()
    certificate_url = serializers.CharField(allow_null=True)
    promoted_to = serializers.CharField(allow_null=True)


class QuizChoiceSerializer(serializers.Serializer):
    id = serializers.CharField()
    text = serializers.CharField()


class QuizQuestionSerializer(serializers.Serializer):
    id = serializers.CharField()
    kind = serializers.ChoiceField(choices=["single", "multiple", "true_false"])
    text = serializers.CharField()
    choices = QuizChoiceSerializer(many=True)


class QuizSerializer(serializers.Serializer):
    intro = serializers.CharField(allow_blank=True)
    pass_mark = serializers.IntegerField()
    questions = QuizQuestionSerializer(many=True)


class AttemptRequestSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Question id → list of chosen choice ids.",
    )
    client_token = serializers.CharField(
        required=False,
        max_length=64,
        help_text="Optional; a repeated submission with the same token is not recorded twice.",
    )


class FeedbackExplanationSerializer(serializers.Serializer):
    choice = serializers.CharField()
    correct = serializers.BooleanField()
    text = serializers.CharField()


class FeedbackSerializer(serializers.Serializer):
    question = serializers.CharField()
    correct = serializers.BooleanField()
    chosen = serializers.ListField(child=serializers.CharField())
    explanations = FeedbackExplanationSerializer(many=True)
    correct_choices = serializers.ListField(child=serializers.CharField(), required=False)


class AttemptResultSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    max_score = serializers.IntegerField()
    passed = serializers.BooleanField()
    feedback = FeedbackSerializer(many=True)
    lesson_completed = serializers.BooleanField()
    course_completed = serializers.BooleanField()


class LessonViewSet(viewsets.ViewSet):
    """Complete lessons and take quizzes."""

    lookup_value_converter = "int"

    def _lesson(self, request, pk) -> LessonPage:
        lesson = selectors.visible_lesson(member=request.user, pk=id_from(pk))
        if lesson is None:
            raise Http404
        return lesson

    @extend_schema(request=None, responses=CompleteResultSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        lesson = self._lesson(request, pk)
        result = services.complete_lesson(member=request.user, lesson=lesson)
        return Response(
            {
                "completed": True,
                "course_completed": result.course_completion is not None,
                "certificate_url": _certificate_url(request, result.course_completion),
                "promoted_to": result.promoted_to,
            }
        )

    @extend_schema(responses=QuizSerializer)
    @action(detail=True, methods=["get"])
    def quiz(self, request, pk=None):
        lesson = self._lesson(request, pk)
        if lesson.quiz is None:
            raise services.NoQuiz(_("This lesson has no quiz."))
        reason = policies.locked_reason(member=request.user, course=selectors.course_of(lesson))
        if reason:
            raise services.Locked(reason)
        return Response(public_quiz(lesson.quiz))

    @extend_schema(request=AttemptRequestSerializer, responses={201: AttemptResultSerializer})
    @action(detail=True, methods=["post"], url_path="quiz/attempts")
    def attempts(self, request, pk=None):
        lesson = self._lesson(request, pk)
        if not isinstance(request.data, dict) or "answers" not in request.data:
            raise services.InvalidAnswers(_('Send {"answers": {"<question id>": [<choice ids>]}}.'))
        token = request.data.get("client_token") or request.headers.get("Idempotency-Key")
        result = services.submit_quiz(
            member=request.user, lesson=lesson, answers=request.data["answers"], client_token=token
        )
        attempt = result.attempt
        return Response(
            {
                "score": attempt.score,
                "max_score": attempt.max_score,
                "passed": attempt.passed,
                "feedback": attempt.feedback,
                "lesson_completed": attempt.passed,
                "course_completed": bool(result.lesson and result.lesson.course_completion),
            },
            status=status.HTTP_201_CREATED,
        )


class ProgressView(APIView):
    """My progress per path and course: lessons done / total, completed, certificate URL."""

    @extend_schema(
        responses=inline_serializer(
            "Progress",
            {
                "paths": PathSerializer(many=True),
                "courses": CourseProgressSerializer(many=True),
            },
        )
    )
    def get(self, request):
        overview = _overview(request)
        context = _context(request, overview)
        return Response(
            {
                "paths": PathSerializer(overview.paths, many=True, context=context).data,
                "courses": CourseProgressSerializer(overview.courses, many=True, context=context).data,
            }
        )
