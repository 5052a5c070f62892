from django.shortcuts import redirect
from django.urls import reverse


class ForcePasswordChangeMiddleware:
    """A demo or reset password must be changed before anything else (issue: staff accounts)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = getattr(user, "portal_profile", None)
            allowed = {reverse("password-change"), reverse("logout")}
            if (profile is not None and profile.must_change_password
                    and request.path not in allowed
                    and not request.path.startswith(("/static/", "/api/", "/i18n/"))):
                return redirect("password-change")
        return self.get_response(request)
