from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import cache_page

from parvis.api.api import api
from parvis.www.sitemaps import SITEMAPS
from parvis.www.throttle import throttled_login
from parvis.www.views.pages import robots_txt

urlpatterns = [
    path("admin/login/", throttled_login(admin.site.login), name="admin_login"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        cache_page(3600)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(3600)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("instruction/", include("parvis.www.backoffice.urls")),
    path("comptes/", include("allauth.urls")),
    path("", include("parvis.www.urls")),
]

handler403 = "parvis.www.views.errors.permission_denied"
handler404 = "parvis.www.views.errors.page_not_found"
handler500 = "parvis.www.views.errors.server_error"
