from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from dangvu.accounts import login


class DoorMixin:
    """Checks the credentials through the one login door (accounts/login.py) instead of authenticate()."""

    channel = "app"
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị khóa.",
    }
    locked_out = False

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            outcome = login.attempt(self.request, username, password, channel=self.channel)
            if outcome.locked:
                self.locked_out = True
                raise forms.ValidationError(str(login.LockedOut()), code="locked_out")
            if outcome.user is None:
                raise self.get_invalid_login_error()
            self.user_cache = outcome.user
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class LoginForm(DoorMixin, AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"


class AdminLoginForm(DoorMixin, AdminAuthenticationForm):
    """The Django admin's login (/quan-tri/login/) through the same door."""

    channel = "admin"
    error_messages = {**DoorMixin.error_messages,
                      "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản không có quyền quản trị."}


class DoorPasswordChangeForm(PasswordChangeForm):
    """The old-password check goes through the login door: guesses are throttled and audited."""

    locked_out = False

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        outcome = login.attempt(self.request, self.user.username, old_password, channel="password_change")
        if outcome.locked:
            self.locked_out = True
            raise forms.ValidationError(str(login.LockedOut()), code="locked_out")
        if outcome.user is None or outcome.user.pk != self.user.pk:
            raise forms.ValidationError("Mật khẩu hiện tại không đúng.", code="password_incorrect")
        return old_password


class TokenCreateForm(forms.Form):
    name = forms.CharField(label="Tên gợi nhớ", max_length=100, required=False,
                           widget=forms.TextInput(attrs={"class": "form-control"}))
    password = forms.CharField(label="Mật khẩu của bạn", strip=False,
                               widget=forms.PasswordInput(attrs={"class": "form-control", "autocomplete": "current-password"}))

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        outcome = login.attempt(self.request, self.request.user.username, password, channel="api_token")
        if outcome.locked:
            raise forms.ValidationError(str(login.LockedOut()), code="locked_out")
        if outcome.user is None or outcome.user.pk != self.request.user.pk:
            raise forms.ValidationError("Mật khẩu không đúng.", code="password_incorrect")
        return password
