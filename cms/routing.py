"""Routing to a page's children in one query where they are all of one type."""


class OneChildTypeRoutingMixin:
    """For a page whose `subpage_types` name one type: its child is loaded as that type at once.

    Wagtail's routing loads each page of a URL twice (the generic row, then its specific type),
    plus each related row its template reads. A child of any other type (one made before the
    rule, say) is left to Wagtail's own routing, which answers it or a 404 as before.
    """

    #: Foreign keys the child's page reads on every view (its images, its audio), in the same query.
    child_select_related = ()

    def route(self, request, path_components):
        if path_components:
            (child_model,) = type(self).allowed_subpage_models()
            children = child_model.objects.child_of(self).select_related(*self.child_select_related)
            child = children.filter(slug=path_components[0]).first()
            if child is not None:
                child._cached_parent_obj = self  # get_parent() answers from it, as in Wagtail's routing
                return child.route(request, path_components[1:])
        return super().route(request, path_components)
