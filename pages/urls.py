from django.urls import path

from pages import views
from pages.defaults import PAGES

app_name = "pages"

# The pages the footer links; their text is edited in the admin (pages.models.Page).
PAGE_SLUGS = [slug for slug, *_ in PAGES]

urlpatterns = [
    *(path(f"{slug}/", views.page_detail, {"slug": slug}, name=slug) for slug in PAGE_SLUGS),
    path("contact/", views.contact, name="contact"),
    path("design/", views.design_system, name="design"),
]
