"""Server-rendered learner pages. Dashboard and lesson actions: any signed-in member;
certificates: anyone (public verification); a certificate's PDF: its owner and Social
Masters, 404 for everyone else."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from core import branding as core_branding
from core.errors import ServiceError
from courses.models import LessonPage
from gamification.selectors import points as gamification_points
from people.models import Role

from . import certificates, policies, selectors, services


@login_required
def dashboard(request):
    overview = selectors.learning_overview(member=request.user, language=get_language())
    standing = gamification_points.standing(member=request.user, language=get_language())
    return render(
        request,
        "learning/dashboard.html",
        {
            "overview": overview,
            "standing": standing,
            # Apps beside learning add their own sections without learning knowing them: each
            # hook returns a context with the "template" that shows it.
            "sections": [
                section for fn in hooks.get_hooks("learning_dashboard_sections") if (section := fn(request=request))
            ],
        },
    )


def _lesson(request, pk) -> LessonPage:
    """A live lesson of a live course in the member's audience, else 404."""
    lesson = selectors.visible_lesson(member=request.user, pk=pk)
    if lesson is None:
        raise Http404
    return lesson


def _after_lesson(request, lesson, result):
    if result.promoted_to:
        messages.success(
            request, _("Congratulations, you are now a %(role)s!") % {"role": Role(result.promoted_to).label}
        )
    if result.course_newly_completed:
        messages.success(request, _("Course completed! Your certificate is ready."))
        return redirect("learning:certificate", result.course_completion.certificate_code)
    course = selectors.course_of(lesson)
    progress = selectors.course_progress(member=request.user, course=course)
    next_lesson = progress.next_lesson
    return redirect(next_lesson.get_url(request) if next_lesson else course.get_url(request))


@login_required
@require_POST
def complete_lesson(request, pk):
    lesson = _lesson(request, pk)
    try:
        result = services.complete_lesson(member=request.user, lesson=lesson)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(lesson.get_url(request))
    if result.newly_completed:
        messages.success(request, _("Lesson marked as done."))
    return _after_lesson(request, lesson, result)


@login_required
@require_POST
def submit_quiz(request, pk):
    lesson = _lesson(request, pk)
    answers = {
        key[2:]: request.POST.getlist(key) for key in request.POST if key.startswith("q-") and request.POST.getlist(key)
    }
    token = request.POST.get("client_token") or str(uuid.uuid4())
    try:
        result = services.submit_quiz(member=request.user, lesson=lesson, answers=answers, client_token=token)
    except services.InvalidAnswers as exc:
        messages.error(request, str(exc))
        return redirect(lesson.get_url(request) + "#quiz")
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(lesson.get_url(request))
    attempt = result.attempt
    if attempt.passed:
        messages.success(
            request,
            _("You passed the quiz with %(score)s of %(max)s.") % {"score": attempt.score, "max": attempt.max_score},
        )
        if result.lesson is not None and result.lesson.course_newly_completed:
            return _after_lesson(request, lesson, result.lesson)
    else:
        messages.warning(
            request,
            _("%(score)s of %(max)s correct: not enough yet. Read the feedback and try again.")
            % {"score": attempt.score, "max": attempt.max_score},
        )
    return redirect(lesson.get_url(request) + "#quiz-result")


def certificate(request, code):
    completion = selectors.certificate(code=code)
    if completion is None:
        raise Http404(_("No certificate has this code."))
    branding = core_branding.current(request)
    may_download = policies.may_download_certificate(member=request.user, completion=completion)
    context = {
        "completion": completion,
        "branding": branding,
        "may_download": may_download,
        "linkedin_url": (
            certificates.linkedin_add_url(completion, branding=branding)
            if request.user.is_authenticated and request.user.pk == completion.member_id
            else None
        ),
    }
    return render(request, "learning/certificate.html", context)


def certificate_pdf(request, code):
    """The certificate as a PDF, made on the fly (it is small)."""
    completion = selectors.certificate(code=code)
    if completion is None or not policies.may_download_certificate(member=request.user, completion=completion):
        raise Http404(_("No certificate has this code."))
    pdf = certificates.render_pdf(completion, branding=core_branding.current(request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{completion.certificate_code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def verify_certificate(request):
    code = request.GET.get("code", "").strip()
    completion = selectors.certificate(code=code) if code else None
    if completion is not None:
        return redirect("learning:certificate", completion.certificate_code)
    return render(request, "learning/verify.html", {"code": code, "not_found": bool(code)})
