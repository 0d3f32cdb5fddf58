"""What the API plumbing stores: the answers to POST requests sent with an `Idempotency-Key`
(dangvu/api/idempotency.py), so that a retried request is answered again instead of done again."""

from django.conf import settings
from django.db import models


class IdempotencyKey(models.Model):
    """One `Idempotency-Key` a user sent with a POST: the request it named (route and body hash)
    and, once the request succeeded, its answer. `status_code` is null while the first request runs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=1000)
    body_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    response_body = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "khóa chống gửi lặp (Idempotency-Key)"
        verbose_name_plural = "khóa chống gửi lặp (Idempotency-Key)"
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")]
        indexes = [models.Index(fields=["user", "created_at"], name="idempotency_user_created")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.method} {self.path} {self.key}"
