"""The order's forms, shared by the pages and the API (which binds them to the request's
values): the requirements, one field per question the service asks; an extra's offer."""

from django import forms
from django.core.exceptions import ValidationError

from marketplace.validators import one_line, reject_markup
from money.forms import limit_amount
from orders.extras import ExtraOffer, offer_problems
from orders.models import ANSWER_MAX_LENGTH, EXTRA_DESCRIPTION_MAX_LENGTH, MAX_EXTRA_DAYS, ExtraKind
from orders.requirements import Answer, answer_problems
from payments.files import DOCUMENT_FORMATS_TEXT, check_delivery_file
from services.models import QuestionKind, RequirementQuestion
from services.package_limits import ADD_ON_MAX_PRICE, ADD_ON_MIN_PRICE
from uploads.limits import MAX_UPLOAD_SIZE


def field_name(question: RequirementQuestion) -> str:
    return f"q{question.pk}"


class RequirementsForm(forms.Form):
    def __init__(self, *args, questions: list[RequirementQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = self._field_for(question)

    @staticmethod
    def _field_for(question: RequirementQuestion) -> forms.Field:
        common = {"label": question.text, "required": question.required}
        if question.kind == QuestionKind.CHOICE:
            return forms.ChoiceField(
                choices=[(option, option) for option in question.option_list],
                widget=forms.RadioSelect,
                **common,
            )
        if question.kind == QuestionKind.FILE:
            return forms.FileField(
                help_text=f"{DOCUMENT_FORMATS_TEXT}, at most {MAX_UPLOAD_SIZE}.", **common
            )
        return forms.CharField(
            max_length=ANSWER_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}), **common
        )

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            name = field_name(question)
            upload = cleaned.get(name)
            if question.kind == QuestionKind.FILE and upload:
                try:
                    cleaned[name] = check_delivery_file(upload)
                except ValidationError as error:
                    self.add_error(name, error)
        for pk, problem in answer_problems(self.answers(cleaned)).items():
            name = f"q{pk}"
            if name not in self.errors:
                self.add_error(name, problem)
        return cleaned

    def answers(self, cleaned: dict | None = None) -> list[Answer]:
        cleaned = self.cleaned_data if cleaned is None else cleaned
        answers = []
        for question in self.questions:
            value = cleaned.get(field_name(question))
            if question.kind == QuestionKind.FILE:
                answers.append(Answer(question, file=value or None))
            else:
                answers.append(Answer(question, text=value or ""))
        return answers


class ExtraForm(forms.Form):
    """The freelancer's offer of more time or of a paid add-on (`orders.extras`)."""

    kind = forms.ChoiceField(label="What you offer", choices=ExtraKind.choices)
    description = forms.CharField(
        max_length=EXTRA_DESCRIPTION_MAX_LENGTH,
        validators=[reject_markup, one_line],
        help_text="E.g. “Two more days for the extra interviews” or “A second article”.",
    )
    extra_days = forms.IntegerField(
        label="Days added to the due date",
        min_value=0,
        max_value=MAX_EXTRA_DAYS,
        required=False,
        help_text=f"More time: 1 to {MAX_EXTRA_DAYS}. An add-on: 0 to {MAX_EXTRA_DAYS}.",
    )
    price = forms.DecimalField(
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text="A paid add-on only: it is paid into escrow as a milestone of its own.",
    )

    def __init__(self, *args, currency: str = "", **kwargs):
        # Its own ids: the engagement page that shows it has other forms.
        kwargs.setdefault("auto_id", "extra_%s")
        super().__init__(*args, **kwargs)
        if currency:
            self.fields["price"].label = f"Price ({currency})"
        limit_amount(
            self.fields["price"],
            minimum=ADD_ON_MIN_PRICE,
            maximum=ADD_ON_MAX_PRICE,
            too_small=f"Enter a price of at least {ADD_ON_MIN_PRICE}.",
            too_big=f"Enter a price of at most {ADD_ON_MAX_PRICE:,}.",
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for name, problem in offer_problems(self.offer(cleaned)).items():
            self.add_error(name, problem)
        return cleaned

    def offer(self, cleaned: dict | None = None) -> ExtraOffer:
        return ExtraOffer.of(self.cleaned_data if cleaned is None else cleaned)
