from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "zhixing.demo"
    label = "demo"
