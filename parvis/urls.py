from django.contrib import admin
from django.urls import include, path

from parvis.api.api import api
from parvis.www.throttle import throttled_login

urlpatterns = [
    path("admin/login/", throttled_login(admin.site.login), name="admin_login"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("instruction/", include("parvis.www.backoffice.urls")),
    path("", include("parvis.www.urls")),
]

handler403 = "parvis.www.views.errors.permission_denied"
handler404 = "parvis.www.views.errors.page_not_found"
handler500 = "parvis.www.views.errors.server_error"
