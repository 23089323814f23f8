from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "parvis.search"
    label = "search"
