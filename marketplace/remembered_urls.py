"""`{% url %}` (a template builtin that replaces Django's): a view's URL without arguments is
reversed once per process.

The layout names fifteen such views on every page, and the tag took about 70 µs for each
(the current application's lookup, the resolver's tables per language, the escaping): a
millisecond of a page that now takes six (bench/README.md, issue 28). Such a URL depends
only on the view's name, the URL configuration, the script prefix, the current application
and the language, so it is kept under them.
URLs with arguments, and `{% url ... as name %}`, are reversed every time, as Django does.
"""

from django.conf import settings
from django.template import Library, defaulttags
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation

register = Library()
_reversed: dict[tuple, str] = {}


class RememberedURLNode(defaulttags.URLNode):
    def render(self, context) -> str:
        if self.args or self.kwargs or self.asvar:
            return super().render(context)
        key = (
            self.view_name.resolve(context),
            _current_app(context),
            get_urlconf(settings.ROOT_URLCONF),
            get_script_prefix(),
            translation.get_language(),
            context.autoescape,
        )
        url = _reversed.get(key)
        if url is None:
            url = _reversed[key] = super().render(context)
        return url


def _current_app(context) -> str | None:
    """The application Django's tag reverses for (instance namespaces)."""
    try:
        return context.request.current_app
    except AttributeError:
        try:
            return context.request.resolver_match.namespace
        except AttributeError:
            return None


@register.tag
def url(parser, token) -> defaulttags.URLNode:
    node = defaulttags.url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
