"""One calculator question as a DSFR form (one question per step), and the
agreement step. Answers are kept raw (as typed) in the session; the rules'
own parser (parvis.rules.answers) validates them, so the page and the API
refuse the same things with the same French reasons."""

from django import forms
from dsfr.forms import DsfrBaseForm

from parvis.rules.answers import InvalidAnswer, parse_answer
from parvis.rules.definitions import Question
from parvis.rules.seniority import ABSENCE_LABELS
from parvis.rules.service import UnknownAgreement, normalize_idcc

ABSENCE_ROWS = 6
SALARY_ROWS = 12
YES_NO = [("oui", "Oui"), ("non", "Non")]


class AgreementStepForm(DsfrBaseForm):
    idcc = forms.CharField(
        label="Convention collective : numéro IDCC (facultatif)",
        help_text="Il figure sur la fiche de paie, par exemple 1351. "
        "Laissez vide pour le seul Code du travail.",
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, known=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.known = known  # IDCC -> bool: does the corpus or a rule know it

    def clean_idcc(self) -> str:
        try:
            idcc = normalize_idcc(self.cleaned_data["idcc"])
        except UnknownAgreement as error:
            raise forms.ValidationError(f"Numéro IDCC invalide : {error.reason}.") from None
        if idcc and self.known and not self.known(idcc):
            raise forms.ValidationError(f"Convention collective inconnue : IDCC {idcc}.")
        return idcc


class QuestionForm(DsfrBaseForm):
    """The form of one question; `raw_answer()` is what the session keeps."""

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        kind = question.type
        label = question.question
        if kind in ("choice", "bool"):
            choices = YES_NO if kind == "bool" else [(c, c) for c in question.choices]
            self.fields["reponse"] = forms.ChoiceField(
                label=label, help_text=question.help, choices=choices, widget=forms.RadioSelect
            )
        elif kind in ("number", "integer"):
            unit = f" (en {question.unit})" if question.unit else ""
            self.fields["reponse"] = forms.CharField(
                label=label + unit,
                help_text=question.help,
                max_length=30,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
        elif kind == "date":
            self.fields["reponse"] = forms.CharField(
                label=label,
                help_text=question.help or "Au format JJ/MM/AAAA, par exemple 15/03/2021.",
                max_length=10,
                widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "JJ/MM/AAAA"}),
            )
        elif kind == "absences":
            motifs = [("", "— Aucune —")] + sorted(ABSENCE_LABELS.items(), key=lambda item: item[1])
            for row in range(1, ABSENCE_ROWS + 1):
                self.fields[f"motif_{row}"] = forms.ChoiceField(
                    label=f"Absence {row} : motif", choices=motifs, required=False
                )
                self.fields[f"duree_{row}"] = forms.CharField(
                    label=f"Absence {row} : durée en mois",
                    required=False,
                    max_length=10,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
        elif kind == "salaries":
            for row in range(1, SALARY_ROWS + 1):
                when = "dernier mois" if row == 1 else f"mois {row}"
                self.fields[f"salaire_{row}"] = forms.CharField(
                    label=f"Salaire brut du {when} (en €)",
                    required=row == 1 and not question.optional,
                    max_length=20,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
                self.fields[f"prime_{row}"] = forms.CharField(
                    label=f"Dont primes annuelles ou exceptionnelles (en €, {when})",
                    required=False,
                    max_length=20,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
        for field in self.fields.values():
            field.error_messages["required"] = "Répondez à cette question pour continuer."

    @classmethod
    def initial_for(cls, question: Question, raw) -> dict:
        """The form's initial data from a kept answer (going back to a step)."""
        if raw in (None, ""):
            return {}
        if question.type == "absences":
            initial = {}
            for row, item in enumerate(raw[:ABSENCE_ROWS], start=1):
                initial[f"motif_{row}"] = item.get("motif", "")
                initial[f"duree_{row}"] = item.get("duree_mois", "")
            return initial
        if question.type == "salaries":
            initial = {}
            for row, item in enumerate(raw[:SALARY_ROWS], start=1):
                initial[f"salaire_{row}"] = item.get("value", "")
                initial[f"prime_{row}"] = item.get("prime", "")
            return initial
        return {"reponse": raw}

    def raw_answer(self):
        data = self.cleaned_data
        if self.question.type == "absences":
            return [
                {"motif": data[f"motif_{row}"], "duree_mois": data[f"duree_{row}"]}
                for row in range(1, ABSENCE_ROWS + 1)
                if data.get(f"motif_{row}")
            ]
        if self.question.type == "salaries":
            return [
                {"value": data[f"salaire_{row}"], "prime": data.get(f"prime_{row}") or "0"}
                for row in range(1, SALARY_ROWS + 1)
                if data.get(f"salaire_{row}")
            ]
        return data["reponse"]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if self.question.type == "absences":
            for row in range(1, ABSENCE_ROWS + 1):
                if cleaned.get(f"motif_{row}") and not cleaned.get(f"duree_{row}"):
                    self.add_error(f"duree_{row}", "Indiquez la durée de cette absence, en mois.")
            if self.errors:
                return cleaned
        try:
            parse_answer(self.question, self.raw_answer())
        except InvalidAnswer as error:
            self.add_error(
                None if self.question.type in ("absences", "salaries") else "reponse",
                error.reason.capitalize() + ".",
            )
        return cleaned
