from django.urls import path

from bench.bare.views import newest

urlpatterns = [path("bench/bare/", newest)]
