"""Forms for what a freelancer edits about themselves, shared by the dashboard and the API."""

from django import forms
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.text import slugify

from languages.forms import LanguageField
from languages.levels import Level
from languages.subjects import Subject
from marketplace.validators import one_line, reject_markup, web_address
from money.forms import limit_hourly_rate
from profiles.models import Profile, Skill, WritingSample
from uploads import images, pdfs
from uploads.limits import IMAGE_FORMATS_TEXT, MAX_UPLOAD_SIZE

MAX_SKILLS = 30
MAX_SKILL_NAME_LENGTH = 60
SKILL_SUGGESTIONS_ID = "skill-suggestions"
MAX_SUGGESTIONS = 500


def skill_suggestions() -> list[str]:
    """Names for the skills field's <datalist>: enough to help, few enough to keep pages light."""
    return list(Skill.objects.order_by("name").values_list("name", flat=True)[:MAX_SUGGESTIONS])


class SkillNamesField(forms.CharField):
    """Skills typed as comma-separated names; cleans to a list of distinct, tidy names.

    Nothing is created here: the workflow that saves the form creates new skills, so that a
    form with an error elsewhere leaves no new skill behind.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault(
            "help_text", "Separate skills with commas, e.g. News Writing, Copy Editing."
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"list": SKILL_SUGGESTIONS_ID, "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(getattr(item, "name", item) for item in value)
        return value

    def clean(self, value) -> list[str]:
        text = super().clean(value)
        names: list[str] = []
        seen: set[str] = set()
        for raw in text.split(","):
            name = Skill.normalise_name(raw)
            if not name or name.lower() in seen:
                continue
            if len(name) > MAX_SKILL_NAME_LENGTH:
                raise forms.ValidationError(
                    "“%(name)s…” is too long: keep each skill under %(max)s characters.",
                    code="skill_too_long",
                    params={"name": name[:20], "max": MAX_SKILL_NAME_LENGTH},
                )
            reject_markup(name)
            one_line(name)
            if not slugify(name):
                raise forms.ValidationError(
                    "“%(name)s” needs at least one letter or digit.",
                    code="skill_without_letters",
                    params={"name": name},
                )
            seen.add(name.lower())
            names.append(name)
        if len(names) > MAX_SKILLS:
            raise forms.ValidationError(
                "List at most %(max)s skills.", code="too_many_skills", params={"max": MAX_SKILLS}
            )
        return names


class ProfileForm(forms.ModelForm):
    skill_names = SkillNamesField(label="Skills")

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "headline",
            "about",
            "location",
            "country",
            "hourly_rate",
            "currency",
            "availability",
            "engagement_preference",
        ]
        labels = {
            "display_name": "Display name",
            "hourly_rate": "Default hourly rate",
            "engagement_preference": "Engagement preference",
        }
        help_texts = {
            "display_name": "Your name as clients see it.",
            "headline": "One line under your name, e.g. “Journalist and news writer”.",
            "about": "Plain text; blank lines start new paragraphs.",
        }
        widgets = {"about": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "skill_names" not in self.initial:
            self.initial["skill_names"] = list(self.instance.skills.all())
        for name in ("display_name", "headline", "location", "country"):
            self.fields[name].validators += [reject_markup, one_line]
        limit_hourly_rate(self.fields["hourly_rate"])


class WritingSampleForm(forms.ModelForm):
    """A sample and the services it illustrates (only the author's own services are offered)."""

    original_url = forms.URLField(
        label="Original URL",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="Where it first appeared, if it is online.",
    )

    class Meta:
        model = WritingSample
        fields = ["title", "body", "original_url", "published_on", "services"]
        labels = {"body": "Text", "published_on": "First published on"}
        help_texts = {
            "body": "Plain text; blank lines start new paragraphs.",
            "services": "Show this sample on these services.",
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 16}),
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "services": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, profile: Profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].validators += [reject_markup, one_line]
        self.fields["original_url"].validators.append(web_address)
        self.fields["services"].queryset = profile.services.order_by("title")
        self.fields["services"].required = False

    def clean_original_url(self) -> str:
        # Django's URL check lets through characters that a URI may not hold (non-ASCII,
        # spaces' cousins, `{|}`): store the address percent-encoded, as a valid URI.
        url = iri_to_uri(self.cleaned_data["original_url"])
        max_length = self.fields["original_url"].max_length
        if len(url) > max_length:
            raise forms.ValidationError(
                "Once encoded, this address is longer than %(max)s characters.",
                code="max_length",
                params={"max": max_length},
            )
        return url

    def clean_published_on(self):
        published_on = self.cleaned_data["published_on"]
        if published_on and published_on > timezone.localdate():
            raise forms.ValidationError(
                "Enter a date that is not in the future.", code="future_date"
            )
        return published_on


class AvatarForm(forms.Form):
    """Cleans to the avatar and its thumbnail, re-encoded: see uploads.images."""

    avatar = forms.FileField(
        label="Avatar image",
        help_text=f"{IMAGE_FORMATS_TEXT}, at most {MAX_UPLOAD_SIZE}. Shown square, "
        f"{images.AVATAR_SIZE} × {images.AVATAR_SIZE} pixels.",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_avatar(self) -> images.EncodedImage:
        return images.avatar_version(self.cleaned_data["avatar"])


class BannerForm(forms.Form):
    banner = forms.FileField(
        label="Banner image",
        help_text=f"{IMAGE_FORMATS_TEXT}, at most {MAX_UPLOAD_SIZE}. Shown up to "
        f"{images.BANNER_MAX_WIDTH} pixels wide.",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_banner(self) -> images.EncodedImage:
        return images.banner_version(self.cleaned_data["banner"])


class ResumeForm(forms.Form):
    resume = forms.FileField(
        label="Resume (PDF)",
        help_text=f"A PDF of at most {MAX_UPLOAD_SIZE}. Clients download it from your pages.",
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )

    def clean_resume(self) -> bytes:
        return pdfs.read_pdf(self.cleaned_data["resume"], what="your resume")


class ProfileLanguageForm(forms.Form):
    """A language the freelancer speaks, with the level."""

    language = LanguageField(label="Language", help_text="Type to search, e.g. “German”.")
    level = forms.ChoiceField(label="Level", choices=Level.choices)


class LanguagePairForm(forms.Form):
    """A direction the freelancer translates in, with subject areas."""

    source = LanguageField(label="From", help_text="The language you translate from.")
    target = LanguageField(label="Into", help_text="The language you translate into.")
    subjects = forms.MultipleChoiceField(
        label="Subject areas",
        choices=Subject.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") and cleaned.get("source") == cleaned.get("target"):
            self.add_error(
                "target", forms.ValidationError("Choose two different languages.", code="same")
            )
        return cleaned
