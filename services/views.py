from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject

from marketplace import pagecache
from marketplace.kept_queries import KeptQuery
from marketplace.pagecache import cache_public_page
from profiles.models import Profile
from ratings.summary import rating_summary
from services import structured_data
from services.filters import ServiceFilter, facet_counts
from services.models import Category, Service, ServiceAddOn, ServicePackage, ServiceRedirect
from services.pagination import CardPaginator

SERVICES_PER_PAGE = 20
SKILL_FACETS_SHOWN = 10
REVIEWS_PER_PAGE = 10
CARDS_ON_HOME = 8
NEWEST_ON_HOME = 4
FREELANCERS_ON_HOME = 4
POPULAR_CATEGORIES = 6
SAMPLES_ON_SERVICE_PAGE = 4
OTHER_SERVICES_ON_SERVICE_PAGE = 6
# Query parameters that order or page the results without narrowing them.
NOT_FILTERS = {"sort", "page"}
# Lists of cards whose SQL is built once per process (marketplace.kept_queries).
TOP_RATED = KeptQuery(
    Service, lambda: Service.objects.published().card_rows().best_rated()[:CARDS_ON_HOME]
)
NEWEST = KeptQuery(
    Service,
    lambda: Service.objects.published().card_rows().order_by("-created_at", "-pk")[:NEWEST_ON_HOME],
)
# A service page's "More services by" the owner ([owner, service]).
OTHER_SERVICES = KeptQuery(
    Service,
    lambda ids: (
        Service.objects.published()
        .filter(owner=ids[0])
        .exclude(pk=ids[1])
        .card_rows()[:OTHER_SERVICES_ON_SERVICE_PAGE]
    ),
)


@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    tree = SimpleLazyObject(Category.objects.tree)
    version = pagecache.current_version()
    # The rows the two lists' cards are drawn from: one cache read instead of two queries.
    top_rated, newest = pagecache.kept(
        "home-cards", version, lambda: (TOP_RATED.rows(), NEWEST.rows())
    )
    context = {
        # The categories and the freelancers are cached fragments (keyed by catalogue
        # version): loaded only to render them.
        "catalogue_version": version,
        "categories": tree,
        "popular_categories": SimpleLazyObject(
            lambda: sorted(tree, key=lambda category: -category.service_count)[:POPULAR_CATEGORIES]
        ),
        "top_rated": top_rated,
        "freelancers": SimpleLazyObject(
            lambda: list(Profile.objects.featured()[:FREELANCERS_ON_HOME])
        ),
        "newest": newest,
    }
    return render(request, "services/home.html", context)


@cache_public_page
def service_list(request: HttpRequest) -> HttpResponse:
    return _browse(request, data=request.GET, template_name="services/service_list.html")


@cache_public_page
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The category comes from the URL; the other filters from the query string. The filter
    # reads the category (with its parent, for the breadcrumb): the page needs no query of
    # its own for it.
    data = request.GET.copy()
    data["category"] = slug
    return _browse(
        request, data=data, template_name="services/category_detail.html", category_page=True
    )


# Language pairs listed as links in the filter panel.
PAIR_FACETS_SHOWN = 10


def _browse(
    request: HttpRequest, *, data: QueryDict, template_name: str, category_page: bool = False
) -> HttpResponse:
    """A filtered, paginated list of service cards with facet counts (search and categories).

    The facets are read only to draw what the cache does not hold: the filter panel is kept
    with the number of results and the page's ids (pagecache.kept_list), so a page kept there
    reads neither the facet counts nor the categories and skills they name, and builds no
    query to find its services: it reads their cards' rows by id.
    """
    filterset = ServiceFilter(data, queryset=Service.objects.published(), request=request)
    filterset.is_valid()  # invalid filters are ignored, and the panel says why
    category = filterset.form.cleaned_data.get("category")
    if category_page and category is None:
        raise Http404("No category has this address.")
    facets = SimpleLazyObject(lambda: facet_counts(filterset))
    selected_skills = filterset.form.cleaned_data.get("skill") or []

    def unlisted_selected_skills() -> list:
        faceted = {skill for skill, _ in facets.skills}
        return [skill for skill in selected_skills if skill not in faceted]

    context = {
        "filterset": filterset,
        "form": filterset.form,
        "query": (filterset.form.cleaned_data.get("q") or "").strip(),
        # Cached fragments (the subcategories of a category page) are keyed by it.
        "catalogue_version": filterset.version_of(pagecache.CATALOGUE),
        "category_facets": SimpleLazyObject(lambda: _in_tree_order(facets.categories)),
        "skill_facets": SimpleLazyObject(lambda: facets.skills[:SKILL_FACETS_SHOWN]),
        "more_skill_facets": SimpleLazyObject(lambda: facets.skills[SKILL_FACETS_SHOWN:]),
        # Counted with the other facets (no query of their own): the most frequent pairs.
        "pair_facets": SimpleLazyObject(lambda: facets.pairs[:PAIR_FACETS_SHOWN]),
        "selected_skills": {skill.slug for skill in selected_skills},
        # Selected skills must stay in the form even when they are not among the facets.
        "unlisted_selected_skills": SimpleLazyObject(unlisted_selected_skills),
        # An empty page says "no matches" only when the visitor narrowed it.
        "is_filtered": any(
            value.strip()
            for key in request.GET
            if key not in NOT_FILTERS
            for value in request.GET.getlist(key)
        ),
        **({"category": category} if category_page else {}),
    }

    def read_page(total: int) -> tuple[int, list[int], str | None]:
        # The facets already counted every result (and are cached): no second COUNT(*).
        paginator = CardPaginator(
            filterset.ordered_results(), SERVICES_PER_PAGE, count=filterset.reachable_count(total)
        )
        return (*paginator.ids_of_page(request.GET.get("page")), filterset.corrected_query)

    panel, total, exact, (number, ids, filterset.corrected_query) = pagecache.kept_list(
        request,
        context["catalogue_version"],
        "services/includes/filter_panel.html",
        context,
        facets,
        read_page,
    )
    paginator = CardPaginator((), SERVICES_PER_PAGE, count=filterset.reachable_count(total))
    context |= {
        "filter_panel": panel,
        "total": total,
        "counts_exact": exact,
        "page": paginator.cards(number, ids),
    }
    return render(request, template_name, context)


def _in_tree_order(pairs: list[tuple[Category, int]]) -> list[tuple[Category, int]]:
    """Each top-level category followed by its subcategories, as the facet list shows them."""
    ordered = []
    for parent, count in pairs:
        if parent.parent_id is None:
            ordered.append((parent, count))
            ordered.extend(pair for pair in pairs if pair[0].parent_id == parent.pk)
    return ordered


@cache_public_page
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    version = pagecache.current_version()
    try:
        service = _service_at(slug, request.user, version)
    except Service.DoesNotExist:
        return _redirect_renamed_service(request, slug)
    owner = service.owner
    reviews = service.reviews.visible()
    # Loaded (counted, a page read and the ratings grouped) only when the reviews fragment or
    # the JSON-LD is drawn, not when both come from the cache.
    reviews_shown = SimpleLazyObject(
        lambda: Paginator(reviews.select_related("author"), REVIEWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    )
    # One extra sample tells whether to link to "all samples" without a COUNT query. Read
    # (like the skills) only when their cached fragment is drawn.
    samples = SimpleLazyObject(
        lambda: list(owner.writing_samples.all()[: SAMPLES_ON_SERVICE_PAGE + 1])
    )
    packages, add_ons = _packages_and_add_ons(service, version)
    context = {
        "service": service,
        "profile": owner,
        "packages": packages,
        "add_ons": add_ons,
        "samples": SimpleLazyObject(lambda: samples[:SAMPLES_ON_SERVICE_PAGE]),
        "more_samples": SimpleLazyObject(lambda: len(samples) > SAMPLES_ON_SERVICE_PAGE),
        "review_page": reviews_shown,
        "rating": SimpleLazyObject(
            lambda: rating_summary(
                reviews, count=service.review_count, average=service.rating_average, rated=service
            )
        ),
        # The reviews section and the JSON-LD are cached fragments, per catalogue version and
        # URL (and visitor, for the reviews); the skills and samples per catalogue version.
        "catalogue_version": version,
        "other_services": OTHER_SERVICES.rows([owner.pk, service.pk]),
        # A callable: the template calls it only when the fragment is not in the cache.
        "structured_data": lambda: structured_data.service_data(
            service, reviews=reviews_shown, packages=packages
        ),
    }
    return render(request, "services/service_detail.html", context)


def _service_at(slug: str, user, version: int) -> Service:
    """The service at `slug` that `user` may see (Service.DoesNotExist if none). Signed-out
    visitors see published services only, the same for all of them: theirs is kept in the
    cache per catalogue version (which any edit of it, its owner or its category changes),
    since building it with its owner and category was a quarter of the page's CPU."""
    services = Service.objects.visible_to(user).with_relations()
    if user.is_authenticated:
        return services.get(slug=slug)
    return pagecache.kept(f"service-page:{slug}", version, lambda: services.get(slug=slug))


def _packages_and_add_ons(service: Service, version: int) -> tuple[list, list]:
    """The service's packages and add-ons, kept in the cache per catalogue version (which any
    edit of them changes): two queries saved on every view of a service that sells packages.
    A service without packages (the seed's) costs nothing for them."""
    if not service.sells_packages:
        return [], []
    # Read by service id, not through `service.packages`: rows read through the relation
    # carry the service (with its owner, category and skills) into every cached copy.
    return pagecache.kept(
        f"service-packages:{service.pk}",
        version,
        lambda: (
            list(ServicePackage.objects.filter(service_id=service.pk)),
            list(ServiceAddOn.objects.filter(service_id=service.pk)),
        ),
    )


def _redirect_renamed_service(request: HttpRequest, slug: str) -> HttpResponse:
    """A renamed service's old link answers 301 to its new URL, if the visitor may see it."""
    renamed = ServiceRedirect.objects.service_renamed_from(slug, user=request.user)
    if renamed is None:
        raise Http404("No service is published at this address.")
    return redirect(renamed, permanent=True)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page links: send them to it."""
    return redirect(static("img/favicon.ico"), permanent=True)
