from django.urls import path

from dangvu.accounts import tokens_api

urlpatterns = [
    path("tokens/", tokens_api.TokenListView.as_view(), name="api-tokens"),
    path("tokens/<int:pk>/", tokens_api.TokenDetailView.as_view(), name="api-token"),
]
