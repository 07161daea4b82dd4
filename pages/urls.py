from django.urls import path

from pages import views

app_name = "pages"

# The pages the footer links; their text is edited in the admin (pages.models.Page).
PAGE_SLUGS = ["about", "how-it-works", "terms", "privacy"]

urlpatterns = [
    *(path(f"{slug}/", views.page_detail, {"slug": slug}, name=slug) for slug in PAGE_SLUGS),
    path("contact/", views.contact, name="contact"),
]
