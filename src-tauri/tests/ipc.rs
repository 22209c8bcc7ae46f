//! The command layer over real IPC messages, headless: Tauri's mock runtime,
//! the app's real config and capabilities, a real database file. Checks what
//! the window relies on: results and `{kind, message}` errors in the shapes of
//! the generated bindings, and that nothing outside the granted commands is
//! callable.

use std::path::Path;

#[path = "../../crates/claimtrail-core/tests/support/site.rs"]
mod site;

use claimtrail_core::{ActorKind, ActorSpec, LogRequest, Relation, RelayStep, Store};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    app: App<MockRuntime>,
}

impl Harness {
    fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("claimtrail.sqlite3");
        Harness::at(dir, db)
    }

    /// A window on the database at `db`, inside `dir`.
    fn at(dir: tempfile::TempDir, db: std::path::PathBuf) -> Harness {
        let store = Store::open(&db).unwrap();
        let app = claimtrail_desktop::with_commands(mock_builder(), store, db.clone())
            .build(tauri::generate_context!())
            .unwrap();
        Harness { _dir: dir, db, app }
    }

    fn window(&self, label: &str) -> WebviewWindow<MockRuntime> {
        self.app
            .get_webview_window(label)
            .unwrap_or_else(|| WebviewWindowBuilder::new(&self.app, label, Default::default()).build().unwrap())
    }

    fn invoke_in(&self, label: &str, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // What the Linux web view reports for the app's own pages.
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window(label), request).map(|body| body.deserialize::<Value>().unwrap())
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.invoke_in("main", cmd, args)
    }
}

fn no_filter() -> Value {
    json!({ "filter": { "status": null, "disputed": null, "search": null, "actor": null, "case": null,
                        "since": null, "until": null, "before": null, "limit": null } })
}

fn pasechnik() -> Value {
    let mut req = LogRequest::new(
        "Luhansk region has been 100 per cent liberated",
        ActorSpec::named("Leonid Pasechnik", ActorKind::Person),
    );
    req.quote = Some("100 per cent liberated".into());
    for (name, kind) in
        [("Al Jazeera", ActorKind::Outlet), ("ANI", ActorKind::Agency), ("Kenya Star", ActorKind::Outlet)]
    {
        req.relays.push(RelayStep {
            actor: ActorSpec::named(name, kind),
            relation: Relation::Cites,
            cue: None,
            quote: None,
            document: None,
        });
    }
    json!({ "request": serde_json::to_value(req).unwrap() })
}

#[test]
fn a_claim_logged_over_ipc_is_listed_shown_and_traced() {
    let h = Harness::new();
    let info = h.invoke("database_info", json!({})).unwrap();
    assert_eq!(info["empty"], json!(true));
    assert_eq!(info["path"], json!(h.db.display().to_string()));

    let logged = h.invoke("log_claim", pasechnik()).unwrap();
    let claim_id = logged["claim_id"].as_str().unwrap().to_string();
    assert_eq!(logged["appearance_ids"].as_array().unwrap().len(), 4);

    let list = h.invoke("list_claims", no_filter()).unwrap();
    assert_eq!(list[0]["id"], json!(claim_id));
    assert_eq!(list[0]["outlets"], json!(3));
    assert_eq!(list[0]["independent_origins"], json!(1));

    let trace = h.invoke("trace_claim", json!({ "claim": claim_id })).unwrap();
    assert_eq!(trace["origins"][0]["actor"], json!("Leonid Pasechnik"));
    assert_eq!(trace["nodes"].as_array().unwrap().len(), 4);
    assert!(trace["warnings"].as_array().unwrap().iter().any(|w| w["kind"] == "false_corroboration"));

    let event = h
        .invoke(
            "set_status",
            json!({ "claim": claim_id, "request": { "status": "contested", "reason": "maps disagree",
                    "evidence": ["https://maps.example/luhansk"], "author": "ana" } }),
        )
        .unwrap();
    assert_eq!(event["status"], json!("contested"));
    let shown = h.invoke("show_claim", json!({ "claim": &claim_id[..8] })).unwrap();
    assert_eq!(shown["status"], json!("contested"));
    assert_eq!(shown["history"][0]["evidence"], json!(["https://maps.example/luhansk"]));
}

#[test]
fn a_name_spelt_another_way_comes_back_with_its_candidates_and_their_reason() {
    let h = Harness::new();
    h.invoke("log_claim", pasechnik()).unwrap();
    let typo =
        h.invoke("resolve_name", json!({ "name": "Leonid Pasechnick", "kind": "person", "context": [] })).unwrap();
    assert_eq!(typo["resolution"], json!("candidates"));
    assert_eq!(typo["detail"][0]["name"], json!("Leonid Pasechnik"));
    assert_eq!(typo["detail"][0]["reason"], json!("transliteration"));
    let exact = h.invoke("resolve_name", json!({ "name": "leonid pasechnik", "kind": null, "context": [] })).unwrap();
    assert_eq!(exact["resolution"], json!("exact"));
    assert_eq!(exact["detail"]["id"], typo["detail"][0]["id"]);
    let new =
        h.invoke("resolve_name", json!({ "name": "Ekaterina Mizulina", "kind": "person", "context": [] })).unwrap();
    assert_eq!(new, json!({ "resolution": "new" }));
}

/// The "Possible duplicates" view: the pairs with their evidence, a merge
/// that corrects the origin count of the claim both touched, and "not the
/// same", after which the pair is never listed again.
#[test]
fn duplicate_pairs_are_listed_merged_or_kept_apart_over_ipc() {
    let h = Harness::new();
    let claim = "Luhansk is fully under Russian control";
    let log = |text: &str, by: &str| {
        let req = LogRequest::new(text, ActorSpec::named(by, ActorKind::Person));
        h.invoke("log_claim", json!({ "request": req })).unwrap()["claim_id"].as_str().unwrap().to_string()
    };
    let claim_id = log(claim, "Leonid Pasechnik");
    assert_eq!(log(claim, "Leonid Pasechnick"), claim_id);
    log("The bridge was closed", "Sergei Petrov");
    log("The bridge reopened", "Sergey Petrov");
    let pairs = h.invoke("duplicate_actors", json!({})).unwrap();
    assert_eq!(pairs.as_array().unwrap().len(), 2, "{pairs}");
    // As many claims each: by name.
    let pasechnik = pairs.as_array().unwrap().iter().find(|p| p["a"]["name"] == json!("Leonid Pasechnick")).unwrap();
    assert_eq!(pasechnik["b"]["name"], json!("Leonid Pasechnik"));
    assert_eq!(pasechnik["claims"], json!({ "a": 1, "b": 1 }));
    assert!(pasechnik["score"].as_f64().unwrap() > 0.0);
    assert_eq!(h.invoke("trace_claim", json!({ "claim": &claim_id })).unwrap()["independent_origins"], json!(2));

    h.invoke("merge_actors", json!({ "keep": pasechnik["b"]["id"], "drop": pasechnik["a"]["id"] })).unwrap();
    assert_eq!(h.invoke("trace_claim", json!({ "claim": &claim_id })).unwrap()["independent_origins"], json!(1));
    let left = h.invoke("duplicate_actors", json!({})).unwrap();
    assert_eq!(left.as_array().unwrap().len(), 1, "{left}");
    let petrov = &left[0];
    let decided = h.invoke("mark_distinct", json!({ "a": petrov["a"]["id"], "b": petrov["b"]["id"] })).unwrap();
    assert_eq!(decided["a"]["id"], petrov["a"]["id"]);
    assert_eq!(h.invoke("duplicate_actors", json!({})).unwrap(), json!([]));
    let again = h.invoke("mark_distinct", json!({ "a": petrov["a"]["id"], "b": petrov["b"]["id"] })).unwrap_err();
    assert_eq!(again["kind"], json!("invalid_input"), "{again}");
}

/// "This is someone else" at logging: the name just logged is recorded as
/// different from the actors it was offered as, so the pair is not listed
/// among possible duplicates; a decision already recorded is not counted twice.
#[test]
fn someone_else_at_logging_is_recorded_as_different_over_ipc() {
    let h = Harness::new();
    let log = |by: &str| {
        let req = LogRequest::new("The bridge was closed", ActorSpec::named(by, ActorKind::Person));
        h.invoke("log_claim", json!({ "request": req })).unwrap();
    };
    log("Sergei Petrov");
    let offered =
        h.invoke("resolve_name", json!({ "name": "Sergey Petrov", "kind": "person", "context": [] })).unwrap();
    assert_eq!(offered["resolution"], json!("candidates"), "{offered}");
    let known = offered["detail"][0]["id"].clone();
    log("Sergey Petrov");
    assert_eq!(h.invoke("duplicate_actors", json!({})).unwrap().as_array().unwrap().len(), 1);
    let recorded = h.invoke("mark_distinct_from", json!({ "actor": "Sergey Petrov", "offered": [&known] })).unwrap();
    assert_eq!(recorded, json!(1));
    assert_eq!(h.invoke("duplicate_actors", json!({})).unwrap(), json!([]));
    assert_eq!(
        h.invoke("mark_distinct_from", json!({ "actor": "Sergey Petrov", "offered": [&known] })).unwrap(),
        json!(0)
    );
    let unknown = h.invoke("mark_distinct_from", json!({ "actor": "Nobody Here", "offered": [&known] })).unwrap_err();
    assert_eq!(unknown["kind"], json!("not_found"), "{unknown}");
}

#[test]
fn errors_cross_as_kind_and_message() {
    let h = Harness::new();
    let err = h.invoke("show_claim", json!({ "claim": "0000dead" })).unwrap_err();
    assert_eq!(err["kind"], json!("not_found"));
    assert!(err["message"].as_str().unwrap().contains("0000dead"), "{err}");

    let logged = h.invoke("log_claim", pasechnik()).unwrap();
    let err = h
        .invoke(
            "set_status",
            json!({ "claim": logged["claim_id"], "request": { "status": "false", "reason": "  ",
                    "evidence": [], "author": "ana" } }),
        )
        .unwrap_err();
    assert_eq!(err["kind"], json!("invalid_input"));
    assert!(err["message"].as_str().unwrap().contains("reason"), "{err}");

    let err = h.invoke("open_link", json!({ "url": "file:///etc/passwd" })).unwrap_err();
    assert_eq!(err["kind"], json!("invalid_input"));
}

#[test]
fn a_window_without_the_capability_is_refused() {
    let h = Harness::new();
    // The capability names the main window only; any other window gets nothing.
    let err = h.invoke_in("elsewhere", "list_claims", no_filter()).unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
    // Nor is the main window granted anything beyond the app's commands: no core plugins.
    let err = h.invoke("plugin:window|close", json!({})).unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
    let err = h.invoke("plugin:event|emit", json!({ "event": "x", "payload": null })).unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

#[test]
fn the_capability_grants_exactly_the_apps_commands() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json")).unwrap();
    let capability: Value = serde_json::from_str(&text).unwrap();
    let mut granted: Vec<String> =
        capability["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    granted.sort();
    let mut commands: Vec<String> =
        claimtrail_desktop::COMMANDS.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    commands.sort();
    assert_eq!(granted, commands);
    assert_eq!(capability["windows"], json!(["main"]));
}

/// The handler list in `lib.rs` names exactly the commands of `COMMANDS`, the
/// list the capability and the UI's `Command` type are made from.
#[test]
fn the_handler_serves_exactly_the_listed_commands() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let start = lib.find("generate_handler![").expect("the handler list") + "generate_handler![".len();
    let end = start + lib[start..].find(']').unwrap();
    let mut handled: Vec<&str> =
        lib[start..end].split(',').filter_map(|c| c.trim().strip_prefix("commands::")).map(str::trim).collect();
    handled.sort();
    let mut listed = claimtrail_desktop::COMMANDS.to_vec();
    listed.sort();
    assert_eq!(handled, listed);

    // And each one is served through the real capability: whatever it answers
    // to no arguments, it is not that the command is unknown or not allowed.
    let h = Harness::new();
    for command in claimtrail_desktop::COMMANDS {
        if let Err(err) = h.invoke(command, json!({})) {
            let err = err.to_string();
            assert!(!err.contains("not found") && !err.contains("not allowed"), "{command}: {err}");
        }
    }
    let err = h.invoke("no_such_command", json!({})).unwrap_err().to_string();
    assert!(err.contains("not found") || err.contains("not allowed"), "{err}");
}

#[test]
fn the_demo_loads_once_and_ends_the_welcome() {
    let h = Harness::new();
    let first = h.invoke("load_demo", json!({})).unwrap();
    assert!(!first.as_array().unwrap().is_empty());
    h.invoke("load_demo", json!({})).unwrap();
    let list = h.invoke("list_claims", no_filter()).unwrap();
    assert_eq!(list.as_array().unwrap().len(), first.as_array().unwrap().len());
    assert_eq!(h.invoke("database_info", json!({})).unwrap()["empty"], json!(false));
    let actors = h.invoke("list_actors", json!({})).unwrap();
    assert!(actors.as_array().unwrap().iter().any(|a| a["name"] == "Kenya Star"));
    let suggested = h.invoke("suggest_actors", json!({ "typed": "kenya st", "limit": 5 })).unwrap();
    assert_eq!(suggested[0]["name"], "Kenya Star");
    assert!(suggested.as_array().unwrap().len() <= 5);
}

#[test]
fn a_claim_logged_by_the_cli_beside_the_window_shows_up() {
    let h = Harness::new();
    h.invoke("list_claims", no_filter()).unwrap();
    // Another process (the CLI) writes to the same file.
    let mut other = Store::open(&h.db).unwrap();
    let mut req = LogRequest::new("Russia will not back down", ActorSpec::named("Yuri Ushakov", ActorKind::Person));
    req.relays.push(RelayStep {
        actor: ActorSpec::named("Al Jazeera", ActorKind::Outlet),
        relation: Relation::Quotes,
        cue: None,
        quote: None,
        document: None,
    });
    let logged = other.log(&req, chrono::Utc::now()).unwrap();
    let list = h.invoke("list_claims", no_filter()).unwrap();
    assert_eq!(list[0]["id"], json!(logged.claim_id));
    // The graph was reloaded too: the new claim traces to its origin.
    assert_eq!(list[0]["independent_origins"], json!(1));
}

/// The one export folder of this test binary: the tests run in parallel and
/// the folder is a process-wide variable, so they all share it.
fn export_folder() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::env::set_var(claimtrail_desktop::export::EXPORT_DIR_ENV, dir.path());
        dir
    })
    .path()
}

/// Issue 12, item 1: no writer of a file may replace the database, the
/// window's exports included, even with the database in the export folder
/// under an export's name.
#[test]
fn an_export_never_overwrites_the_database_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let db = export_folder().join(format!("desk-{}.json", std::process::id()));
    let h = Harness::at(dir, db.clone());
    h.invoke("log_claim", pasechnik()).unwrap();
    let before = std::fs::read(&db).unwrap();
    let name = db.file_name().unwrap().to_str().unwrap();
    let err = h.invoke("save_export", json!({ "fileName": name, "bytes": b"<svg/>".to_vec() })).unwrap_err();
    assert_eq!(err["kind"], json!("invalid_input"), "{err}");
    assert!(err["message"].as_str().unwrap().contains("refusing to write"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the database was written over");
    std::fs::remove_file(&db).ok();
}

#[test]
fn exports_are_written_only_as_plain_image_files_in_the_export_folder() {
    let h = Harness::new();
    let out = export_folder();
    let saved = h.invoke("save_export", json!({ "fileName": "chain-0193.svg", "bytes": b"<svg/>".to_vec() })).unwrap();
    assert_eq!(saved, json!(out.join("chain-0193.svg").display().to_string()));
    assert_eq!(std::fs::read(out.join("chain-0193.svg")).unwrap(), b"<svg/>");
    for name in ["../escape.svg", "/tmp/x.png", "chain.html", ".hidden.svg", "a b.svg", "../x.json", "x.exe"] {
        let err = h.invoke("save_export", json!({ "fileName": name, "bytes": [1, 2] })).unwrap_err();
        assert_eq!(err["kind"], json!("invalid_input"), "{name}: {err}");
    }
}

#[test]
fn a_claim_exports_as_claimreview_and_graphml_into_the_export_folder() {
    let h = Harness::new();
    let out = export_folder();
    let ids = h.invoke("load_demo", json!({})).unwrap();
    let claim = ids[0].as_str().unwrap().to_string();

    let saved = h.invoke("export_data", json!({ "format": "claimreview", "claim": claim, "case": null })).unwrap();
    let path = Path::new(saved.as_str().unwrap());
    assert_eq!(path.parent().unwrap(), out);
    assert!(path.file_name().unwrap().to_str().unwrap().ends_with("-claimreview.jsonld"), "{saved}");
    let parsed: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    assert!(parsed.is_object() || parsed.is_array());

    let saved = h.invoke("export_data", json!({ "format": "graphml", "claim": claim, "case": null })).unwrap();
    let path = Path::new(saved.as_str().unwrap());
    assert_eq!(path.parent().unwrap(), out);
    assert!(std::fs::read_to_string(path).unwrap().contains("<graphml"));

    let err = h.invoke("export_data", json!({ "format": "pdf", "claim": claim, "case": null })).unwrap_err();
    assert_eq!(err["kind"], json!("invalid_input"), "{err}");
}

#[test]
fn pasted_text_yields_proposals_ready_to_log() {
    let h = Harness::new();
    let text = "Leonid Pasechnik, the Russian-installed governor, said the region had been \"100 per cent liberated\", Al Jazeera reported.";
    let proposals = h
        .invoke(
            "propose_claims",
            json!({ "text": text, "url": "https://kenya-star.example/a", "outlet": "Kenya Star", "published": "2025-07-03" }),
        )
        .unwrap();
    let first = &proposals[0];
    assert!(first["text"].as_str().unwrap().contains("100 per cent liberated"), "{proposals}");
    let request = &first["request"];
    assert!(request["speaker"]["name"].as_str().unwrap().contains("Pasechnik"), "{request}");
    // Accepting the proposal is an ordinary log request.
    let logged = h.invoke("log_claim", json!({ "request": request })).unwrap();
    assert!(logged["claim_id"].is_string());
}

/// A proposal carries how its names resolve: a name that only looks like a
/// known actor comes with the candidates, so Accept asks instead of creating
/// a near-duplicate; a known name comes with its actor.
#[test]
fn proposals_carry_the_resolution_of_their_names() {
    let h = Harness::new();
    h.invoke("log_claim", pasechnik()).unwrap();
    let text = "Leonid Pasechnick said the region had been \"fully liberated\", Al Jazeera reported.";
    let proposals =
        h.invoke("propose_claims", json!({ "text": text, "url": null, "outlet": null, "published": null })).unwrap();
    let first = &proposals[0];
    let names = first["names"].as_array().unwrap();
    let speaker = names.iter().find(|n| n["name"] == json!("Leonid Pasechnick")).expect("the speaker is resolved");
    assert_eq!(speaker["resolution"], json!("candidates"), "{names:?}");
    assert_eq!(speaker["candidates"][0]["name"], json!("Leonid Pasechnik"));
    let relay = names.iter().find(|n| n["name"] == json!("Al Jazeera")).expect("the relay is resolved");
    assert_eq!(relay["resolution"], json!("exact"));
    assert!(relay["id"].is_string());
    // Accepting with the candidate picked logs under the known actor: no new actor.
    let mut request = first["request"].clone();
    request["speaker"]["name"] = json!("Leonid Pasechnik");
    h.invoke("log_claim", json!({ "request": request })).unwrap();
    let actors = h.invoke("list_actors", json!({})).unwrap();
    let named: Vec<&str> = actors.as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert!(!named.contains(&"Leonid Pasechnick"), "{named:?}");
}

#[test]
fn oversized_pastes_and_claims_are_refused_with_their_limits() {
    let h = Harness::new();
    let paste = "He said it was fine. ".repeat(50 * 1024 * 1024 / 21 + 1);
    let err = h
        .invoke("propose_claims", json!({ "text": paste, "url": null, "outlet": null, "published": null }))
        .unwrap_err();
    assert_eq!(err, json!({ "kind": "invalid_input", "message": "the pasted text is 50.0 MiB; the limit is 10 MiB" }));

    let mut request = pasechnik();
    request["request"]["claim"] = json!("x".repeat(100_001));
    let err = h.invoke("log_claim", request).unwrap_err();
    assert_eq!(err["kind"], json!("invalid_input"));
    assert!(err["message"].as_str().unwrap().contains("the limit is 100000"), "{err}");
    assert_eq!(h.invoke("list_claims", no_filter()).unwrap(), json!([]));
}

#[test]
fn a_capture_link_waits_for_the_window_once() {
    let h = Harness::new();
    assert_eq!(h.invoke("take_capture_link", json!({})).unwrap(), Value::Null);
    let link =
        "claimtrail://capture?url=https%3A%2F%2Fkenyastar.example%2Fluhansk&text=%22100%20per%20cent%20liberated%22";
    claimtrail_desktop::capture_link::receive(h.app.handle(), [link.to_string(), "claimtrail://other".to_string()]);
    let taken = h.invoke("take_capture_link", json!({})).unwrap();
    assert_eq!(taken, json!({ "url": "https://kenyastar.example/luhansk", "text": "\"100 per cent liberated\"" }));
    assert_eq!(h.invoke("take_capture_link", json!({})).unwrap(), Value::Null, "taken once");
}

#[test]
fn a_shortcut_press_waits_for_the_window_once_and_a_missing_clipboard_is_a_clear_error() {
    let h = Harness::new();
    // Until setup registers it, the system-wide shortcut is off and says why.
    let info = h.invoke("capture_shortcut", json!({})).unwrap();
    assert_eq!(info["registered"], false);
    assert!(!info["why_not"].as_str().unwrap().is_empty());
    // The mock app has no clipboard plugin: an error the window can show, not a panic.
    let err = h.invoke("read_clipboard", json!({})).unwrap_err();
    assert_eq!(err["kind"], json!("invalid_input"));
    assert!(err["message"].as_str().unwrap().contains("clipboard is not available"), "{err}");

    assert_eq!(h.invoke("take_clipboard_capture", json!({})).unwrap(), Value::Null);
    let copied = "https://kenyastar.example/luhansk";
    h.app.state::<claimtrail_desktop::clipboard_capture::PendingClipboard>().put(copied.to_string());
    assert_eq!(h.invoke("take_clipboard_capture", json!({})).unwrap(), json!(copied));
    assert_eq!(h.invoke("take_clipboard_capture", json!({})).unwrap(), Value::Null, "taken once");
}

#[test]
fn capture_over_ipc_refuses_this_machine_then_keeps_a_local_page_when_allowed() {
    let site = site::Site::start();
    let h = Harness::new();
    let options = json!({ "create_outlet": false });
    // The only test here that fetches, so the environment is its own.
    std::env::remove_var("CLAIMTRAIL_ALLOW_LOOPBACK");
    let err = h.invoke("capture_page", json!({ "url": site.url("/article"), "options": options })).unwrap_err();
    assert_eq!(err["kind"], json!("refused"));
    let err = h.invoke("capture_page", json!({ "url": "file:///etc/passwd", "options": options })).unwrap_err();
    assert_eq!(err["kind"], json!("invalid_input"));

    std::env::set_var("CLAIMTRAIL_ALLOW_LOOPBACK", "1");
    let got =
        h.invoke("capture_page", json!({ "url": site.url("/article"), "options": { "create_outlet": true } })).unwrap();
    assert_eq!(got["canonical_url"], json!(site.url("/article")));
    assert_eq!(got["outlet"], json!("Valley Post"));
    assert_eq!(got["sha256"].as_str().unwrap().len(), 64);
    assert!(got["text"].as_str().unwrap().contains(site::ARTICLE_QUOTE));
    let err = h.invoke("capture_page", json!({ "url": site.url("/pdf"), "options": options })).unwrap_err();
    assert_eq!(err["kind"], json!("refused"));
}

/// A harness whose store opens on another thread after `delay`, as the real
/// window's does, through `opener`.
fn opening_harness(
    delay: std::time::Duration,
    opener: impl FnOnce(&Path) -> claimtrail_core::Result<Store> + Send + 'static,
) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("claimtrail.sqlite3");
    let app = claimtrail_desktop::with_open_store(mock_builder(), claimtrail_desktop::OpenStore::opening(db.clone()))
        .build(tauri::generate_context!())
        .unwrap();
    let handle = app.handle().clone();
    let path = db.clone();
    std::thread::spawn(move || {
        std::thread::sleep(delay);
        handle.state::<claimtrail_desktop::OpenStore>().settle(opener(&path));
    });
    Harness { _dir: dir, db, app }
}

#[test]
fn a_command_sent_while_the_store_opens_waits_for_it() {
    let h = opening_harness(std::time::Duration::from_millis(300), |path| {
        let mut store = Store::open(path)?;
        let mut req = LogRequest::new("Opened late", ActorSpec::named("Someone", ActorKind::Person));
        req.quote = Some("late".into());
        store.log(&req, chrono::Utc::now())?;
        Ok(store)
    });
    let started = std::time::Instant::now();
    let claims = h.invoke("list_claims", no_filter()).unwrap();
    assert!(started.elapsed() >= std::time::Duration::from_millis(250), "the command waited for the store");
    assert_eq!(claims[0]["text"], json!("Opened late"));
}

#[test]
fn a_store_that_could_not_open_answers_every_command_with_the_reason() {
    let h = opening_harness(std::time::Duration::ZERO, |path| {
        std::fs::write(path, b"this is not an SQLite database, but it is long enough to have a header .....").unwrap();
        Store::open(path)
    });
    for cmd in ["database_info", "list_actors"] {
        let err = h.invoke(cmd, json!({})).unwrap_err();
        assert_eq!(err["kind"], json!("not_a_database"), "{cmd}: {err}");
        assert!(err["message"].as_str().unwrap().contains("claimtrail.sqlite3"), "{err}");
    }
}

#[test]
fn records_are_corrected_deleted_and_undone_any_number_of_steps_over_ipc() {
    let h = Harness::new();
    let logged = h.invoke("log_claim", pasechnik()).unwrap();
    let claim = logged["claim_id"].as_str().unwrap().to_string();
    let shown = h.invoke("show_claim", json!({ "claim": claim })).unwrap();
    let origin =
        shown["appearances"].as_array().unwrap().iter().find(|a| a["actor"] == "Leonid Pasechnik").unwrap().clone();
    let relayer = shown["appearances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["upstream"].as_array().unwrap().contains(&origin["id"]))
        .unwrap()
        .clone();
    let edges = || h.invoke("trace_claim", json!({ "claim": claim })).unwrap()["edges"].as_array().unwrap().len();
    assert_eq!(edges(), 3);

    let edit = json!({ "record": origin["handle"], "author": "ana",
                       "edit": { "by": { "type": "new", "value": "Leonid Pasechnick" }, "role": "head of the LPR" } });
    let corrected = h.invoke("edit_record", edit).unwrap();
    assert_eq!(corrected["action"], json!("correct_appearance"));
    let shown = h.invoke("show_claim", json!({ "claim": claim })).unwrap();
    let fixed = shown["appearances"].as_array().unwrap().iter().find(|a| a["id"] == origin["id"]).unwrap().clone();
    assert_eq!(
        (fixed["actor"].clone(), fixed["actor_role"].clone()),
        (json!("Leonid Pasechnick"), json!("head of the LPR"))
    );

    let relay = json!({ "from": relayer["handle"], "to": origin["handle"], "author": "ana" });
    h.invoke("delete_relay", relay.clone()).unwrap();
    assert_eq!(edges(), 2, "the relayer no longer took the claim from the origin");
    assert_eq!(h.invoke("delete_relay", relay.clone()).unwrap_err()["kind"], json!("invalid_input"));
    h.invoke("delete_record", json!({ "record": claim, "author": "ana" })).unwrap();
    assert!(h.invoke("list_claims", no_filter()).unwrap().as_array().unwrap().is_empty());

    // Three steps back: the claim, the relay and the speaker; one forward: the speaker fixed again.
    let undone = h.invoke("undo", json!({ "steps": 3, "author": "ana" })).unwrap();
    let actions: Vec<&str> = undone.as_array().unwrap().iter().map(|s| s["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["delete_claim", "delete_relay", "correct_appearance"]);
    assert_eq!(edges(), 3);
    let redone = h.invoke("redo", json!({ "steps": 1, "author": "ana" })).unwrap();
    assert_eq!(redone[0]["action"], json!("correct_appearance"));
    let shown = h.invoke("show_claim", json!({ "claim": claim })).unwrap();
    assert!(shown["appearances"].as_array().unwrap().iter().any(|a| a["actor"] == "Leonid Pasechnick"));

    let history = h.invoke("claim_history", json!({ "claim": claim })).unwrap();
    let actions: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for expected in ["log", "correct_appearance", "delete_relay", "delete_claim", "undo", "redo"] {
        assert!(actions.contains(&expected), "{expected} missing from {actions:?}");
    }
    assert_eq!(history.as_array().unwrap().last().unwrap()["author"], json!("ana"));
    h.invoke("add_note", json!({ "claim": claim, "text": "Asked the ministry", "author": "bo" })).unwrap();
    let history = h.invoke("claim_history", json!({ "claim": claim })).unwrap();
    let note = history.as_array().unwrap().last().unwrap().clone();
    assert_eq!((note["action"].clone(), note["author"].clone()), (json!("note"), json!("bo")));

    // Two undone steps are left to redo, not three; a live claim cannot be restored.
    let err = h.invoke("redo", json!({ "steps": 3, "author": "ana" })).unwrap_err();
    assert_eq!(err["kind"], json!("invalid_input"));
    let err = h.invoke("undelete_record", json!({ "record": claim, "author": "ana" })).unwrap_err();
    assert_eq!(err["kind"], json!("invalid_input"));
}

#[test]
fn a_case_is_renamed_over_ipc_and_keeps_its_claims() {
    let h = Harness::new();
    let claim = h.invoke("log_claim", pasechnik()).unwrap()["claim_id"].clone();
    h.invoke("add_to_case", json!({ "case": "Luhansk", "claims": [claim], "author": "ana" })).unwrap();
    let renamed = h.invoke("rename_case", json!({ "case": "luhansk", "newName": "Luhansk July", "author": "ana" }));
    assert_eq!(renamed.unwrap(), json!("Luhansk July"));
    assert_eq!(h.invoke("list_cases", json!({})).unwrap(), json!([{ "name": "Luhansk July", "claims": 1 }]));
    let err = h.invoke("rename_case", json!({ "case": "Nowhere", "newName": "X", "author": "ana" })).unwrap_err();
    assert_eq!(err["kind"], json!("not_found"));
}

/// A database the shell cannot write (an immutable file refuses root too)
/// opens read-only: the window is told why, reads work, and a change comes
/// back as `read_only` naming the file, for the banner and the form.
#[test]
fn a_read_only_database_is_read_and_changes_come_back_as_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("claimtrail.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let req: LogRequest = serde_json::from_value(pasechnik()["request"].clone()).unwrap();
    store.log(&req, chrono::Utc::now()).unwrap();
    drop(store);
    let chattr = |flag: &str| std::process::Command::new("chattr").arg(flag).arg(&db).output();
    match chattr("+i") {
        Ok(o) if o.status.success() => {}
        other => {
            use std::io::Write;
            let _ =
                writeln!(std::io::stderr(), "SKIPPED read-only database over IPC: chattr +i unavailable ({other:?})");
            return;
        }
    }
    let store = Store::open(&db);
    let h = store.map(|store| Harness {
        app: claimtrail_desktop::with_commands(mock_builder(), store, db.clone())
            .build(tauri::generate_context!())
            .unwrap(),
        db: db.clone(),
        _dir: dir,
    });
    let results = h.as_ref().map(|h| {
        (h.invoke("database_info", json!({})), h.invoke("list_claims", no_filter()), h.invoke("log_claim", pasechnik()))
    });
    let _ = chattr("-i");
    let (info, list, logged) = results.unwrap();
    let info = info.unwrap();
    assert!(info["read_only"].as_str().unwrap().contains("cannot be modified"), "{info}");
    assert_eq!(info["empty"], json!(false));
    assert_eq!(list.unwrap().as_array().unwrap().len(), 1);
    let err = logged.unwrap_err();
    assert_eq!(err["kind"], json!("read_only"), "{err}");
    let message = err["message"].as_str().unwrap();
    assert!(message.starts_with(&format!("cannot write {}: read-only: ", db.display())), "{message}");
}

/// A history that no longer verifies (the newest verdict and its entry cut
/// with the sqlite3 shell) reaches the window through `database_info`, for
/// the banner; an intact one says nothing.
#[test]
fn a_broken_history_is_reported_by_database_info_for_the_banner() {
    let h = Harness::new();
    let claim = h.invoke("log_claim", pasechnik()).unwrap()["claim_id"].as_str().unwrap().to_string();
    for reason in ["Maps disagree", "Front line moved"] {
        let request = json!({ "status": "contested", "reason": reason, "evidence": [], "author": "ana" });
        h.invoke("set_status", json!({ "claim": claim, "request": request })).unwrap();
    }
    assert_eq!(h.invoke("database_info", json!({})).unwrap()["history_broken"], Value::Null);
    Store::open(&h.db)
        .unwrap()
        .connection()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             DROP TRIGGER verdict_no_delete; DROP TRIGGER history_entry_no_delete;
             DELETE FROM verdict WHERE seq = (SELECT max(seq) FROM verdict);
             DELETE FROM history_entry WHERE seq = (SELECT max(seq) FROM history_entry);",
        )
        .unwrap();
    let info = h.invoke("database_info", json!({})).unwrap();
    let line = info["history_broken"].as_str().unwrap();
    // The log is the first entry, the two verdicts the second and third.
    assert!(line.starts_with("entry 3 (entry 3): "), "{line}");
    assert!(line.contains("the newest history was deleted"), "{line}");
}

#[test]
fn the_claim_page_edits_tags_notes_the_review_url_and_the_assignee_over_ipc() {
    let h = Harness::new();
    let logged = h.invoke("log_claim", pasechnik()).unwrap();
    let claim_id = logged["claim_id"].as_str().unwrap().to_string();
    let handle = h.invoke("show_claim", json!({ "claim": claim_id })).unwrap()["handle"].as_str().unwrap().to_string();
    let author = "ana";
    h.invoke("tag_claim", json!({ "claim": handle, "tags": ["energy", "luhansk"], "author": author })).unwrap();
    h.invoke("untag_claim", json!({ "claim": handle, "tags": ["luhansk"], "author": author })).unwrap();
    h.invoke("add_note", json!({ "claim": handle, "text": "Asked the ministry", "author": author })).unwrap();
    h.invoke("set_review_url", json!({ "claim": handle, "url": "https://checks.example/luhansk", "author": author }))
        .unwrap();
    h.invoke("assign_claim", json!({ "claim": handle, "assignee": "Bo", "due": "2025-07-20", "author": author }))
        .unwrap();
    h.invoke("add_to_case", json!({ "case": "Luhansk", "claims": [handle], "author": author })).unwrap();
    let shown = h.invoke("show_claim", json!({ "claim": handle })).unwrap();
    assert_eq!(shown["tags"], json!(["energy"]));
    assert_eq!(shown["notes"][0]["text"], json!("Asked the ministry"));
    assert_eq!(shown["review_url"], json!("https://checks.example/luhansk"));
    assert_eq!((shown["assignee"].clone(), shown["due"].clone()), (json!("Bo"), json!("2025-07-20")));
    assert_eq!(shown["cases"], json!(["Luhansk"]));
    assert!(shown["appearances"].as_array().unwrap().iter().all(|a| a["handle"].is_string()));
    let err = h.invoke("set_review_url", json!({ "claim": handle, "url": "javascript:alert(1)", "author": author }));
    assert_eq!(err.unwrap_err()["kind"], json!("invalid_input"));
}
