from django.contrib import admin
from django.urls import include, path

from parvis.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("parvis.www.urls")),
]

handler404 = "parvis.www.views.errors.page_not_found"
handler500 = "parvis.www.views.errors.server_error"
