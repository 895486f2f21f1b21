from django.urls import include, path

urlpatterns: list = [
    path("", include("zhixing.web.urls")),
]
