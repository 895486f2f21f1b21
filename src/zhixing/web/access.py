"""Page access: every page needs a login and a membership; the rules live in accounts.permissions."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhixing.accounts.permissions import NoMembership, Viewer, viewer_for


def refuse(request: HttpRequest, message: str, status: int = 403) -> HttpResponse:
    return render(request, "web/refused.html", {"message": message}, status=status)


def not_found(request: HttpRequest, what: str) -> HttpResponse:
    """Used for objects the viewer may not see too, so a URL does not reveal that they exist."""
    return refuse(request, f"{what}不存在，或您无权查看。", status=404)


def page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page for a logged-in member: the view receives the Viewer after the request."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            viewer = viewer_for(request.user)
        except NoMembership as error:
            return refuse(request, str(error))
        return view(request, viewer, *args, **kwargs)

    return wrapped



def show(
    request: HttpRequest, viewer: Viewer, template: str, context: dict | None = None, status: int = 200
) -> HttpResponse:
    """Render a page with the viewer (the navigation shows what their role uses, with the
    count of their unread open alerts)."""
    return render(request, template, {"viewer": viewer, "unread_count": unread_count(viewer), **(context or {})},
                  status=status)


def unread_count(viewer: Viewer) -> int:
    from zhixing.alerts.models import OPEN, UNREAD, AlertRecipient

    if not viewer.staff_id:
        return 0
    return AlertRecipient.objects.filter(staff_id=viewer.staff_id, state=UNREAD, alert__status=OPEN).count()


__all__ = ["Viewer", "not_found", "page", "refuse", "show"]
