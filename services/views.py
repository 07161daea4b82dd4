from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from services.models import Category, Service


def home(request):
    categories = Category.objects.top_level().prefetch_related("children")
    newest = Service.objects.published().for_cards()[:8]
    return render(request, "services/home.html", {"categories": categories, "newest": newest})


def service_list(request):
    services = Service.objects.published().for_cards()
    page = Paginator(services, 20).get_page(request.GET.get("page"))
    return render(request, "services/service_list.html", {"page": page})


def category_detail(request, slug):
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    services = Service.objects.published().in_category(category).for_cards()
    page = Paginator(services, 20).get_page(request.GET.get("page"))
    return render(request, "services/category_detail.html", {"category": category, "page": page})


def service_detail(request, slug):
    service = get_object_or_404(
        Service.objects.visible_to(request.user).for_cards().prefetch_related("skills"),
        slug=slug,
    )
    return render(request, "services/service_detail.html", {"service": service})
