"""API routes of the dues app, included by dangvu/api/urls.py under /api/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from dangvu.dues import api

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("dues/bases", api.BasisViewSet, basename="dues-basis")
router.register("dues/payments", api.PaymentViewSet, basename="dues-payment")

urlpatterns = [path("dues/rates/", api.RatesView.as_view(), name="dues-rates"),
               path("dues/months/", api.MonthEntryView.as_view(), name="dues-month"), *router.urls]
