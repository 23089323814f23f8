"""The agreement picker's pages: find an agreement (by name, IDCC or company),
choose it for the visit, forget it. Plain forms: no JavaScript needed."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from parvis.agreements import companies, service
from parvis.agreements.picker import idcc_of
from parvis.agreements.session import forget, remember
from parvis.www import components
from parvis.www.forms import AgreementChoiceForm, AgreementPickerForm, CompanyLookupForm
from parvis.www.redirects import local_url

CRUMBS = ("Conventions collectives", "/convention-collective/")


def safe_next(request, value: str) -> str:
    """Where to go back after a choice: a page of this site, else the picker."""
    return local_url(request, value, reverse("www:agreement_picker"))


def picker_url(next_url: str = "") -> str:
    url = reverse("www:agreement_picker")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def picker(request):
    return picker_page(request, AgreementPickerForm(request.GET))


def picker_page(request, form, error: str = ""):
    """The picker's page: its search, the results with their "Choisir" buttons; a
    400 when the search or a choice (`error`) was malformed."""
    valid = form.is_valid()
    text = form.cleaned_data.get("q", "").strip() if valid else ""
    next_url = form.cleaned_data.get("next", "") if valid else ""
    return render(
        request,
        "www/agreement_picker.html",
        {
            "title": f"Ma convention collective : « {text} »"
            if text
            else "Ma convention collective",
            "breadcrumb_data": components.breadcrumb(CRUMBS, ("Ma convention collective", "")),
            "form": form,
            "text": text,
            "results": service.search(text) if text else [],
            # 9999 on a payslip or in the companies register: no agreement at all
            "no_agreement": bool(text) and idcc_of(text) == companies.NO_AGREEMENT,
            "no_agreement_message": companies.NO_AGREEMENT_MESSAGE,
            "next": safe_next(request, next_url) if next_url else "",
            "company_form": CompanyLookupForm(initial={"next": next_url}),
            "companies_enabled": bool(settings.COMPANIES_API_URL),
            "error": error,
        },
        status=200 if valid and not error else 400,
    )


def company(request):
    """The agreements of a company, from its SIRET, SIREN or name (GET form)."""
    # nothing asked yet: the empty form
    form = CompanyLookupForm(request.GET if "entreprise" in request.GET else None)
    found, error, status = [], "", 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        try:
            found = [
                {
                    "company": c,
                    "agreements": [{"idcc": i, "found": service.get(i)} for i in c.idccs],
                }
                for c in companies.lookup(form.cleaned_data["entreprise"])
            ]
        except companies.IdentifierError as exc:
            form.add_error("entreprise", str(exc))
            status = 400
        except companies.CompaniesError as exc:
            error, status = str(exc), 503
    next_url = form.cleaned_data.get("next", "") if hasattr(form, "cleaned_data") else ""
    return render(
        request,
        "www/agreement_company.html",
        {
            "title": "Trouver ma convention collective par mon entreprise",
            "breadcrumb_data": components.breadcrumb(
                CRUMBS,
                ("Ma convention collective", reverse("www:agreement_picker")),
                ("Par mon entreprise", ""),
            ),
            "form": form,
            "found": found,
            "error": error,
            "next": safe_next(request, next_url) if next_url else "",
            "searched": form.is_bound and not form.errors,
            "no_agreement_message": companies.NO_AGREEMENT_MESSAGE,
        },
        status=status,
    )


def unknown(request, idcc: str):
    """No agreement has this IDCC: a 404 that offers the nearest numbers."""
    return render(
        request,
        "www/agreement_unknown.html",
        {
            "title": f"Convention collective IDCC {idcc} introuvable",
            "breadcrumb_data": components.breadcrumb(CRUMBS, (f"IDCC {idcc}", "")),
            "idcc": idcc,
            "suggestions": service.suggestions(idcc),
            "form": AgreementPickerForm(),
        },
        status=404,
    )


@require_POST
def choose(request):
    form = AgreementChoiceForm(request.POST)
    if not form.is_valid():  # an edited button: say why, on the picker's page
        message = next(iter(form.errors.values()))[0]
        return picker_page(request, AgreementPickerForm({}), error=message)
    idcc = form.cleaned_data["idcc"].zfill(4)
    found = service.get(idcc)
    if found is None:
        return unknown(request, idcc)
    remember(request.session, found)
    if not request.user.is_authenticated:  # for the visit: until the browser closes
        request.session.set_expiry(0)
    return redirect(safe_next(request, form.cleaned_data["next"]))


@require_POST
def forget_choice(request):
    forget(request.session)
    return redirect(safe_next(request, request.POST.get("next", "")[:500]))
