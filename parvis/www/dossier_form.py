"""The applicant's form, built from a revision's field definitions.

One Django form field (DSFR widget) per field type; the Django fields only carry
the raw text the browser sent: every check is the field type's own (parvis.cases),
run through `FormDefinition.check`, so the page shows the same French messages as
the API and the filing. The form is cut into steps at each section heading;
conditions are evaluated on the server with the answers saved so far, so that a
question that depends on another one appears after its step is submitted (no
JavaScript needed). A repeated block shows its rows with "add" and "remove" submit
buttons.
"""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from dsfr.forms import DsfrBaseForm

from parvis.cases import files as case_files
from parvis.cases.answers import check_answers
from parvis.cases.fields import (
    Commune,
    Country,
    Date,
    Decimal,
    Email,
    Explanation,
    File,
    Iban,
    Integer,
    LinkedChoice,
    LongText,
    MultipleChoice,
    Phone,
    PostalAddress,
    RepeatedBlock,
    SectionHeading,
    SingleChoice,
    Siret,
    YesNo,
    is_empty,
)
from parvis.cases.fields.base import FieldError
from parvis.cases.fields.places import country_name
from parvis.www.templatetags.dsfr_fields import prepare_widget

ADDRESS_PARTS = [
    ("street", "Numéro et voie"),
    ("complement", "Complément d’adresse (facultatif)"),
    ("postal_code", "Code postal"),
    ("city", "Commune"),
]
SEPARATOR = "::"


@dataclass
class Step:
    number: int
    title: str
    definitions: list


def steps_of(form, default_title: str) -> list[Step]:
    """The form cut at each top-level section heading (a form with none is one step)."""
    steps: list[Step] = []
    for definition in form.root:
        if isinstance(definition, SectionHeading):
            steps.append(Step(len(steps) + 1, definition.label, []))
        else:
            if not steps:
                steps.append(Step(1, default_title, []))
            steps[-1].definitions.append(definition)
    return steps or [Step(1, default_title, [])]


def step_of_field(steps: list[Step], field_id: str) -> int:
    top = field_id.split(".", 1)[0]
    for step in steps:
        if any(definition.id == top for definition in step.definitions):
            return step.number
    return 1


class RawChoiceField(forms.ChoiceField):
    """A choice whose value the field type checks (its message, not Django's)."""

    def valid_value(self, value):
        return True


class RawMultipleChoiceField(forms.MultipleChoiceField):
    def valid_value(self, value):
        return True


def _countries():
    import pycountry

    names = sorted(
        ((country.alpha_2, country_name(country.alpha_2)) for country in pycountry.countries),
        key=lambda pair: pair[1],
    )
    return [("", "Choisissez dans la liste")] + names


def _text(definition, **attrs) -> forms.Field:
    widget = forms.TextInput(attrs=attrs)
    return forms.CharField(required=False, strip=False, widget=widget)


def django_fields(definition) -> dict[str, forms.Field]:
    """The Django form fields of one question, by name suffix ("" for the main one)."""
    if isinstance(definition, LongText):
        return {"": forms.CharField(required=False, strip=False, widget=forms.Textarea)}
    if isinstance(definition, Email):
        return {
            "": forms.CharField(
                required=False,
                widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            )
        }
    if isinstance(definition, Phone):
        return {"": _text(definition, type="tel", autocomplete="tel")}
    if isinstance(definition, Integer):
        return {"": _text(definition, inputmode="numeric")}
    if isinstance(definition, Decimal):
        return {"": _text(definition, inputmode="decimal")}
    if isinstance(definition, Date):
        return {"": forms.CharField(required=False, widget=forms.DateInput(attrs={"type": "date"}))}
    if isinstance(definition, YesNo):
        return {
            "": RawChoiceField(
                required=False, choices=[("oui", "Oui"), ("non", "Non")], widget=forms.RadioSelect
            )
        }
    if isinstance(definition, SingleChoice):
        choices = [(option, option) for option in definition.options]
        if len(choices) > 6:
            return {"": RawChoiceField(required=False, choices=[("", "Choisissez")] + choices)}
        return {"": RawChoiceField(required=False, choices=choices, widget=forms.RadioSelect)}
    if isinstance(definition, MultipleChoice):
        return {
            "": RawMultipleChoiceField(
                required=False,
                choices=[(option, option) for option in definition.options],
                widget=forms.CheckboxSelectMultiple,
            )
        }
    if isinstance(definition, LinkedChoice):
        primary = [("", "Choisissez")] + [(option, option) for option in definition.options]
        secondary = [("", "Choisissez")] + [
            (parent, [(f"{parent}{SEPARATOR}{child}", child) for child in children])
            for parent, children in definition.options.items()
            if children
        ]
        return {
            "": RawChoiceField(required=False, choices=primary),
            "secondary": RawChoiceField(
                required=False, choices=secondary, label=definition.secondary_label
            ),
        }
    if isinstance(definition, PostalAddress):
        autocomplete = {
            "street": "address-line1",
            "complement": "address-line2",
            "postal_code": "postal-code",
            "city": "address-level2",
        }
        return {
            part: forms.CharField(
                required=False,
                label=label,
                widget=forms.TextInput(attrs={"autocomplete": autocomplete[part]}),
            )
            for part, label in ADDRESS_PARTS
        }
    if isinstance(definition, Commune):
        return {"": _text(definition, inputmode="text", maxlength="5")}
    if isinstance(definition, Country):  # and Nationality
        return {"": RawChoiceField(required=False, choices=_countries())}
    if isinstance(definition, Iban | Siret):
        return {"": _text(definition, spellcheck="false")}
    if isinstance(definition, File):
        # An empty file reaches the checks of parvis.cases.files (their message).
        fields = {"": forms.FileField(required=False, allow_empty_file=True)}
        if not definition.required:
            fields["remove"] = forms.BooleanField(required=False, label="Retirer le fichier joint")
        return fields
    # Short text and any other one-line answer.
    return {"": _text(definition, maxlength=str(getattr(definition, "max_length", 255)))}


def _hint(definition) -> str:
    hints = [definition.help_text] if definition.help_text else []
    if isinstance(definition, Date):
        hints.append("Format attendu : JJ/MM/AAAA.")
    if isinstance(definition, Commune):
        hints.append("Le code INSEE de la commune, 5 caractères (75056 pour Paris).")
    if isinstance(definition, File):
        kinds = ", ".join(case_files.type_name(kind) for kind in definition.accepted_types)
        size = f"{definition.max_size / 1024 / 1024:g}".replace(".", ",")
        hints.append(f"Formats acceptés : {kinds}. Taille maximale : {size} Mo.")
    return " ".join(hints)


def _initial(definition, value) -> dict[str, Any]:
    """Initial widget values from a saved answer (raw or normalised)."""
    if value is None:
        return {}
    if isinstance(definition, YesNo):
        if isinstance(value, bool):
            return {"": "oui" if value else "non"}
        return {"": value}
    if isinstance(definition, LinkedChoice):
        if isinstance(value, dict):
            primary, secondary = value.get("primary"), value.get("secondary")
            return {
                "": primary,
                "secondary": f"{primary}{SEPARATOR}{secondary}" if secondary else "",
            }
        return {"": value}
    if isinstance(definition, PostalAddress):
        return (
            {part: value.get(part, "") for part, _ in ADDRESS_PARTS}
            if isinstance(value, dict)
            else {}
        )
    if isinstance(definition, File):
        return {}
    return {"": value}


@dataclass
class Entry:
    """What the template shows for one question."""

    kind: str  # "field", "group", "file", "explanation", "block"
    definition: Any
    name: str = ""
    bound: list = field(default_factory=list)
    current_file: dict | None = None
    rows: list = field(default_factory=list)
    rows_name: str = ""
    row_count: int = 0
    errors: list = field(default_factory=list)


def _name(prefix: str, definition_id: str, suffix: str = "") -> str:
    name = f"{prefix}{definition_id}"
    return f"{name}__{suffix}" if suffix else name


class DossierStepForm(DsfrBaseForm):
    """The questions of one step (or a whole form when editing a filed dossier)."""

    def __init__(self, *args, definitions, answers, all_fields, row_counts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = answers
        self.all_fields = all_fields
        self.row_counts = row_counts or {}
        checked = check_answers(all_fields, answers, complete=False)
        self.visible = set(checked.visible)
        self.scope = {d.id: (d, checked.values.get(d.id)) for d in all_fields if d.carries_value}
        self.entries = self._entries(definitions, answers, "f_", self.visible)
        self.displayed = [entry.definition for entry in self.entries]

    def get_context(self):
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = False
        return context

    def _add(self, definition, prefix, value) -> list:
        initial = _initial(definition, value)
        names = []
        for suffix, form_field in django_fields(definition).items():
            name = _name(prefix, definition.id, suffix)
            if not suffix or isinstance(definition, File):
                form_field.label = form_field.label or definition.label
            if suffix == "":
                optional = "" if definition.required else " (facultatif)"
                form_field.label = f"{definition.label}{optional}"
                form_field.help_text = _hint(definition)
            form_field.initial = initial.get(suffix)
            prepare_widget(form_field.widget)
            self.fields[name] = form_field
            names.append(name)
        return [self[name] for name in names]

    def _entries(self, definitions, answers, prefix, visible) -> list[Entry]:
        entries = []
        for definition in definitions:
            if definition.id not in visible or isinstance(definition, SectionHeading):
                continue
            if isinstance(definition, Explanation):
                entries.append(Entry("explanation", definition))
                continue
            value = answers.get(definition.id)
            name = _name(prefix, definition.id)
            if isinstance(definition, RepeatedBlock):
                entries.append(self._block(definition, value, name))
                continue
            bound = self._add(definition, prefix, value)
            if isinstance(definition, File):
                current = value if isinstance(value, dict) and value.get("key") else None
                entries.append(Entry("file", definition, name, bound, current_file=current))
            elif isinstance(definition, PostalAddress | LinkedChoice):
                entries.append(Entry("group", definition, name, bound))
            else:
                entries.append(Entry("field", definition, name, bound))
        return entries

    def _block(self, definition, value, name) -> Entry:
        saved = value if isinstance(value, list) else []
        count = self.row_counts.get(definition.id, max(len(saved), definition.min_rows, 1))
        rows_name = f"{name}__rows"
        self.fields[rows_name] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=count
        )
        rows = []
        for index in range(count):
            row = saved[index] if index < len(saved) and isinstance(saved[index], dict) else {}
            checked = check_answers(definition.children, row, complete=False, scope=self.scope)
            rows.append(
                self._entries(definition.children, row, f"{name}__{index}__", set(checked.visible))
            )
        return Entry(
            "block",
            definition,
            name,
            rows=rows,
            rows_name=rows_name,
            row_count=count,
            bound=[self[rows_name]],
        )

    # Reading the submitted answers

    def raw_answers(self, dossier, user) -> dict:
        """The step's answers as the field types read them; uploads are checked and
        stored (a refused file becomes an error on its field)."""
        raw = {}
        for entry in self.entries:
            if entry.kind == "explanation":
                continue
            if entry.kind == "block":
                raw[entry.definition.id] = self._block_rows(entry, dossier, user)
            else:
                raw[entry.definition.id] = self._value(
                    entry.definition,
                    entry.name,
                    self.answers.get(entry.definition.id),
                    dossier,
                    user,
                )
        return raw

    def _block_rows(self, entry, dossier, user) -> list:
        saved = self.answers.get(entry.definition.id)
        saved = saved if isinstance(saved, list) else []
        rows = []
        for index, row_entries in enumerate(entry.rows):
            previous = saved[index] if index < len(saved) and isinstance(saved[index], dict) else {}
            row = {}
            for child in row_entries:
                if child.kind == "explanation":
                    continue
                row[child.definition.id] = self._value(
                    child.definition, child.name, previous.get(child.definition.id), dossier, user
                )
            rows.append(row)
        return rows

    def _value(self, definition, name, previous, dossier, user):
        data = self.cleaned_data
        if isinstance(definition, PostalAddress):
            return {part: data.get(f"{name}__{part}") or "" for part, _ in ADDRESS_PARTS}
        if isinstance(definition, LinkedChoice):
            primary = data.get(name) or ""
            chosen = data.get(f"{name}__secondary") or ""
            parent, _, secondary = chosen.partition(SEPARATOR)
            if not primary:
                return ""
            return {"primary": primary, "secondary": secondary or None}
        if isinstance(definition, File):
            upload = data.get(name)
            if upload:
                try:
                    stored = case_files.store_upload(
                        dossier,
                        user,
                        definition,
                        case_files.Upload(upload.name, upload.size, upload),
                    )
                except FieldError as error:
                    self.add_error(name, error.message)
                    return previous
                return stored.description()
            if data.get(f"{name}__remove"):
                return None
            return previous
        if isinstance(definition, MultipleChoice):
            return data.get(name) or []
        return data.get(name) or ""

    # Showing the field types' errors

    def show_errors(self, errors: dict[str, str], raw: dict) -> None:
        """Attach the field types' messages (paths from FormDefinition.check) to the
        widgets of this step."""
        by_id = {entry.definition.id: entry for entry in self.entries}
        for path, message in errors.items():
            top, _, rest = path.partition(".")
            entry = by_id.get(top)
            if entry is None:
                continue
            if entry.kind == "block":
                if not rest:
                    entry.errors.append(message)
                    continue
                index, _, child_id = rest.partition(".")
                positions = [i for i, row in enumerate(raw.get(top) or []) if not is_empty(row)]
                try:
                    row_index = positions[int(index)]
                except (ValueError, IndexError):
                    entry.errors.append(message)
                    continue
                for child in entry.rows[row_index]:
                    if child.definition.id == child_id.split(".")[0] and child.bound:
                        self._error_on(child, message)
                continue
            if entry.bound and not rest:
                self._error_on(entry, message)

    def attach_errors(self, errors: dict[str, str], raw: dict, field_errors: dict) -> None:
        """Show messages on this unbound form (it shows the answers as saved): the
        field types' `errors` by path, and `field_errors` by form field name."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
        self.show_errors(errors, raw)
        for name, messages in field_errors.items():
            for message in messages:
                if name in self.fields and message not in self._errors.get(name, []):
                    self.add_error(name, message)

    def _error_on(self, entry, message):
        target = entry.bound[0]
        if isinstance(entry.definition, PostalAddress):
            lowered = message.lower()
            part = (
                "postal_code"
                if "code postal" in lowered
                else "city"
                if "commune" in lowered
                else "street"
            )
            target = self[f"{entry.name}__{part}"]
        if message not in self.errors.get(target.name, []):
            self.add_error(target.name, message)


def step_errors(errors: dict[str, str], step: Step) -> dict[str, str]:
    ids = {definition.id for definition in step.definitions}
    return {path: message for path, message in errors.items() if path.split(".")[0] in ids}
