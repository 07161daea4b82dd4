"""The service form, shared by the dashboard and the API."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from marketplace.validators import one_line, reject_markup
from money.forms import limit_amount, limit_hourly_rate
from money.limits import (
    MAX_PRICE,
    MAX_QUOTE,
    MAX_WORD_RATE,
    MIN_PRICE,
    MIN_QUOTE,
    MIN_WORD_RATE,
)
from profiles.forms import SkillNamesField
from profiles.models import Profile
from services import package_limits as limits
from services.editing import EDITABLE_FIELDS
from services.models import (
    Category,
    RequirementQuestion,
    Service,
    ServiceAddOn,
    ServicePackage,
)


class LeafCategoryChoiceField(forms.ModelChoiceField):
    """Leaf categories, labelled with their parent: "Writing & Translation › Articles & News"."""

    def label_from_instance(self, category: Category) -> str:
        return f"{category.parent.name} › {category.name}"


# A translator's or writer's pace, for a document quote's delivery estimate.
MIN_WORDS_PER_DAY = 100
MAX_WORDS_PER_DAY = 20_000


class ServiceForm(forms.ModelForm):
    category = LeafCategoryChoiceField(
        queryset=Category.objects.leaves()
        .select_related("parent")
        .order_by("parent__position", "parent__name", "position", "name"),
        empty_label="Choose a category",
        help_text="Services are listed in one subcategory.",
    )
    skill_names = SkillNamesField(label="Skills")
    language_pairs = forms.MultipleChoiceField(
        label="Language pairs",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For translation: the pairs of your profile this service covers.",
    )

    class Meta:
        model = Service
        fields = list(EDITABLE_FIELDS)
        labels = {"engagement": "Engagement kind"}
        help_texts = {
            "title": "What you offer, in a few words: it also makes the page's address.",
            "description": "Plain text; blank lines start new paragraphs.",
            "hourly_rate": "Leave empty if you only quote a starting price.",
            "starting_price": "The least a project costs. Leave empty for hourly work only.",
            "per_word_rate": "Optional: a price per word (e.g. 0.08). With it, clients get an "
            "instant quote from their document.",
            "minimum_charge": "Optional: the least an order priced by the word costs.",
            "words_per_day": "Optional: how many words you deliver a day, for the quote's "
            "delivery estimate.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, owner: Profile | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if owner is not None and not self.instance.pk:
            # A new service is priced like the profile unless the freelancer says otherwise.
            self.initial.setdefault("currency", owner.currency)
        if self.instance.pk and "skill_names" not in self.initial:
            self.initial["skill_names"] = list(self.instance.skills.all())
        profile = owner if owner is not None else getattr(self.instance, "owner", None)
        offered = list(profile.language_pairs.all()) if profile is not None else []
        self.fields["language_pairs"].choices = [(pair.key, pair.label) for pair in offered]
        if self.instance.pk and "language_pairs" not in self.initial:
            self.initial["language_pairs"] = [
                pair.key for pair in self.instance.language_pairs.all()
            ]
        if not offered:
            self.fields[
                "language_pairs"
            ].help_text = "Add language pairs to your profile to offer them here."
        self.fields["title"].validators += [reject_markup, one_line]
        limit_hourly_rate(self.fields["hourly_rate"])
        limit_amount(
            self.fields["starting_price"],
            maximum=MAX_PRICE,
            too_small=f"Enter a price of at least {MIN_PRICE}.",
            too_big=f"Enter a price of at most {MAX_PRICE:,}.",
        )
        limit_amount(
            self.fields["per_word_rate"],
            minimum=MIN_WORD_RATE,
            maximum=MAX_WORD_RATE,
            too_small=f"Enter a rate of at least {MIN_WORD_RATE}.",
            too_big=f"Enter a rate of at most {MAX_WORD_RATE} a word.",
        )
        self.fields["per_word_rate"].widget.attrs["step"] = "0.001"
        limit_amount(
            self.fields["minimum_charge"],
            minimum=MIN_QUOTE,
            maximum=MAX_QUOTE,
            too_small=f"Enter a charge of at least {MIN_QUOTE}.",
            too_big=f"Enter a charge of at most {MAX_QUOTE:,}.",
        )
        words = self.fields["words_per_day"]
        words.min_value, words.max_value = MIN_WORDS_PER_DAY, MAX_WORDS_PER_DAY
        words.validators += [
            MinValueValidator(MIN_WORDS_PER_DAY, f"Enter at least {MIN_WORDS_PER_DAY} words."),
            MaxValueValidator(MAX_WORDS_PER_DAY, f"Enter at most {MAX_WORDS_PER_DAY:,} words."),
        ]
        words.widget.attrs.update({"min": MIN_WORDS_PER_DAY, "max": MAX_WORDS_PER_DAY})

    def clean_title(self) -> str:
        title = self.cleaned_data["title"]
        if not any(character.isalnum() for character in title):
            raise forms.ValidationError(
                "Give the service a title with words in it.", code="title_without_words"
            )
        return title

    def clean(self):
        cleaned = super().clean()
        hourly_rate = cleaned.get("hourly_rate")
        starting_price = cleaned.get("starting_price")
        no_price_given = (
            hourly_rate is None
            and starting_price is None
            and "hourly_rate" not in self.errors
            and "starting_price" not in self.errors
        )
        if no_price_given:
            self.add_error("hourly_rate", "Give an hourly rate, a starting price, or both.")
        return cleaned


class PackageForm(forms.ModelForm):
    """One tier of a service's packages (the dashboard shows one per tier)."""

    class Meta:
        model = ServicePackage
        fields = ["name", "description", "price", "delivery_days", "revisions", "word_count"]
        help_texts = {
            "name": "E.g. “500-word article”.",
            "description": "What this package includes, in a sentence or two.",
            "delivery_days": (
                f"From {limits.MIN_DELIVERY_DAYS} to {limits.MAX_DELIVERY_DAYS} days after the "
                "client answers your questions."
            ),
            "revisions": f"Rounds of changes the client may ask for (0 to "
            f"{limits.MAX_PACKAGE_REVISIONS}).",
            "word_count": "Writing services: the words delivered. Leave empty otherwise.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].validators += [reject_markup, one_line]
        limit_amount(
            self.fields["price"],
            minimum=limits.PACKAGE_MIN_PRICE,
            maximum=limits.PACKAGE_MAX_PRICE,
            too_small=f"Enter a price of at least {limits.PACKAGE_MIN_PRICE}.",
            too_big=f"Enter a price of at most {limits.PACKAGE_MAX_PRICE:,}.",
        )


class AddOnForm(forms.ModelForm):
    class Meta:
        model = ServiceAddOn
        fields = ["name", "price", "extra_days"]
        help_texts = {
            "name": "E.g. “Delivery in 24 hours” or “Proofreading by a second editor”.",
            "extra_days": f"Days it adds to the delivery (0 to {limits.MAX_ADD_ON_EXTRA_DAYS}).",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].validators += [reject_markup, one_line]
        limit_amount(
            self.fields["price"],
            minimum=limits.ADD_ON_MIN_PRICE,
            maximum=limits.ADD_ON_MAX_PRICE,
            too_small=f"Enter a price of at least {limits.ADD_ON_MIN_PRICE}.",
            too_big=f"Enter a price of at most {limits.ADD_ON_MAX_PRICE:,}.",
        )


class QuestionForm(forms.ModelForm):
    class Meta:
        model = RequirementQuestion
        fields = ["text", "kind", "options", "required"]
        labels = {"text": "Question", "required": "The client must answer it"}
        help_texts = {
            "options": f"Multiple choice only: 2 to {limits.MAX_QUESTION_OPTIONS} options, one "
            "per line.",
        }
        widgets = {"options": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].validators += [reject_markup]
