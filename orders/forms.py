"""The requirements form: one field per question the service asks, shared by the page and
the API (which binds it to the request's values)."""

from django import forms
from django.core.exceptions import ValidationError

from orders.models import ANSWER_MAX_LENGTH
from orders.requirements import Answer, answer_problems
from payments.files import DOCUMENT_FORMATS_TEXT, check_delivery_file
from services.models import QuestionKind, RequirementQuestion
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
