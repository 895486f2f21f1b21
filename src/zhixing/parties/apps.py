from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = "zhixing.parties"
    label = "parties"
    default_auto_field = "django.db.models.BigAutoField"
