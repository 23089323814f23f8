"""The site's forms, on django-dsfr's DsfrBaseForm (DSFR classes, labels, hints and
errors come from it). Messages are in French."""

from django import forms
from django.core.validators import RegexValidator
from dsfr.forms import DsfrBaseForm

from parvis.agreements.picker import MAX_QUERY_LENGTH as MAX_AGREEMENT_QUERY
from parvis.corpus.enums import Kind
from parvis.feedback.models import Vote
from parvis.search.service import MAX_QUERY_LENGTH, QueryError, clean_query

MAX_PAGES = 20
TYPE_CHOICES = [
    ("", "Tous les contenus"),
    (Kind.FICHE_SERVICE_PUBLIC, "Fiches service-public.fr"),
    (Kind.FICHE_MINISTERE_TRAVAIL, "Fiches du ministère du Travail"),
    (Kind.CONTRIBUTION, "Questions-réponses"),
    (Kind.CODE_DU_TRAVAIL, "Code du travail"),
    (Kind.CODE_SECURITE_SOCIALE, "Code de la sécurité sociale"),
    (Kind.CONVENTION_COLLECTIVE, "Conventions collectives"),
    (Kind.ARTICLE_CONVENTION, "Articles de conventions collectives"),
]


class LinkChoiceField(forms.ChoiceField):
    """A choice that links carry (pagination, suggestions, the home page's tiles): an
    unknown value, from an edited or outdated link, means no choice rather than an
    error, as the search page always did."""

    def to_python(self, value):
        value = super().to_python(value)
        return value if self.valid_value(value) else ""


class PageField(forms.IntegerField):
    """A page number that links carry: missing or not a number means the first page;
    it is kept between 1 and MAX_PAGES."""

    widget = forms.HiddenInput
    max_pages = MAX_PAGES

    def to_python(self, value):
        try:
            return min(max(int(value), 1), self.max_pages)
        except (TypeError, ValueError):
            return 1


class SearchForm(DsfrBaseForm):
    # Not `required` in HTML: an empty search reaches the server, which answers in
    # French (a browser's own message is in the browser's language).
    q = forms.CharField(
        label="Votre question ou vos mots-clés",
        required=False,
        template_name="www/forms/search_bar.html",
        widget=forms.SearchInput(
            attrs={
                "maxlength": MAX_QUERY_LENGTH,
                "placeholder": "Ex. : durée de la période d’essai",
            }
        ),
    )
    type = LinkChoiceField(label="Type de contenu", choices=TYPE_CHOICES, required=False)
    page = PageField(required=False)

    def clean_q(self) -> str:
        """1 to 500 characters once runs of white space are made one: the search
        engine's own rule and message."""
        try:
            return clean_query(self.cleaned_data["q"])
        except QueryError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


IDCC_VALIDATOR = RegexValidator(
    r"^\d{4}$", "Un numéro IDCC s’écrit avec 4 chiffres, par exemple 1516."
)


class AgreementAnswerForm(DsfrBaseForm):
    """On a Q&A page, an agreement a link names (?idcc=1516) rather than the one the
    visitor chose in the picker (empty: the chosen one, or the general answer)."""

    idcc = forms.CharField(
        label="Numéro IDCC", required=False, validators=[IDCC_VALIDATOR], widget=forms.HiddenInput
    )


class AgreementPickerForm(DsfrBaseForm):
    """The agreement picker: a name, a usual name or an IDCC, and where to go back."""

    q = forms.CharField(
        label="Nom ou numéro IDCC de votre convention collective",
        help_text="Par exemple « 1486 », « syntec », « BTP », « boulangerie » ou « métallurgie ».",
        max_length=MAX_AGREEMENT_QUERY,
        error_messages={"max_length": "Au plus %(limit_value)d caractères."},
        required=False,
        widget=forms.SearchInput(attrs={"maxlength": MAX_AGREEMENT_QUERY}),
    )
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)


class AgreementChoiceForm(forms.Form):
    """Choosing one agreement of the picker's results (a button of a POST form)."""

    idcc = forms.CharField(
        validators=[RegexValidator(r"^\d{1,4}$", "Un numéro IDCC s’écrit avec 1 à 4 chiffres.")],
        error_messages={"required": "Choisissez une convention collective."},
    )
    next = forms.CharField(required=False, max_length=500)


class CompanyLookupForm(DsfrBaseForm):
    """Finding the agreement from the company: its SIRET, SIREN or name."""

    entreprise = forms.CharField(
        label="SIRET, SIREN ou nom de votre entreprise",
        help_text="Le SIRET (14 chiffres) figure sur votre fiche de paie.",
        max_length=200,
        error_messages={"required": "Indiquez un SIRET, un SIREN ou un nom d’entreprise."},
    )
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)


class AgreementFilterForm(DsfrBaseForm):
    """The agreements list's filter: a name or an IDCC, and the page."""

    q = forms.CharField(
        label="Nom ou numéro IDCC",
        help_text="Par exemple « boulangerie », « métallurgie » ou « 1516 ».",
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"maxlength": 100}),
    )
    page = PageField(required=False)


class ApplicantForm(DsfrBaseForm):
    """A form of the applicant's pages, rendered whole by django-dsfr's template."""

    def get_context(self):
        # django-dsfr's own get_context warns about a transitional setting; required
        # fields are marked its current way (an asterisk).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = False
        return context

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            if not hasattr(form_field.widget, "group_class"):
                form_field.widget.group_class = "fr-input-group"


class MessageForm(ApplicantForm):
    message = forms.CharField(
        label="Votre message",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
        error_messages={"required": "Écrivez un message."},
    )
    piece_jointe = forms.FileField(
        label="Pièce jointe (facultatif)",
        required=False,
        help_text="PDF, JPEG, PNG, ODT ou DOCX, 20 Mo au plus.",
    )


class WithdrawForm(ApplicantForm):
    motif = forms.CharField(
        label="Motif du retrait (facultatif)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FeedbackForm(DsfrBaseForm):
    """ "Cette page vous a-t-elle aidé ?" at the foot of every document page."""

    key = forms.CharField(
        widget=forms.HiddenInput,
        max_length=120,
        validators=[RegexValidator(r"^[a-z]+:[A-Za-z0-9_.-]{1,100}$")],
    )
    page = forms.CharField(widget=forms.HiddenInput, max_length=500, required=False)
    helpful = forms.ChoiceField(
        label="Cette page vous a-t-elle aidé ?",
        choices=[("oui", "Oui"), ("non", "Non")],
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label="Si non, pourquoi ? (facultatif)",
        choices=Vote.Reason.choices,
        widget=forms.RadioSelect,
        required=False,
    )
