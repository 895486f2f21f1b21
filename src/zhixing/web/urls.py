from functools import partial

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.staticfiles.views import serve as serve_static
from django.urls import path, re_path
from django.views.generic import RedirectView

from zhixing.web.views import (
    alert,
    audit,
    case,
    cases,
    catalogue,
    dashboard,
    home,
    inbox,
    login,
    lookup,
    party,
    password,
    users,
)

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}web/favicon.svg", permanent=True)),
    path("login/", login.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="web:login"), name="logout"),
    path("password/", password.password_page, name="password"),
    path("alerts/", inbox.inbox_page, name="inbox"),
    path("alerts/export.xlsx", inbox.inbox_export, name="inbox_export"),
    path("alerts/<int:alert_id>/", alert.alert_page, name="alert"),
    path("alerts/<int:alert_id>/feedback/", alert.feedback, name="feedback"),
    path("alerts/<int:alert_id>/handled/", alert.handled, name="handled"),
    path("alerts/<int:alert_id>/close/", alert.close, name="close_alert"),
    path("holds/<int:hold_id>/release/", alert.release, name="release_hold"),
    path("cases/", cases.cases_page, name="cases"),
    path("cases/export.xlsx", cases.cases_export, name="cases_export"),
    path("cases/<int:case_id>/", case.case_page, name="case"),
    path("parties/<int:identity_id>/", party.party_page, name="party"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/cases/", dashboard.drill, name="drill"),
    path("scenarios/", catalogue.catalogue, name="catalogue"),
    path("lookup/", lookup.lookup_page, name="lookup"),
    path("audit/", audit.audit_page, name="audit"),
    path("users/", users.users_page, name="users"),
    path("users/<str:username>/", users.user_page, name="user"),
    # The platform serves its own CSS, htmx and ECharts (also when `zhixing runserver` runs
    # without DEBUG, as `make demo` does); a production web server may serve STATIC_ROOT first.
    re_path(rf"^{settings.STATIC_URL.strip('/')}/(?P<path>.+)$", partial(serve_static, insecure=True)),
]
