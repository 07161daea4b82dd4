from django import forms

from marketplace.validators import one_line, reject_markup


class ContactForm(forms.Form):
    """A visitor's message to the staff."""

    name = forms.CharField(max_length=100, validators=[reject_markup, one_line])
    email = forms.EmailField(label="Your email", help_text="We answer here.")
    subject = forms.CharField(max_length=150, validators=[reject_markup, one_line])
    message = forms.CharField(
        min_length=20,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What can we help with? Include the address of the page it is about.",
    )
