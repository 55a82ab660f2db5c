"""The yardstick of bench/campaign_signing.py: a Django view that inserts one row and nothing else.

Served by the same gunicorn, settings and database as the site (``DJANGO_SETTINGS_MODULE=
bench.minimal_settings``: production settings with this module as the URLconf): the site's
URLs plus ``/bench/insert/``, which takes a POST and inserts its ``value`` into the table
``bench_minimal_row`` (the benchmark creates it).
"""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from hhd_site.urls import urlpatterns as site_urlpatterns


@csrf_exempt
def insert_one(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_minimal_row (value) VALUES (%s)", [request.POST.get("value", "")])
    return HttpResponse(status=201)


urlpatterns = [path("bench/insert/", insert_one), *site_urlpatterns]
