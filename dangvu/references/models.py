"""Reference lists (danh mục): data, editable by administrators, seeded with the official lists."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.choices import TranslatedTextChoices


class ListCode(TranslatedTextChoices):
    ETHNICITY = "ethnicity", _("Dân tộc")
    RELIGION = "religion", _("Tôn giáo")
    GENERAL_EDUCATION = "general_education", _("Giáo dục phổ thông")
    PROFESSIONAL = "professional", _("Chuyên môn nghiệp vụ")
    ACADEMIC_DEGREE = "academic_degree", _("Học vị")
    ACADEMIC_TITLE = "academic_title", _("Học hàm")
    THEORY_LEVEL = "theory_level", _("Lý luận chính trị")
    OCCUPATION = "occupation", _("Nghề nghiệp")


class ReferenceItem(models.Model):
    list_code = models.CharField(_("danh mục"), max_length=30, choices=ListCode.choices)
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    rank = models.PositiveSmallIntegerField(_("bậc (để so sánh trình độ)"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mục danh mục")
        verbose_name_plural = _("danh mục")
        ordering = ["list_code", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["list_code", "code"], name="reference_code_unique")]

    def __str__(self) -> str:
        return self.name
