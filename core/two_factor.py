"""Staff second factor: a TOTP code (django-otp) before the Secretariat role or a superuser reaches the admin.

After the password (the admin's login, guarded by django-axes), ``SecondFactorMiddleware`` sends a signed-in user
who needs a second factor and has not given one in this session to the enrolment page (no confirmed device yet: a
QR code and the secret, then a first code) or to the verification page. ``django_otp.login`` then records the device
in the session, which ``OTPMiddleware`` reads on every request. A confirmed device cannot be replaced from these
pages: an administrator deletes it in the admin ("TOTP devices") and the user enrols again at the next sign-in.
"""

import base64
import io

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import second_factor_pending

ADMIN_PREFIX = "/admin/"
# Reached with a password only: the sign-in itself, signing out, and the two pages of the second factor.
OPEN_ADMIN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/two-factor/")


def is_verified(user) -> bool:
    """Whether this request's session gave the code (django-otp's OTPMiddleware gives request.user is_verified)."""
    return bool(getattr(user, "is_verified", lambda: False)())


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: admin pages wait for the second factor when the user's role requires one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        guarded = path.startswith(ADMIN_PREFIX) and not path.startswith(OPEN_ADMIN_PATHS)
        if guarded and second_factor_pending(request.user):
            step = "two_factor_verify" if confirmed_device(request.user) else "two_factor_setup"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "")


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _check_code(form: CodeForm, device: TOTPDevice) -> bool:
    """Whether the form's code is the device's current one; the form names the field's error otherwise."""
    allowed, refusal = device.verify_is_allowed()
    if not allowed:
        seconds = max(1, int((refusal["locked_until"] - timezone.now()).total_seconds()) + 1)
        form.add_error(
            "code", _("Too many wrong codes: wait %(seconds)s seconds, then try again.") % {"seconds": seconds}
        )
        return False
    if not django_otp.verify_token(device.user, device.persistent_id, form.cleaned_data["code"]):
        form.add_error("code", _("This code is not the one your authenticator shows now. Try the next one."))
        return False
    return True


def _signed_in_with_device(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    # A new session key once the second factor is given, as Django does at sign-in.
    request.session.cycle_key()
    device.refresh_from_db()
    django_otp.login(request, device)
    return redirect(_next_url(request))


def _page(request, template, form, **context):
    context = {"form": form, "next": _next_url(request), "site_header": _("Convene secretariat"), **context}
    return render(request, template, context, status=200 if not form.errors else 400)


def _qr_code_image(data: str) -> str:
    """A data: URL of the QR code as SVG, drawn here (no outside service sees the secret)."""
    out = io.BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


@never_cache
@sensitive_post_parameters("code")
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrolment: a QR code and the secret of a new TOTP device, confirmed by its first code."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if is_verified(user):
        return redirect(_next_url(request))
    if confirmed_device(user):
        # A password alone never adds a device to an account that has one.
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': _next_url(request)})}")
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_code(form, device):
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        return _signed_in_with_device(request, device)
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return _page(
        request,
        "admin/two_factor_setup.html",
        form,
        title=_("Set up two-step sign-in"),
        qr_code=_qr_code_image(device.config_url),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )


@never_cache
@sensitive_post_parameters("code")
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The code of the user's confirmed device, once per session."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if is_verified(user):
        return redirect(_next_url(request))
    device = confirmed_device(user)
    if device is None:
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': _next_url(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_code(form, device):
        return _signed_in_with_device(request, device)
    return _page(request, "admin/two_factor_verify.html", form, title=_("Two-step sign-in"))
