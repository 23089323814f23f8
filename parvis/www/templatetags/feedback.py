"""`{% feedback_question %}`: "Cette page vous a-t-elle aidé ?" for the
document of the page, or the outcome of the visitor's answer."""

from django import template

from parvis.www.forms import FeedbackForm

register = template.Library()

OUTCOMES = {
    "merci": ("success", "Merci pour votre avis", "Il nous aide à améliorer les réponses."),
    "deja": ("info", "Avis déjà reçu", "Votre avis sur cette page a déjà été pris en compte."),
}


@register.inclusion_tag("www/_feedback.html", takes_context=True)
def feedback_question(context):
    request, document = context["request"], context.get("document")
    outcome = request.GET.get("avis", "")
    if document is None:
        return {"form": None}
    if outcome in OUTCOMES:
        kind, title, text = OUTCOMES[outcome]
        return {"alert": {"type": kind, "title": title, "content": text, "heading_tag": "h2"}}
    form = FeedbackForm(initial={"key": document.key, "page": request.path})
    if outcome == "incomplet":
        form = FeedbackForm({"key": document.key, "page": request.path})
        form.is_valid()  # shows "Ce champ est obligatoire" under the question
    return {"form": form, "csrf_token": context.get("csrf_token")}
