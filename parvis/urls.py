from django.contrib import admin
from django.urls import include, path

from parvis.api.api import api
from parvis.www.throttle import throttled_login

urlpatterns = [
    path("admin/login/", throttled_login(admin.site.login), name="admin_login"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("comptes/", include("allauth.urls")),
    path("", include("parvis.www.urls")),
]

handler404 = "parvis.www.views.errors.page_not_found"
handler500 = "parvis.www.views.errors.server_error"
