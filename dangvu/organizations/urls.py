from django.urls import path

from dangvu.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("cay/<int:pk>/con/", views.tree_children, name="tree_children"),
    path("danh-sach/", views.organization_list, name="list"),
    path("them/", views.organization_create, name="create"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/sua/", views.organization_edit, name="edit"),
    path("<int:pk>/nhiem-ky/them/", views.term_create, name="term_create"),
    path("nhiem-ky/<int:term_pk>/them-cap-uy-vien/", views.seat_add, name="seat_add"),
    path("<int:pk>/cap-uy-vien/tim-dang-vien/", views.seat_member_search, name="seat_member_search"),
    path("cap-uy-vien/<int:seat_pk>/thoi/", views.seat_end, name="seat_end"),
    path("cap-uy-vien/<int:seat_pk>/gan-dang-vien/", views.seat_link, name="seat_link"),
    path("<int:pk>/phu-trach/", views.follower_assign, name="follower_assign"),
    path("<int:pk>/<slug:action>/", views.organization_action, name="action"),
]
