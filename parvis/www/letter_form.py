"""A letter template's form (DsfrBaseForm, one page, no JavaScript needed). The
letter's own validation (parvis.letters.filling) decides what is accepted, so
the page and the API refuse the same answers with the same French reasons."""

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from parvis.letters.definitions import Field, Letter
from parvis.letters.filling import InvalidLetterInput, fill


def _form_field(field: Field) -> forms.Field:
    optional = not field.required and not field.required_if  # the label says when
    label = f"{field.label} (facultatif)" if optional else field.label
    options = {"label": label, "help_text": field.help, "required": False}
    if field.type == "checkbox":
        return forms.BooleanField(**options)
    if field.type == "choice":
        choices = [(c, c[:1].upper() + c[1:]) for c in field.choices]
        if not field.required:
            return forms.ChoiceField(choices=[("", "—"), *choices], **options)
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **options)
    if field.type == "textarea":
        widget = forms.Textarea(attrs={"rows": 4, "maxlength": field.max_length})
    elif field.type == "date":
        options["help_text"] = field.help or "Au format JJ/MM/AAAA, par exemple 15/03/2026."
        widget = forms.TextInput(attrs={"autocomplete": "off", "placeholder": "JJ/MM/AAAA"})
    elif field.type == "number":
        widget = forms.TextInput(attrs={"inputmode": "decimal"})
    else:
        widget = forms.TextInput(attrs={"maxlength": field.max_length})
    return forms.CharField(widget=widget, strip=False, **options)


class LetterForm(DsfrBaseForm):
    """The fields of one letter; `filled` holds the letter once the form is valid."""

    def __init__(self, *args, letter: Letter, **kwargs):
        kwargs.setdefault("initial", {"date_courrier": timezone.localdate().strftime("%d/%m/%Y")})
        super().__init__(*args, **kwargs)
        self.letter = letter
        self.filled = None
        for field in letter.fields:
            self.fields[field.name] = _form_field(field)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        answers = {name: self.data.get(name) for name in self.fields}
        try:
            self.filled = fill(self.letter, answers)
        except InvalidLetterInput as error:
            for name, reason in error.errors.items():
                self.add_error(name, reason[:1].upper() + reason[1:] + ".")
        return cleaned
