"""URLs of the learning app, mounted inside i18n_patterns by cms/urls.py."""

urlpatterns = []
