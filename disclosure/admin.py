from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Category


# Items and applications change only through their services (the workflow pages and the API);
# the category tree is plain reference data.
@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "parent", "basis", "order", "is_active"]
    search_fields = ["name", "code"]
