from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "parvis.letters"
    label = "letters"
    verbose_name = "Modèles de courriers"
