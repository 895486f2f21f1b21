from django.urls import path

from zhixing.api.api import api

urlpatterns: list = [
    path("api/", api.urls),
]
