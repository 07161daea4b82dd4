"""The language picker: a text box with the languages' names as suggestions (a `datalist`),
searchable as one types in any browser, with or without JavaScript. It accepts a name in the
page's language or in English, or an ISO 639 code, and cleans to the code."""

from django import forms
from django.utils.html import format_html, format_html_join

from languages.names import code_for, language_choices, language_name


class LanguageInput(forms.TextInput):
    """A text input followed by its datalist of language names; shows a stored code's name."""

    def format_value(self, value):
        if value and isinstance(value, str) and code_for(value) == value:
            return language_name(value)
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-languages"
        attrs.update({"list": list_id, "autocomplete": "off"})
        field = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '<option value="{}"></option>', ((label,) for _, label in language_choices())
        )
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class LanguageField(forms.CharField):
    default_error_messages = {
        "unknown": "Choose a language from the list (a name such as “German”, or a code "
        "such as “de”).",
    }
    widget = LanguageInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 60)
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        text = super().to_python(value)
        if text in self.empty_values:
            return ""
        code = code_for(text)
        if code is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return code
