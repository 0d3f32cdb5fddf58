"""The project's widget templates (FORM_RENDERER): an empty choice reads "— Chọn —", never Django's
"---------", in forms, model forms and filters alike; the file input speaks Vietnamese."""

import pytest
from django import forms

from dangvu.organizations.models import Organization
from dangvu.targets.forms import ActualForm


class _Form(forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), required=False)
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)


class _ModelForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["kind", "parent"]


@pytest.mark.django_db
def test_the_empty_choice_reads_chon():
    for html in (str(_Form()), str(_ModelForm())):
        assert "— Chọn —" in html and "---------" not in html


@pytest.mark.django_db
def test_the_file_input_speaks_vietnamese():
    html = str(ActualForm()["evidence_file"])
    assert "Chọn tệp" in html and "Chưa chọn tệp nào" in html
    assert 'type="file"' in html and 'name="evidence_file"' in html and " hidden" in html
