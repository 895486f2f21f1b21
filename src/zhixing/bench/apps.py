from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "zhixing.bench"
    label = "bench"
