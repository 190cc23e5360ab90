import json
from app_pages import open_routed

def test_dump(monkeypatch):
    monkeypatch.setenv("PLANNER_DATA", "data/sample")
    monkeypatch.setenv("PLANNER_DB", "/tmp/h309/s2.duckdb")
    app = open_routed("pages/scenarios.py")
    app.query_params.update({"scenarios-view": "Compare"})
    app.switch_page("pages/scenarios.py")
    app = app.run()
    print("A", app.selectbox(key="compare-a").value, "B", app.selectbox(key="compare-b").value)
    for t in list(app.table) + list(app.dataframe):
        v = t.value
        if any("Chance" in str(c) for c in v.columns):
            print(v.to_string())
    for c in app.caption:
        if "odds" in c.value.lower() or "chance" in c.value.lower():
            print("[caption]", c.value[:400])
    cmp = json.load(open("/tmp/h309/cmp.json"))
    for g in cmp["goals"]:
        print(g.get("name"), g["chance_a"], g["chance_b"], g["chance_change"])
