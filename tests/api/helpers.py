"""Small helpers shared by the API tests."""


def org_url(org=None, suffix: str = "") -> str:
    if org is None:
        return "/api/organizations/"
    pk = org if isinstance(org, int) else org.pk
    return f"/api/organizations/{pk}/" + (f"{suffix}/" if suffix else "")


def results(response) -> list[dict]:
    data = response.json()
    return data["results"] if isinstance(data, dict) and "results" in data else data


def codes(response) -> set[str]:
    return {row["code"] for row in results(response)}
