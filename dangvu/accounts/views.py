from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from dangvu.accounts import tokens
from dangvu.accounts.forms import DoorPasswordChangeForm, LoginForm, TokenCreateForm
from dangvu.accounts.models import ApiToken


class LoginView(auth_views.LoginView):
    """Login through the one throttled, audited door (accounts/login.py); 429 while locked out."""

    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.locked_out:
            response.status_code = 429
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = DoorPasswordChangeForm
    success_url = reverse_lazy("home")  # each role's home (a new account lands there after its first password)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"request": self.request}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        labels = {"old_password": "Mật khẩu hiện tại", "new_password1": "Mật khẩu mới", "new_password2": "Nhập lại mật khẩu mới"}
        for name, field in form.fields.items():
            field.label = labels.get(name, field.label)
            field.widget.attrs["class"] = "form-control"
        return form

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.locked_out:
            response.status_code = 429
        return response

    def form_valid(self, form):
        from dangvu.audit import services as audit

        response = super().form_valid(form)  # saving the new password revokes the API tokens (tokens.py)
        if self.request.user.must_change_password:  # the first login's password is the user's own now
            self.request.user.must_change_password = False
            self.request.user.save(update_fields=["must_change_password"])
        audit.record(actor=self.request.user, action="accounts.password_change", obj=self.request.user,
                     object_label=self.request.user.username)
        messages.success(self.request, "Đã đổi mật khẩu. Các mã truy cập API cũ đã bị thu hồi.")
        return response


@login_required
def token_list(request):
    """Your own API tokens: create one (password asked again, through the login door), revoke one."""
    new_key = None
    form = TokenCreateForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        token, new_key = tokens.create(by=request.user, name=form.cleaned_data["name"], channel="page")
        form = TokenCreateForm(request=request)
    status = 429 if form.errors and any(e.code == "locked_out" for e in form.errors.as_data().get("password", [])) else 200
    return render(request, "accounts/tokens.html", {
        "tokens": tokens.active(request.user), "form": form, "new_key": new_key,
    }, status=status)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked_at__isnull=True)
    tokens.revoke(token, by=request.user, reason="owner")
    messages.success(request, f"Đã thu hồi mã {token.prefix}….")
    return redirect("accounts:tokens")
