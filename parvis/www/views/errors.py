from django.shortcuts import render


def page_not_found(request, exception=None):
    return render(request, "www/404.html", {"title": "Page introuvable"}, status=404)


def server_error(request):
    return render(request, "www/500.html", {"title": "Erreur inattendue"}, status=500)
