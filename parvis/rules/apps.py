from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "parvis.rules"
    label = "rules"
    verbose_name = "Calculateurs"
