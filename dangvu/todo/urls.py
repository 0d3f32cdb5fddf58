from django.urls import path

from dangvu.todo import views

app_name = "todo"

urlpatterns = [
    path("xu-ly/", views.handle, name="handle"),
    path("da-xu-ly/<int:pk>/dua-tro-lai/", views.reopen, name="reopen"),
]
