import nh3
from django.db import models
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

# Markup staff may use in a page's body; anything else (scripts, styles, handlers) is removed
# when the page is shown, so a pasted snippet cannot break the layout or the CSP.
ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "a", "strong", "em", "blockquote", "br"}


class Page(models.Model):
    """A page every marketplace has (About, How it works, Terms, Privacy), edited by staff.

    The pages and their addresses are fixed (pages.urls); their words live here, so staff can
    change them in the admin without a deploy. Defaults come from a data migration.
    """

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=120)
    summary = models.CharField(
        max_length=300, help_text="One or two sentences for search engines and link previews."
    )
    body = models.TextField(
        help_text="HTML: paragraphs, h2/h3 headings, lists, links, strong and em only."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(f"pages:{self.slug}")

    def safe_body(self) -> SafeString:
        # Cleaned to the allowed tags just above, so safe to insert as HTML.
        return mark_safe(nh3.clean(self.body, tags=ALLOWED_TAGS))
