"""Reference lists (danh mục): data, editable by administrators, seeded with the official lists."""

from django.db import models


class ListCode(models.TextChoices):
    ETHNICITY = "ethnicity", "Dân tộc"
    RELIGION = "religion", "Tôn giáo"
    GENERAL_EDUCATION = "general_education", "Giáo dục phổ thông"
    PROFESSIONAL = "professional", "Chuyên môn nghiệp vụ"
    ACADEMIC_DEGREE = "academic_degree", "Học vị"
    ACADEMIC_TITLE = "academic_title", "Học hàm"
    THEORY_LEVEL = "theory_level", "Lý luận chính trị"
    OCCUPATION = "occupation", "Nghề nghiệp"


class ReferenceItem(models.Model):
    list_code = models.CharField("danh mục", max_length=30, choices=ListCode.choices)
    code = models.CharField("mã", max_length=20)
    name = models.CharField("tên", max_length=120)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    rank = models.PositiveSmallIntegerField("bậc (để so sánh trình độ)", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "mục danh mục"
        verbose_name_plural = "danh mục"
        ordering = ["list_code", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["list_code", "code"], name="reference_code_unique")]

    def __str__(self) -> str:
        return self.name
