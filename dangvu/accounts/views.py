from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from dangvu.accounts import services
from dangvu.accounts.forms import LoginForm


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


class LoginView(auth_views.LoginView):
    """Login with throttling: after repeated failures the account/address waits a while."""

    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if services.is_locked_out(username, client_ip(request)):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau "
                                 f"{self._minutes()} phút.")
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def _minutes(self) -> int:
        from django.conf import settings

        return settings.LOGIN_LOCKOUT_MINUTES

    def form_invalid(self, form):
        services.record_login_failure(self.request.POST.get("username", ""), client_ip(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        services.clear_login_failures(form.get_user().username)
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")  # each role's home (a new account lands there after its first password)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        labels = {"old_password": "Mật khẩu hiện tại", "new_password1": "Mật khẩu mới", "new_password2": "Nhập lại mật khẩu mới"}
        for name, field in form.fields.items():
            field.label = labels.get(name, field.label)
            field.widget.attrs["class"] = "form-control"
        return form

    def form_valid(self, form):
        from dangvu.audit import services as audit

        response = super().form_valid(form)
        if self.request.user.must_change_password:  # the first login's password is the user's own now
            self.request.user.must_change_password = False
            self.request.user.save(update_fields=["must_change_password"])
        audit.record(actor=self.request.user, action="accounts.password_change", obj=self.request.user,
                     object_label=self.request.user.username)
        messages.success(self.request, "Đã đổi mật khẩu.")
        return response
