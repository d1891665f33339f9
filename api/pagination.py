from django.conf import settings
from rest_framework.pagination import PageNumberPagination


class ConvenePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = settings.CONVENE_API_MAX_PAGE_SIZE
