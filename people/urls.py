from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from people import views

app_name = "people"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("account/", views.account, name="account"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(
            template_name="people/password_change.html",
            success_url=reverse_lazy("people:password_changed"),
        ),
        name="password_change",
    ),
    path(
        "account/password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="people/password_changed.html"
        ),
        name="password_changed",
    ),
]
