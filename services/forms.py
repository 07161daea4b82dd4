"""The service form, shared by the dashboard and the API."""

from django import forms

from marketplace.validators import one_line, reject_markup
from money.forms import limit_amount, limit_hourly_rate
from money.limits import MAX_PRICE, MIN_PRICE
from profiles.forms import SkillNamesField
from profiles.models import Profile
from services.editing import EDITABLE_FIELDS
from services.models import Category, Service


class LeafCategoryChoiceField(forms.ModelChoiceField):
    """Leaf categories, labelled with their parent: "Writing & Translation › Articles & News"."""

    def label_from_instance(self, category: Category) -> str:
        return f"{category.parent.name} › {category.name}"


class ServiceForm(forms.ModelForm):
    category = LeafCategoryChoiceField(
        queryset=Category.objects.leaves()
        .select_related("parent")
        .order_by("parent__position", "parent__name", "position", "name"),
        empty_label="Choose a category",
        help_text="Services are listed in one subcategory.",
    )
    skill_names = SkillNamesField(label="Skills")

    class Meta:
        model = Service
        fields = list(EDITABLE_FIELDS)
        labels = {"engagement": "Engagement kind"}
        help_texts = {
            "title": "What you offer, in a few words: it also makes the page's address.",
            "description": "Plain text; blank lines start new paragraphs.",
            "hourly_rate": "Leave empty if you only quote a starting price.",
            "starting_price": "The least a project costs. Leave empty for hourly work only.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, owner: Profile | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if owner is not None and not self.instance.pk:
            # A new service is priced like the profile unless the freelancer says otherwise.
            self.initial.setdefault("currency", owner.currency)
        if self.instance.pk and "skill_names" not in self.initial:
            self.initial["skill_names"] = list(self.instance.skills.all())
        self.fields["title"].validators += [reject_markup, one_line]
        limit_hourly_rate(self.fields["hourly_rate"])
        limit_amount(
            self.fields["starting_price"],
            maximum=MAX_PRICE,
            too_small=f"Enter a price of at least {MIN_PRICE}.",
            too_big=f"Enter a price of at most {MAX_PRICE:,}.",
        )

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
