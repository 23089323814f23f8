from django.apps import AppConfig


class CorpusConfig(AppConfig):
    name = "parvis.corpus"
    label = "corpus"
    verbose_name = "Corpus officiel"
