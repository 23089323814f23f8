"""The applicant's journey in a real browser (Debian's chromium), on a phone screen
and without JavaScript: sign up, verify the e-mail address from the message,
start the demo procedure, fill it in with a file, file it, download the receipt.
Then the accessibility check (axe-core) of every applicant page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from tests.www.test_accessibility import BLOCKING_IMPACTS, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PASSWORD = "Un-mot-de-passe-solide-42"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def demo(live_site):
    from parvis.cases.demo import create_demo_procedure

    return create_demo_procedure()[0]


def submit(page):
    page.locator("main form button[type=submit]").first.click()


def test_sign_up_verify_fill_file_and_download_receipt(new_page, demo):
    from parvis.cases.enums import DossierState
    from parvis.cases.models import Dossier

    page = new_page(java_script_enabled=False, **PHONE)
    page.goto(f"/demarches/{demo.slug}/")
    page.get_by_role("link", name="Créer un compte").click()
    page.fill("input[name=email]", "marie@example.fr")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    submit(page)
    expect(page.locator("main h1")).to_contain_text("adresse")  # "Vérifiez votre adresse…"

    link = re.search(r"https?://\S+/comptes/confirm-email/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    submit(page)  # "Confirmer": signed in, back to the procedure the sign-up started from
    expect(page.locator("main h1")).to_have_text(demo.title)
    page.get_by_role("button", name="Commencer la démarche").click()
    expect(page.locator(".fr-stepper__title")).to_contain_text("Votre identité")
    page.fill("input[name=f_nom]", "Dupont")
    page.fill("input[name=f_prenom]", "Marie")
    page.fill("input[name=f_naissance]", "1990-05-17")
    page.select_option("select[name=f_nationalite]", "FR")
    page.fill("input[name=f_adresse__street]", "20 avenue de Ségur")
    page.fill("input[name=f_adresse__postal_code]", "75007")
    page.fill("input[name=f_adresse__city]", "Paris")
    page.get_by_role("button", name="Étape suivante").click()

    expect(page.locator(".fr-stepper__title")).to_contain_text("Votre demande")
    page.get_by_label("Première demande").check(force=True)
    page.get_by_label("Non", exact=True).check(force=True)
    page.fill("input[name=f_enfants__0__enfant_prenom]", "Léa")
    page.get_by_role("button", name="Étape suivante").click()

    expect(page.locator(".fr-stepper__title")).to_contain_text("Pièces justificatives")
    page.set_input_files(
        "input[name=f_piece_identite]",
        files=[{"name": "carte.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.get_by_role("button", name="Vérifier et déposer").click()

    expect(page.locator("main")).to_contain_text("carte.pdf")
    page.get_by_role("button", name="Déposer le dossier").click()
    expect(page.locator("main")).to_contain_text("Votre dossier est déposé")

    dossier = Dossier.objects.get(applicant__email="marie@example.fr")
    assert dossier.state == DossierState.EN_CONSTRUCTION
    assert dossier.answers["piece_identite"]["content_type"] == "application/pdf"
    # The receipt, fetched with the page's session (a click on a download link aborts
    # the navigation, which the page fixture would count as a failed request).
    href = page.get_by_role("link", name="Attestation de dépôt (PDF)").get_attribute("href")
    receipt = page.context.request.get(href)
    assert receipt.ok and receipt.headers["content-type"] == "application/pdf"
    assert f"attestation-depot-dossier-{dossier.pk}.pdf" in receipt.headers["content-disposition"]
    assert receipt.body().startswith(b"%PDF-")
    assert any("déposé" in message.subject for message in mail.outbox)


@pytest.fixture
def signed_in(new_page, demo):
    """A page signed in as an applicant with a filed and a draft dossier."""
    from allauth.account.models import EmailAddress

    from parvis.cases import editing, workflow
    from tests.cases.factories import make_user

    user = make_user()
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    filed = editing.start_dossier(demo, user)
    editing.save_draft(
        filed,
        user,
        {
            "nom": "Dupont",
            "prenom": "Marie",
            "naissance": "1990-05-17",
            "motif": "Renouvellement",
            "salarie": "non",
            "adresse": {"street": "1 rue A", "postal_code": "75001", "city": "Paris"},
            "piece_identite": None,
        },
    )
    draft = editing.start_dossier(demo, user)
    page = new_page()
    page.goto("/comptes/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    expect(page.locator("main h1")).to_have_text("Mes dossiers")
    del workflow
    return page, filed, draft


def check(page, url):
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{url}\n" + report(blocking)


def test_applicant_pages_have_no_serious_accessibility_violation(signed_in, demo):
    page, dossier, draft = signed_in
    for url in [
        "/demarches/",
        f"/demarches/{demo.slug}/",
        "/mes-dossiers/",
        f"/mes-dossiers/{draft.pk}/etape/1",
        f"/mes-dossiers/{draft.pk}/etape/2",
        f"/mes-dossiers/{draft.pk}/etape/3",
        f"/mes-dossiers/{draft.pk}/recapitulatif",
        f"/mes-dossiers/{dossier.pk}/",
    ]:
        check(page, url)
    # A step showing errors.
    page.goto(f"/mes-dossiers/{draft.pk}/etape/1")
    page.get_by_role("button", name="Étape suivante").click()
    expect(page.locator(".fr-input-group--error").first).to_be_visible()
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, report(blocking)


@pytest.mark.parametrize("url", ["/comptes/login/", "/comptes/signup/", "/comptes/password/reset/"])
def test_account_pages_have_no_serious_accessibility_violation(new_page, live_site, url):
    check(new_page(), url)
