"""URLs of the members app, mounted inside i18n_patterns by cms/urls.py."""

urlpatterns = []
