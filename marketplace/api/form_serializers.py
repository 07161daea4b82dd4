"""Serializers whose rules are the pages' Django forms, so that page and API never disagree."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model
from django.http import QueryDict
from rest_framework import serializers

NON_FIELD_ERRORS = "non_field_errors"


class StrictSerializer(serializers.Serializer):
    """Input whose JSON types are the ones the schema documents: no silent coercion.

    DRF reads `0` as the text "0" and `"5"` as the number 5, so `{"body": 0}` posted the
    message "0" although the schema says `body` is a string. Before any field parses its
    value, a JSON body's values must have the type the field documents (form-encoded bodies
    carry only text, so they are left to the fields).
    """

    def to_internal_value(self, data):
        if isinstance(data, dict) and not isinstance(data, QueryDict):
            errors = {
                name: [message]
                for name, field in self.fields.items()
                if not field.read_only and name in data
                for message in [_type_error(field, data[name])]
                if message
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


def _type_error(field: serializers.Field, value) -> str | None:
    """Why `value` is not of the JSON type the schema documents for `field`, if it is not."""
    if value is None:
        return None  # the field itself says whether null is allowed
    expected = _json_type(field)
    if expected is None:
        return None
    name, check = expected
    if not check(value):
        return f"Enter a value of type {name}."
    child = getattr(field, "child", None) or getattr(field, "child_relation", None)
    if name == "array" and child is not None:
        for item in value:
            message = _type_error(child, item)
            if message:
                return message
    return None


def _is_integer(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _json_type(field: serializers.Field):
    """The (name, check) of the JSON type of the field's values, as the schema shows it."""
    if isinstance(field, serializers.FileField):
        return None
    if isinstance(field, serializers.BooleanField):
        return "boolean", lambda value: isinstance(value, bool)
    if isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField):
        return "integer", _is_integer
    if isinstance(field, serializers.ListField | serializers.ManyRelatedField):
        return "array", lambda value: isinstance(value, list)
    if isinstance(field, serializers.ChoiceField):
        if all(_is_integer(key) for key in field.choices):
            return "integer", _is_integer
        return "string", lambda value: isinstance(value, str)
    if isinstance(
        field,
        serializers.CharField
        | serializers.DecimalField
        | serializers.DateField
        | serializers.DateTimeField
        | serializers.SlugRelatedField,
    ):
        return "string", lambda value: isinstance(value, str)
    return None


class FormSerializer(StrictSerializer):
    """Input checked by the page's own form.

    The declared fields parse the request (JSON or multipart) and document it in the schema;
    `validate()` then binds `form_class` to those values, laid over what the form shows when
    it opens (the object's current values for an update, the defaults for a new one), and
    returns the form's `cleaned_data`: exactly what the page passes to the workflow function.
    So a PATCH may send only the fields it changes. Errors come back under the API's names.
    """

    form_class: type[forms.BaseForm]
    # API field name -> form field name, where they differ.
    form_field_names: dict[str, str] = {}
    # (field, {value: fields}): that value of the choice is sent with those fields (see
    # `marketplace.api.schema.AutoSchema`, which states it).
    sent_with_choice: tuple[str, dict[str, tuple[str, ...]]] | None = None
    # Fields the form does not know, returned beside its cleaned_data (e.g. the service asked).
    passthrough_fields: tuple[str, ...] = ()

    def get_form_kwargs(self) -> dict:
        """Extra arguments of the form (e.g. `profile=`); the view passes them in the context."""
        kwargs = dict(self.context.get("form_kwargs", {}))
        if self.instance is not None and issubclass(self.form_class, forms.BaseModelForm):
            kwargs["instance"] = self.instance
        return kwargs

    def to_form_value(self, name: str, value):
        """A parsed value as the form reads it from a request."""
        if value is None:
            return ""
        if isinstance(value, Model):
            return value.pk
        if isinstance(value, list | tuple):
            return [self.to_form_value(name, item) for item in value]
        return value

    def validate(self, attrs: dict) -> dict:
        self._check_sent_with_choice(attrs)
        form_kwargs = self.get_form_kwargs()
        opened = self.form_class(**form_kwargs)
        data = {name: opened[name].value() for name, field in opened.fields.items()}
        data = {name: ("" if value is None else value) for name, value in data.items()}
        files = {}
        for name, value in attrs.items():
            if name in self.passthrough_fields:
                continue
            form_name = self.form_field_names.get(name, name)
            if isinstance(value, UploadedFile):
                files[form_name] = value
            else:
                data[form_name] = self.to_form_value(name, value)
        form = self.form_class(data=data, files=files, **form_kwargs)
        if not form.is_valid():
            raise serializers.ValidationError(self._errors_of(form))
        passed = {name: attrs[name] for name in self.passthrough_fields if name in attrs}
        return {**form.cleaned_data, **passed}

    def _check_sent_with_choice(self, attrs: dict) -> None:
        """`sent_with_choice` (field, {value: fields}), as the schema states it: that value of
        the choice comes with those fields."""
        if not self.sent_with_choice:
            return
        name, needs = self.sent_with_choice
        missing = [field for field in needs.get(attrs.get(name), ()) if field not in attrs]
        if missing:
            raise serializers.ValidationError(
                {field: [f"Send it with `{name}` `{attrs[name]}`."] for field in missing}
            )

    def _errors_of(self, form: forms.BaseForm) -> dict[str, list[str]]:
        api_names = {form_name: api_name for api_name, form_name in self.form_field_names.items()}
        errors: dict[str, list[str]] = {}
        for form_name, messages in form.errors.items():
            name = (
                NON_FIELD_ERRORS if form_name == "__all__" else api_names.get(form_name, form_name)
            )
            errors.setdefault(name, []).extend(messages)
        return errors
