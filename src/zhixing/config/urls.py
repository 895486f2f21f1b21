from django.urls import include, path

from zhixing.api.api import api

urlpatterns: list = [
    path("api/", api.urls),
    path("", include("zhixing.web.urls")),
]
