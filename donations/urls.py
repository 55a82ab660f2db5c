"""Public URLs of the donations app (mounted under /<language>/donations/)."""

app_name = "donations"

urlpatterns = []
