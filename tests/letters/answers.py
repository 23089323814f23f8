"""Test answers for any letter: a distinct value per field, and what the letter
should then show for it (dates and numbers as a letter writes them)."""

from datetime import date

from parvis.letters.definitions import Letter
from parvis.letters.filling import french_date


def sample_answers(letter: Letter) -> tuple[dict[str, str], dict[str, str]]:
    """(answers to post, expected text of each field shown as a placeholder)."""
    answers, shown = {}, {}
    for position, field in enumerate(letter.fields, start=1):
        if field.type == "date":
            day = date(2026, 3, position)
            answers[field.name], shown[field.name] = day.strftime("%d/%m/%Y"), french_date(day)
        elif field.type == "number":
            answers[field.name] = shown[field.name] = str(position + 1)
        elif field.type == "choice":
            answers[field.name] = shown[field.name] = field.choices[0]
        elif field.type == "checkbox":
            answers[field.name] = "oui"
        elif field.type == "textarea":
            answers[field.name] = f"Texte libre n°{position}\nsur deux lignes"
            shown[field.name] = f"Texte libre n°{position}"
        else:
            answers[field.name] = shown[field.name] = f"valeur{position:02d}"
    return answers, shown
