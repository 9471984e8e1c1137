from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("note", _("Note")), ("warning", _("Watch out"))], default="tip", label=_("kind")
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("text"))

    class Meta:
        icon = "help"
        label = _("Tip / callout")
        template = "courses/blocks/callout.html"


class AssignmentBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), default=_("Try it now"))
    instructions = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("instructions"))

    class Meta:
        icon = "pick"
        label = _("'Try it now' assignment")
        template = "courses/blocks/assignment.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(required=False, label=_("caption"))
    alt = blocks.CharBlock(required=False, label=_("alternative text"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """A video by URL. YouTube and Vimeo are embedded privacy-friendly; other URLs (an MP4
    on the intranet) play in the browser's own player. The server never calls out."""

    url = blocks.URLBlock(label=_("video URL"))
    caption = blocks.CharBlock(required=False, label=_("caption"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        return context


def video_embed_url(url: str) -> str | None:
    from urllib.parse import parse_qs, urlparse

    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    if host in {"youtube.com", "youtube-nocookie.com"}:
        video_id = parse_qs(parsed.query).get("v", [""])[0] or parsed.path.rsplit("/", 1)[-1]
        return format_html("https://www.youtube-nocookie.com/embed/{}", video_id)
    if host == "youtu.be":
        return format_html("https://www.youtube-nocookie.com/embed/{}", parsed.path.lstrip("/"))
    if host == "vimeo.com":
        return format_html("https://player.vimeo.com/video/{}?dnt=1", parsed.path.strip("/").split("/")[0])
    return None


class QuizChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"))
    correct = blocks.BooleanBlock(required=False, label=_("correct"))
    explanation = blocks.TextBlock(
        required=False,
        label=_("explanation"),
        help_text=_("Shown after an attempt: why this answer is right or wrong."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class QuizQuestionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[(SINGLE, _("Single choice")), (MULTIPLE, _("Multiple choice")), (TRUE_FALSE, _("True / false"))],
        default=SINGLE,
        label=_("kind"),
    )
    text = blocks.TextBlock(label=_("question"))
    choices = blocks.ListBlock(QuizChoiceBlock(), min_num=2, label=_("answers"))

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        kind = value["kind"]
        message = None
        if kind == TRUE_FALSE and len(value["choices"]) != 2:
            message = _("A true/false question has exactly two answers.")
        elif kind in (SINGLE, TRUE_FALSE) and correct != 1:
            message = _("Mark exactly one answer as correct.")
        elif kind == MULTIPLE and correct < 1:
            message = _("Mark at least one answer as correct.")
        if message:
            raise StructBlockValidationError(block_errors={"choices": ErrorList([ValidationError(message)])})
        return value


class QuizBlock(blocks.StructBlock):
    intro = blocks.TextBlock(required=False, label=_("introduction"))
    pass_mark = blocks.IntegerBlock(
        min_value=0,
        max_value=100,
        default=70,
        label=_("pass mark (%)"),
        help_text=_("Share of questions to get right."),
    )
    questions = blocks.ListBlock(QuizQuestionBlock(), min_num=1, label=_("questions"))

    class Meta:
        icon = "tasks"
        label = _("Quiz")
        # Rendered by the lesson template from the public view of the quiz, never from
        # the block value: the correct answers must not reach the browser.
        template = "courses/blocks/quiz_placeholder.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", label=_("Heading"), template="courses/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(icon="pilcrow", label=_("Rich text"))
    image = ImageBlock()
    video = VideoBlock()
    tip = CalloutBlock()
    assignment = AssignmentBlock()
    quiz = QuizBlock()

    class Meta:
        block_counts = {"quiz": {"max_num": 1}}
