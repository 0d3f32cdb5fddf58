"""The new kinds on the pages: every kind's template and export, the upload form offers them; who may and who may not."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.imports.kinds import KINDS
from dangvu.imports.models import ImportRun

pytestmark = pytest.mark.django_db
NEW_KINDS = ("cards", "badges", "dues", "org_grades", "member_grades", "training_classes", "training_results",
             "discipline")


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_template_export_and_upload_of_each_new_kind(client, cast, kind):
    client.force_login(cast.officer_a)
    wb = load_workbook(io.BytesIO(client.get(reverse("imports:template", args=[kind])).content))
    assert wb.sheetnames == [KINDS[kind].sheet_name, "Vi du", "Huong dan"]
    assert wb.worksheets[0].cell(1, 1).value.startswith(KINDS[kind].columns[0].header)
    response = client.get(reverse("imports:export", args=[kind]), {"organization": cast.tree.district_a.pk})
    assert response.status_code == 200 and load_workbook(io.BytesIO(response.content)).worksheets[0].max_row == 1
    assert f'value="{kind}"' in client.get(reverse("imports:index")).content.decode()
    response = client.post(reverse("imports:index"), {"kind": kind, "organization": cast.tree.district_a.pk,
                                                      "file": SimpleUploadedFile("a.xlsx", response.content)})
    assert response.status_code == 302 and ImportRun.objects.get().kind == kind
    # the other district's officer: 404 on district A's export; a secretary: 403
    client.force_login(cast.officer_b)
    assert client.get(reverse("imports:export", args=[kind]), {"organization": cast.tree.district_a.pk}).status_code == 404
    client.force_login(cast.secretary_a1)
    assert client.get(reverse("imports:template", args=[kind])).status_code == 403


def test_commands_know_the_new_kinds(cast, tmp_path, capsys):
    from django.core.management import call_command

    out = tmp_path / "cards.xlsx"
    call_command("export_data", kind="cards", organization="99.001", output=str(out))
    assert load_workbook(out).sheetnames[0] == "The dang vien"
    call_command("import_data", str(out), kind="cards", organization="99.001", user="officer_a", dry_run=True)
    assert "Mới: 0" in capsys.readouterr().out
