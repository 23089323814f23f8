"""Agents' sign-in: Django's login (throttled as /admin/'s), then a TOTP code
(django-otp). `agent_required` is the one gate of every back-office view:
anonymous → login; not an agent → 403; no verified second factor → enrolment (no
device yet) or verification."""

from base64 import b32encode
from functools import wraps

import segno
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from parvis.cases.access import is_agent
from parvis.www.backoffice.forms import AgentLoginForm, TokenForm
from parvis.www.redirects import local_url
from parvis.www.throttle import throttled_login

DEVICE_NAME = "Application d'authentification"
THROTTLED = "Trop de codes erronés : patientez quelques secondes avant de saisir le code suivant."


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    return local_url(request, target, reverse("backoffice:dossiers"))


def _has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def agent_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("backoffice:login"))
        if not is_agent(user):
            raise PermissionDenied("Cet espace est réservé aux agents instructeurs.")
        if not user.is_verified():
            step = "backoffice:verify" if _has_device(user) else "backoffice:enrol"
            return redirect_to_login(request.get_full_path(), reverse(step))
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapped


def _signed_in_agent(view):
    """For the second-factor steps: a password-authenticated agent."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("backoffice:login"))
        if not is_agent(request.user):
            raise PermissionDenied("Cet espace est réservé aux agents instructeurs.")
        return view(request, *args, **kwargs)

    return wrapped


login = throttled_login(
    auth_views.LoginView.as_view(
        template_name="backoffice/login.html",
        authentication_form=AgentLoginForm,
        next_page="backoffice:dossiers",  # when no ?next=, whatever LOGIN_REDIRECT_URL is
        extra_context={"title": "Connexion des agents"},
    )
)

logout = auth_views.LogoutView.as_view(next_page="backoffice:login")


@never_cache
@require_http_methods(["GET", "POST"])
@_signed_in_agent
def verify(request):
    user = request.user
    if not _has_device(user):
        return redirect(f"{reverse('backoffice:enrol')}?next={_next(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # django-otp throttles each device: after a wrong code, the next one is only
        # checked after a delay doubling at each failure.
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        if not any(device.verify_is_allowed()[0] for device in devices):
            form.add_error("otp_token", THROTTLED)
        elif (device := match_token(user, form.cleaned_data["otp_token"])) is not None:
            otp_login(request, device)
            return redirect(_next(request))
        else:
            form.add_error("otp_token", "Ce code n'est pas valide ou a expiré. Réessayez.")
    return render(
        request,
        "backoffice/verify.html",
        {"form": form, "next": _next(request), "title": "Vérification en deux étapes"},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@_signed_in_agent
def enrol(request):
    """First sign-in: a new TOTP secret, shown as text and as a QR code (SVG made here,
    no outside service), confirmed by a first code. Once a device is confirmed, a new
    one can only be set by an administrator (else a stolen password would be enough)."""
    user = request.user
    if _has_device(user):
        return redirect(f"{reverse('backoffice:verify')}?next={_next(request)}")
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("otp_token", THROTTLED)
        elif device.verify_token(form.cleaned_data["otp_token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next(request))
        else:
            form.add_error("otp_token", "Ce code n'est pas valide ou a expiré. Réessayez.")
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "backoffice/enrol.html",
        {
            "form": form,
            "next": _next(request),
            "title": "Activer la vérification en deux étapes",
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr_svg": segno.make(device.config_url, error="m").svg_inline(
                scale=4, title="QR code de la clé secrète"
            ),
        },
    )
