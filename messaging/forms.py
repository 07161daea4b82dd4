import unicodedata

from django import forms

from messaging.models import ThreadMessage

# Unicode categories that show nothing: format characters (zero-width space, joiners, marks
# of direction), separators and controls.
INVISIBLE = {"Cf", "Zs", "Zl", "Zp", "Cc"}
BODY_MAX_LENGTH = ThreadMessage._meta.get_field("body").max_length


class MessageForm(forms.Form):
    """A message in any private thread (an engagement's, a proposal's)."""

    body = forms.CharField(
        label="Your message",
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        # Whitespace is stripped already; zero-width and other format characters are not
        # whitespace to Python, yet a message of only those shows nothing.
        if all(unicodedata.category(character) in INVISIBLE for character in body):
            raise forms.ValidationError("Write something to send.", code="blank")
        return body
