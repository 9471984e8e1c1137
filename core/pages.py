"""Mixins for Wagtail pages that several apps share."""

from django.contrib.auth.views import redirect_to_login
from wagtail import hooks


class MembersOnlyPageMixin:
    """Learning content is for signed-in members. Learner state (progress, locks, quiz)
    comes from the apps above through the ``<hook_name>`` Wagtail hook, so this app never
    imports them."""

    context_hook_name = ""

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for fn in hooks.get_hooks(self.context_hook_name):
            context.update(fn(request=request, page=self) or {})
        return context
