from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "parvis.feedback"
    label = "feedback"
    verbose_name = "Retours des visiteurs"
