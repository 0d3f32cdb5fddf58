"""Page and API read the same query string the same way: one FilterSet per list.

`same_rows(page_client, api_client, page_url, api_url, query)` asks the page and the API for the
same query string and returns both lists of ids (the page's from its paginated rows in the
template context, the API's from the JSON). `messages_of(response)` are the page's messages.
"""

from django.contrib.messages import get_messages


def page_ids(client, url: str, query: str, *, key=lambda row: row.pk) -> list[int]:
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200, (url, query, response.status_code)
    assert not list(get_messages(response.wsgi_request)), (query, [str(m) for m in get_messages(response.wsgi_request)])
    return [key(row) for row in response.context["page"].object_list]


def api_ids(client, url: str, query: str) -> list[int]:
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200, (url, query, response.status_code, response.content[:300])
    data = response.json()
    rows = data["results"] if isinstance(data, dict) else data
    return [row["id"] for row in rows]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]
