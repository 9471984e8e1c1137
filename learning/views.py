"""Server-rendered learner pages. Dashboard and lesson actions: any signed-in member;
certificates: anyone (public verification); a certificate's PDF: its owner and Social
Masters, 404 for everyone else."""

import json
import uuid

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail import hooks

from core import branding as core_branding
from core import storage
from core.errors import ServiceError
from courses.models import LessonPage
from gamification.selectors import points as gamification_points
from people.models import Role

from . import certificates, policies, selectors, services
from .models import Cmi5Launch


@login_required
def activity(request, key):
    """An xAPI activity id (``learning.xapi.statements``) leads to its page in the member's
    language; 404 for a key of nothing."""
    url = selectors.activity_url(key=key, language=get_language())
    if url is None:
        raise Http404
    return redirect(url)


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
    credential = services.certificate_credential(completion=completion)
    context = {
        "completion": completion,
        "credential_jwt_url": reverse("gamification:credential_jwt", args=[credential.subject]) if credential else "",
        "credential_json_url": reverse("gamification:credential_json", args=[credential.subject]) if credential else "",
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


# --- E-learning packages (SCORM 1.2/2004) ---------------------------------------------------
# The package's own pages run its scripts (authoring tools write inline ones) inside a frame of
# the lesson page, on this origin so that its runtime API (window.parent.API) is reachable.
PACKAGE_CSP = {
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}


def _package_lesson(request, pk) -> LessonPage:
    """A lesson the member may see (live, in their audience, unlocked) that has a package."""
    lesson = _lesson(request, pk)
    if lesson.package_id is None:
        raise Http404
    if policies.locked_reason(member=request.user, course=selectors.course_of(lesson)):
        raise PermissionDenied
    return lesson


@login_required
@xframe_options_sameorigin
@csp_replace(PACKAGE_CSP)
def package_file(request, pk, name):
    """A file of the lesson's package, for a member who may see the lesson; 404 otherwise."""
    lesson = _package_lesson(request, pk)
    if not name or "\\" in name or ".." in name.split("/"):
        raise Http404
    package = lesson.package
    return storage.serve(
        package.file.storage, f"packages/{package.folder}/{name}", cache_control="private, max-age=3600"
    )


@login_required
@require_POST
def package_runtime(request, pk):
    """``POST {"values": {"cmi.…": "…"}}`` from the runtime (``learning/scorm-runtime.js``):
    kept, and the lesson completed when the package says so. JSON errors with ``detail``
    and ``code``."""
    try:
        lesson = _package_lesson(request, pk)
        body = json.loads(request.body or b"{}")
        result = services.record_package_values(
            member=request.user, lesson=lesson, values=body.get("values") if isinstance(body, dict) else None
        )
    except (Http404, PermissionDenied) as error:
        status, code = (404, "not_found") if isinstance(error, Http404) else (403, "permission_denied")
        return JsonResponse({"detail": _("This lesson is not available to you."), "code": code}, status=status)
    except ValueError:
        return JsonResponse(
            {"detail": _("The package sent values that cannot be stored."), "code": "invalid_json"}, status=400
        )
    except ServiceError as error:
        return JsonResponse({"detail": str(error.message), "code": error.code}, status=error.status_code)
    attempt = result.attempt
    return JsonResponse(
        {
            "completed": result.lesson is not None,
            "course_completed": bool(result.lesson and result.lesson.course_completion),
            "completion": attempt.completion,
            "success": attempt.success,
            "score": attempt.score_scaled,
        }
    )


# --- cmi5 (section 8: the launch, the fetch URL, the AU's statements) -----------------------
def _xapi_json(data, status=200) -> JsonResponse:
    response = JsonResponse(data, status=status, safe=False)
    response["X-Experience-API-Version"] = "1.0.3"
    return response


def _cmi5_launch(request):
    """The launch whose auth token is in ``Authorization: Basic …``, with its lesson; None
    when the token is unknown or the member may no longer see the lesson."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Basic "):
        return None, None
    launch = (
        Cmi5Launch.objects.filter(token_hash=services.token_hash(header[6:].strip()), fetched_at__isnull=False)
        .select_related("member")
        .first()
    )
    if launch is None or not launch.member.is_active:
        return None, None
    lesson = next(
        (
            candidate
            for candidate in LessonPage.objects.live().filter(translation_key=launch.lesson_key)
            if selectors.visible_lesson(member=launch.member, pk=candidate.pk)
        ),
        None,
    )
    if lesson is None or lesson.package_id is None:
        return None, None
    return launch, lesson


@csrf_exempt
@require_POST
def cmi5_fetch(request, code):
    """The fetch URL: the launch's auth token, once (cmi5 8.2): ``{"auth-token": …}``; a
    second request gets ``error-code`` 1."""
    try:
        token = services.fetch_cmi5_token(fetch_code=code)
    except ServiceError as error:
        return JsonResponse(
            {"error-code": "1" if error.code == "fetch_used" else "2", "error-text": str(error.message)},
            status=error.status_code,
        )
    return JsonResponse({"auth-token": token})


@csrf_exempt
def cmi5_statements(request):
    """``POST``/``PUT /learn/cmi5/statements``: the AU's statements, with its auth token;
    answered as an LRS answers (200 with the ids, 204 for a PUT)."""
    if request.method not in ("POST", "PUT"):
        return _xapi_json({"detail": _("Method not allowed."), "code": "method_not_allowed"}, status=405)
    launch, lesson = _cmi5_launch(request)
    if launch is None:
        return _xapi_json({"detail": _("This lesson is not available to you."), "code": "not_authenticated"}, 401)
    try:
        body = json.loads(request.body or b"null")
        statements = body if isinstance(body, list) else [body]
        ids = services.record_cmi5_statements(launch=launch, lesson=lesson, statements=statements)
    except ValueError:
        return _xapi_json({"detail": _("The package sent values that cannot be stored."), "code": "invalid_json"}, 400)
    except ServiceError as error:
        return _xapi_json({"detail": str(error.message), "code": error.code}, status=error.status_code)
    if request.method == "PUT":
        response = HttpResponse(status=204)
        response["X-Experience-API-Version"] = "1.0.3"
        return response
    return _xapi_json(ids)


@csrf_exempt
def cmi5_state(request):
    """The state document ``LMS.LaunchData`` an AU reads at start (cmi5 10.2.1); other state
    documents are taken and not kept."""
    launch, lesson = _cmi5_launch(request)
    if launch is None:
        return _xapi_json({"detail": _("This lesson is not available to you."), "code": "not_authenticated"}, 401)
    if request.method in ("PUT", "POST", "DELETE"):
        response = HttpResponse(status=204)
        response["X-Experience-API-Version"] = "1.0.3"
        return response
    if request.GET.get("stateId") != "LMS.LaunchData":
        return _xapi_json({"detail": "Not found", "code": "not_found"}, status=404)
    return _xapi_json(
        {
            "contextTemplate": {
                "contextActivities": {"grouping": [{"objectType": "Activity", "id": lesson.package.activity_id}]},
                "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": str(launch.pk)},
            },
            "launchMode": "Normal",
            "moveOn": "CompletedOrPassed",
        }
    )
