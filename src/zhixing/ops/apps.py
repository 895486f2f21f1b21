from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "zhixing.ops"
    label = "ops"
    default_auto_field = "django.db.models.BigAutoField"
