"""The API's page-number pagination."""

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """The site-wide page size (REST_FRAMEWORK["PAGE_SIZE"]), adjustable per request up to 500."""

    page_size_query_param = "page_size"
    max_page_size = 500
    page_query_description = "Số trang, bắt đầu từ 1."
    page_size_query_description = "Số dòng mỗi trang (tối đa 500)."
    invalid_page_message = "Trang không hợp lệ."
