from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "parvis.cases"
    label = "cases"
    verbose_name = "Démarches en ligne"
