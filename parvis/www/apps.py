from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "parvis.www"
    label = "www"
