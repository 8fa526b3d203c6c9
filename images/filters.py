import django_filters

from core.filters import StrictFilterSet

from .models import Image


class ImageFilterSet(StrictFilterSet):
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="Words in the title, alt text or credit."
    )

    class Meta:
        model = Image
        fields = ["search"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)
